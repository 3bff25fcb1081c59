import { describe, expect, it } from '@jest/globals';
import type { Client } from '@microsoft/microsoft-graph-client';
import { type Page, readAllPages, relativeLink } from './paging.js';

describe('relativeLink', () => {
  it('strips the origin and version of Graph and of the emulator alike', () => {
    expect(
      relativeLink('https://graph.microsoft.com/v1.0/sites/a/lists/b/items?$skiptoken=x'),
    ).toBe('/sites/a/lists/b/items?$skiptoken=x');
    expect(relativeLink('http://127.0.0.1:53100/v1.0/users?$skiptoken=2')).toBe(
      '/users?$skiptoken=2',
    );
  });
  it('leaves a relative path alone', () => {
    expect(relativeLink('/me')).toBe('/me');
  });
  it('strips only a Graph origin at the start, and only before the version root', () => {
    const inQuery = '/sites/a?redirect=https://graph.microsoft.com/v1.0/x';
    expect(relativeLink(inQuery)).toBe(inQuery);
    expect(relativeLink('https://graph.microsoft.com/beta/me')).toBe('/me');
    expect(relativeLink('https://graph.microsoft.com/v1.0x/me')).toBe(
      'https://graph.microsoft.com/v1.0x/me',
    );
  });
});

describe('readAllPages', () => {
  /** A client that serves pages by relative link and records what it was asked for. */
  function pagedClient(pages: Record<string, Page<number>>) {
    const asked: string[] = [];
    const client = {
      api: (path: string) => ({
        get: async () => {
          asked.push(path);
          const page = pages[path];
          if (!page) throw new Error(`no page at ${path}`);
          return page;
        },
      }),
    } as unknown as Client;
    return { client, asked };
  }

  it('follows each next link, relative to the version root, and returns every item and the delta link', async () => {
    const { client, asked } = pagedClient({
      '/sites/s/lists/l/items?$skiptoken=2': {
        value: [3, 4],
        '@odata.nextLink': 'https://graph.microsoft.com/v1.0/sites/s/lists/l/items?$skiptoken=3',
      },
      '/sites/s/lists/l/items?$skiptoken=3': {
        value: [5],
        '@odata.deltaLink': 'https://graph.microsoft.com/v1.0/sites/s/lists/l/items/delta?token=9',
      },
    });
    const seen: number[][] = [];
    const result = await readAllPages(
      client,
      {
        value: [1, 2],
        '@odata.nextLink': 'https://graph.microsoft.com/v1.0/sites/s/lists/l/items?$skiptoken=2',
      },
      (items) => seen.push(items),
    );
    expect(result).toEqual({
      items: [1, 2, 3, 4, 5],
      deltaLink: 'https://graph.microsoft.com/v1.0/sites/s/lists/l/items/delta?token=9',
    });
    expect(seen).toEqual([[1, 2], [3, 4], [5]]);
    expect(asked).toEqual([
      '/sites/s/lists/l/items?$skiptoken=2',
      '/sites/s/lists/l/items?$skiptoken=3',
    ]);
  });

  it('asks for nothing more when the first page is the last', async () => {
    const { client, asked } = pagedClient({});
    expect(await readAllPages(client, { value: [1] })).toEqual({
      items: [1],
      deltaLink: undefined,
    });
    expect(asked).toEqual([]);
  });
});
