import type { Client } from '@microsoft/microsoft-graph-client';
import { GraphError } from '@microsoft/microsoft-graph-client';
import { type ColumnDefinition, type ListDefinition, type ListName, SCHEMA } from './schema.js';

export type ProvisionStep =
  | { readonly kind: 'listCreated'; readonly list: ListName }
  | { readonly kind: 'columnAdded'; readonly list: ListName; readonly column: string }
  | {
      readonly kind: 'columnUpdated';
      readonly list: ListName;
      readonly column: string;
      readonly changes: readonly string[];
    }
  | { readonly kind: 'listUpToDate'; readonly list: ListName };

export type ProvisionResult = {
  readonly siteId: string;
  readonly listIds: Readonly<Record<ListName, string>>;
  readonly steps: readonly ProvisionStep[];
};

type GraphColumn = {
  id: string;
  name: string;
  indexed?: boolean;
  enforceUniqueValues?: boolean;
  required?: boolean;
  choice?: { choices: string[] };
};

/** `hostname:/sites/path` or a site id, as Graph addresses a site. */
export function sitePath(siteRef: string): string {
  const m = /^([^:/]+):(\/.*)$/.exec(siteRef);
  return m ? `/sites/${m[1]}:${m[2]}` : `/sites/${encodeURIComponent(siteRef)}`;
}

export async function resolveSiteId(client: Client, siteRef: string): Promise<string> {
  const site = (await client.api(sitePath(siteRef)).select('id').get()) as { id: string };
  return site.id;
}

const isNotFound = (e: unknown) => e instanceof GraphError && e.statusCode === 404;

/** What differs between a column as defined and as found; only what SharePoint lets change. */
export function columnChanges(
  wanted: ColumnDefinition,
  found: GraphColumn,
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  if (Boolean(wanted.indexed) !== Boolean(found.indexed))
    patch['indexed'] = Boolean(wanted.indexed);
  if (Boolean(wanted.enforceUniqueValues) !== Boolean(found.enforceUniqueValues))
    patch['enforceUniqueValues'] = Boolean(wanted.enforceUniqueValues);
  if (Boolean(wanted.required) !== Boolean(found.required))
    patch['required'] = Boolean(wanted.required);
  if ('choice' in wanted) {
    const have = found.choice?.choices ?? [];
    if (wanted.choice.choices.some((c) => !have.includes(c))) {
      // Add new choices, keep old ones: items may still hold them.
      patch['choice'] = {
        choices: [...have, ...wanted.choice.choices.filter((c) => !have.includes(c))],
      };
    }
  }
  return patch;
}

async function ensureList(
  client: Client,
  siteId: string,
  def: ListDefinition,
  steps: ProvisionStep[],
): Promise<string> {
  const base = `/sites/${encodeURIComponent(siteId)}/lists`;
  let list: { id: string } | undefined;
  try {
    list = (await client
      .api(`${base}/${encodeURIComponent(def.name)}`)
      .select('id')
      .get()) as { id: string };
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  if (!list) {
    const created = (await client.api(base).post({
      displayName: def.name,
      description: def.description,
      columns: def.columns,
      list: { template: 'genericList' },
    })) as { id: string };
    steps.push({ kind: 'listCreated', list: def.name });
    return created.id;
  }
  const found = ((await client.api(`${base}/${list.id}/columns`).get()) as { value: GraphColumn[] })
    .value;
  let changed = false;
  for (const column of def.columns) {
    const existing = found.find((c) => c.name.toLowerCase() === column.name.toLowerCase());
    if (!existing) {
      await client.api(`${base}/${list.id}/columns`).post(column);
      steps.push({ kind: 'columnAdded', list: def.name, column: column.name });
      changed = true;
      continue;
    }
    const patch = columnChanges(column, existing);
    if (Object.keys(patch).length > 0) {
      // Indexing must come before uniqueness: SharePoint refuses unique values on an unindexed column.
      if (patch['enforceUniqueValues'] === true && patch['indexed'] === true) {
        await client.api(`${base}/${list.id}/columns/${existing.id}`).patch({ indexed: true });
      }
      await client.api(`${base}/${list.id}/columns/${existing.id}`).patch(patch);
      steps.push({
        kind: 'columnUpdated',
        list: def.name,
        column: column.name,
        changes: Object.keys(patch),
      });
      changed = true;
    }
  }
  if (!changed) steps.push({ kind: 'listUpToDate', list: def.name });
  return list.id;
}

/**
 * Creates or updates every list and column of the schema on a site. Idempotent: a second run
 * changes nothing. The same code runs against the emulator and a tenant.
 */
export async function provisionSite(
  client: Client,
  siteRef: string,
  schema: readonly ListDefinition[] = SCHEMA,
): Promise<ProvisionResult> {
  const siteId = await resolveSiteId(client, siteRef);
  const steps: ProvisionStep[] = [];
  const listIds: Partial<Record<ListName, string>> = {};
  for (const def of schema) listIds[def.name] = await ensureList(client, siteId, def, steps);
  return { siteId, listIds: listIds as Record<ListName, string>, steps };
}

export function describeStep(step: ProvisionStep): string {
  switch (step.kind) {
    case 'listCreated':
      return `created list ${step.list}`;
    case 'columnAdded':
      return `added column ${step.list}.${step.column}`;
    case 'columnUpdated':
      return `updated column ${step.list}.${step.column} (${step.changes.join(', ')})`;
    case 'listUpToDate':
      return `list ${step.list} is up to date`;
  }
}
