import type { Client } from '@microsoft/microsoft-graph-client';

/** A page of a Graph collection. */
export type Page<T> = {
  value: T[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
};

/**
 * Makes an absolute Graph link (nextLink, deltaLink) relative to the version root, so the client
 * sends it through its own middleware. The SDK only recognises absolute links on https hosts,
 * and the local emulator is http.
 */
export function relativeLink(link: string): string {
  return link.replace(/^https?:\/\/[^/]+\/(v1\.0|beta)(?=\/)/, '');
}

/** Follows @odata.nextLink from a first page to the last, calling onPage for each. */
export async function readAllPages<T>(
  client: Client,
  first: Page<T>,
  onPage?: (items: T[]) => void,
): Promise<{ items: T[]; deltaLink: string | undefined }> {
  const items: T[] = [];
  let page = first;
  for (;;) {
    items.push(...page.value);
    onPage?.(page.value);
    const next = page['@odata.nextLink'];
    if (!next) return { items, deltaLink: page['@odata.deltaLink'] };
    page = (await client.api(relativeLink(next)).get()) as Page<T>;
  }
}
