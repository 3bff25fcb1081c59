import type { Client } from '@microsoft/microsoft-graph-client';
import { type Page, readAllPages } from './paging.js';
import type { ListName } from './schema.js';

/**
 * List items as Graph addresses them: the one place that knows the item paths, how an item's
 * eTag is read, and how a list is read page by page. Repositories, services, the outbox and the
 * command-line tools all go through here.
 */

/** A list item as Graph returns it with expand=fields. */
export type ListItem = {
  readonly id: string;
  readonly eTag?: string;
  readonly fields: Readonly<Record<string, unknown>>;
};

/** Where the records live: the site and the id of each list, found once at start-up. */
export type SiteLists = {
  readonly siteId: string;
  readonly listIds: Readonly<Record<ListName, string>>;
};

export const itemsPath = (lists: SiteLists, list: ListName): string =>
  `/sites/${encodeURIComponent(lists.siteId)}/lists/${lists.listIds[list]}/items`;

export const itemPath = (lists: SiteLists, list: ListName, id: string): string =>
  `${itemsPath(lists, list)}/${encodeURIComponent(id)}`;

export const fieldsPath = (lists: SiteLists, list: ListName, id: string): string =>
  `${itemPath(lists, list, id)}/fields`;

/**
 * An item's version: Graph gives it as `eTag` on the item and as `@odata.etag` on its fields
 * (the answer of a PATCH to .../fields carries only the latter).
 */
export const eTagOf = (item: ListItem): string => item.eTag ?? eTagOfFields(item.fields);

/** The version carried by an item's fields (`@odata.etag`). */
export const eTagOfFields = (fields: Readonly<Record<string, unknown>>): string =>
  String(fields['@odata.etag'] ?? '');

/** The item a PATCH of its fields answered with: the fields, with their version. */
export const itemFromFields = (id: string, fields: Record<string, unknown>): ListItem => ({
  id,
  eTag: eTagOfFields(fields),
  fields,
});

/** A text value quoted for OData `$filter` (a quote is doubled). */
export const quote = (value: string): string => `'${value.replace(/'/g, "''")}'`;

export type ItemQuery = {
  readonly filter?: string;
  readonly orderby?: string;
  readonly top?: number;
};

/** Reads the items of a list matching a query (every page) with their fields. */
export async function readItems(
  client: Client,
  lists: SiteLists,
  list: ListName,
  query: ItemQuery = {},
): Promise<ListItem[]> {
  let request = client
    .api(itemsPath(lists, list))
    .expand('fields')
    .top(query.top ?? 500);
  if (query.filter) request = request.filter(query.filter);
  if (query.orderby) request = request.orderby(query.orderby);
  const first = (await request.get()) as Page<ListItem>;
  return (await readAllPages(client, first)).items;
}

/** One item with its fields. */
export async function readItem(
  client: Client,
  lists: SiteLists,
  list: ListName,
  id: string,
): Promise<ListItem> {
  return (await client
    .api(itemPath(lists, list, id))
    .expand('fields')
    .get()) as ListItem;
}

/** Finds the id of every list of the schema on the site, failing with the names of any missing. */
export async function findSiteLists(
  client: Client,
  siteId: string,
  names: readonly ListName[],
  /** Lists SharePoint may hide from this person (a practitioner sees only what is shared); '' when hidden. */
  mayBeHidden: readonly ListName[] = [],
): Promise<SiteLists> {
  const found = (await client
    .api(`/sites/${encodeURIComponent(siteId)}/lists`)
    .select('id,displayName')
    .get()) as Page<{ id: string; displayName: string }>;
  const { items } = await readAllPages(client, found);
  const listIds: Partial<Record<ListName, string>> = {};
  const missing: string[] = [];
  for (const name of names) {
    const list = items.find((l) => l.displayName === name);
    if (list) listIds[name] = list.id;
    else if (mayBeHidden.includes(name)) listIds[name] = '';
    else missing.push(name);
  }
  if (missing.length > 0) {
    throw new Error(
      `The partnership site has not been provisioned: the lists ${missing.join(', ')} are missing. Run npm run provision.`,
    );
  }
  return { siteId, listIds: listIds as Record<ListName, string> };
}

/** The partnership's settings (PartnershipSettings) as key to value; an item without both is skipped. */
export async function readSettings(
  client: Client,
  lists: SiteLists,
): Promise<ReadonlyMap<string, string>> {
  const items = await readItems(client, lists, 'PartnershipSettings');
  return new Map(
    items.flatMap((i) =>
      typeof i.fields['Key'] === 'string' && typeof i.fields['Value'] === 'string'
        ? [[i.fields['Key'], i.fields['Value']] as const]
        : [],
    ),
  );
}
