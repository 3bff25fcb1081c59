/**
 * Replays the request/response examples of Microsoft's Graph documentation (../shared/graph-contract)
 * against the emulator and compares the shape of each answer: status, property names and JSON
 * types, @odata annotations and the error body.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AUDIT_CHANNEL_ID,
  PARTNERSHIP_SITE_ID,
  SEED_USERS,
  TEAM_ID,
} from '../../src/emulator/tenant.js';
import {
  BUSINESS_MANAGER,
  call,
  type TestEmulator,
  testEmulator,
  tokenFor,
} from '../support/emulator.js';

// ../shared sits beside the project's root on every machine and in CI.
const CONTRACT_DIR =
  process.env['GRAPH_CONTRACT_DIR'] ?? join(import.meta.dirname, '../../../shared/graph-contract');

type Example = {
  title: string;
  request: { method: string; url: string; headers: Record<string, string>; body: unknown };
  response: { status: number; headers: Record<string, string>; body: unknown };
};

/** Examples that cannot be replayed here, and why. */
const NOT_REPLAYED: Record<string, string> = {
  'channel-post-messages.json#Example 2: Import messages':
    'migration import (needs Teamwork.Migrate.All and a channel in migration mode); the README says it is not replayable',
  'channel-post-messages.json#Example 3: Import messages with inline images (contentBytes shortened in the docs)':
    'migration import with truncated contentBytes; not replayable',
  'user-get.json#Example 4: Get the value of a schema extension for a user':
    'schema extensions are not emulated; the product does not use them',
  'user-get.json#Example 5: Get the custom security attributes assignments for a user':
    'custom security attributes are not emulated; the product does not use them',
  'user-get.json#Example 5: Get the custom security attribute assignments for a user':
    'custom security attributes are not emulated; the product does not use them',
  'user-get.json#Example 5 (alternate response): no custom security attributes assigned or no access':
    'custom security attributes are not emulated; the product does not use them',
};

/** Properties the documentation shows that belong to document libraries, not to generic lists. */
const IGNORED_PATHS = new Set(['parentReference.path']);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Every way in which `actual` lacks what `documented` shows, as readable paths. */
function shapeDifferences(documented: unknown, actual: unknown, path = ''): string[] {
  if (documented === null) return [];
  const expected = typeOf(documented);
  const got = typeOf(actual);
  // Graph's scalar properties are nullable: a property that is present but unset is null.
  if (got === 'null' && ['string', 'number', 'boolean'].includes(expected)) return [];
  if (expected !== got)
    return [`${path || '(body)'}: documented ${expected}, emulator gave ${got}`];
  if (expected === 'array') {
    const d = documented as unknown[];
    const a = actual as unknown[];
    if (d.length > 0 && a.length > 0) return shapeDifferences(d[0], a[0], `${path}[0]`);
    if (d.length > 0 && a.length === 0) return [`${path}: documented items, emulator gave none`];
    return [];
  }
  if (expected === 'object') {
    const out: string[] = [];
    for (const [key, value] of Object.entries(documented as Record<string, unknown>)) {
      const child = path ? `${path}.${key}` : key;
      if ([...IGNORED_PATHS].some((ignored) => child.endsWith(ignored))) continue;
      if (!(key in (actual as Record<string, unknown>))) {
        out.push(`${child}: missing`);
        continue;
      }
      out.push(...shapeDifferences(value, (actual as Record<string, unknown>)[key], child));
    }
    return out;
  }
  return [];
}

let emulator: TestEmulator;
let token: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  emulator = await testEmulator();
  token = tokenFor(BUSINESS_MANAGER);
  const site = encodeURIComponent(PARTNERSHIP_SITE_ID);
  const list = await call(emulator, 'POST', `/sites/${site}/lists`, {
    token,
    body: {
      displayName: 'Inventory',
      columns: [
        { name: 'Name', text: {}, description: 'Customer-facing name of the SKU' },
        { name: 'Color', text: {}, description: 'Color of the item in stock' },
        { name: 'Quantity', number: {}, description: 'Number of items in stock' },
        { name: 'Weight', number: {} },
      ],
    },
  });
  ids['list'] = list.body.id;
  for (const [Name, Color, Quantity] of [
    ['Gadget', 'Red', 503],
    ['Widget', 'Blue', 2357],
    ['Gizmo', 'Green', 92],
  ] as const) {
    const item = await call(emulator, 'POST', `/sites/${site}/lists/${ids['list']}/items`, {
      token,
      body: { fields: { Title: Name, Name, Color, Quantity } },
    });
    ids[`item-${Name}`] = item.body.id;
  }
  const me = SEED_USERS[0]!.id;
  const other = SEED_USERS[1]!.id;
  const chat = await call(emulator, 'POST', '/chats', {
    token,
    body: {
      chatType: 'oneOnOne',
      members: [me, other].map((id) => ({
        '@odata.type': '#microsoft.graph.aadUserConversationMember',
        roles: ['owner'],
        'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${id}')`,
      })),
    },
  });
  ids['chat'] = chat.body.id;
  // A root message in the audit channel, for the reply example to answer.
  const root = await call(
    emulator,
    'POST',
    `/teams/${TEAM_ID}/channels/${encodeURIComponent(AUDIT_CHANNEL_ID)}/messages`,
    { token, body: { body: { contentType: 'text', content: 'A thread to reply to' } } },
  );
  ids['message'] = root.body.id;
});

afterAll(async () => {
  await emulator?.dispose();
});

/** Swaps the documentation's sample ids for ones that exist in the emulator. */
function localise(file: string, url: string, body: unknown): { path: string; body: unknown } {
  const me = SEED_USERS[0]!;
  const replacements: Array<[RegExp, string]> = [
    [/^https:\/\/graph\.microsoft\.com\/v1\.0/, ''],
    [
      /\{site-id\}|contoso\.sharepoint\.com,2C712604-1370-44E7-A1F5-426573FDA80A,2D2244C3-251A-49EA-93A8-39E1C3A060FE/g,
      encodeURIComponent(PARTNERSHIP_SITE_ID),
    ],
    [/\{list-id\}|22e03ef3-6ef4-424d-a1d3-92a337807c30/g, ids['list'] as string],
    [/\{list-title\}/g, 'Inventory'],
    [
      /\{item-id\}/g,
      (file === 'listitem-delete.json' ? ids['item-Gizmo'] : ids['item-Widget']) as string,
    ],
    [
      /fbe2bf47-16c8-47cf-b4a5-4b9b187c508b|57fb72d0-d811-46f4-8947-305e6072eaa5|\/teams\/\{id\}/g,
      (m: string) => (m.startsWith('/teams') ? `/teams/${TEAM_ID}` : TEAM_ID),
    ] as unknown as [RegExp, string],
    [
      /19:4a95f7d8db4c4e7fae857bcebe0623e6@thread\.tacv2|19:4b6bed8d24574f6a9e436813cb2617d8@thread\.tacv2/g,
      encodeURIComponent(AUDIT_CHANNEL_ID),
    ],
    [/\/messages\/1616990032035\//g, `/messages/${ids['message'] as string}/`],
    [/19:2da4c29f6d7041eca70b638b43d45437@thread\.v2/g, encodeURIComponent(ids['chat'] as string)],
    [/87d349ed-44d7-43e1-9a83-5f2406dee5bd|\{userId\}|\{id\}/g, me.id],
  ];
  let path = url;
  for (const [re, value] of replacements) path = path.replace(re, value as string);
  // Chat members: the signed-in user and two or three others of the fictional tenant.
  let text = JSON.stringify(body);
  const people = [
    '8b081ef6-4792-4def-b2c9-c363a1bf41d5',
    '8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca',
    'john.doe@microsoft.com',
  ];
  const others = [
    '82af01c5-f7cc-4a2e-a728-3a5df21afd9d',
    '82fe7758-5bb3-4f0d-a43f-e555fd399c6f',
    'alex.weber@microsoft.com',
    '3626a173-f2bc-4883-bcf7-01514c3bfb82',
  ];
  for (const p of people) text = text?.replaceAll(p, me.id);
  others.forEach((o, i) => (text = text?.replaceAll(o, SEED_USERS[i + 1]!.id)));
  return { path, body: text === undefined ? undefined : JSON.parse(text) };
}

/**
 * Examples kept under next/ for work not yet merged everywhere; those the emulator answers are
 * replayed too (the coordinator may move them up beside the others).
 */
const NEXT_ANSWERED = ['next/channel-message-post-replies.json'];
const files = [
  ...readdirSync(CONTRACT_DIR).filter((f) => f.endsWith('.json')),
  ...NEXT_ANSWERED.filter(
    (f) =>
      !existsSync(join(CONTRACT_DIR, f.replace('next/', ''))) && existsSync(join(CONTRACT_DIR, f)),
  ),
];

describe('Graph documentation examples replayed against the emulator', () => {
  const previousNextLink: { value?: string } = {};
  const leftOut: string[] = [];
  for (const file of files) {
    const doc = JSON.parse(readFileSync(join(CONTRACT_DIR, file), 'utf8')) as {
      examples: Example[];
    };
    for (const example of doc.examples) {
      const key = `${file}#${example.title}`;
      if (NOT_REPLAYED[key]) {
        leftOut.push(key);
        continue;
      }
      it(key, async () => {
        const localised = localise(file, example.request.url, example.request.body);
        let path = localised.path;
        const body = localised.body;
        if (file === 'listitem-delta.json') {
          // Page size 2 over 3 items, so that the first page carries a nextLink as the docs show.
          if (example.title.startsWith('Example 1')) path += '?$top=2';
          if (example.title.startsWith('Example 2')) path = previousNextLink.value as string;
        }
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(example.request.headers))
          if (k.toLowerCase() !== 'content-type') headers[k] = v;
        const res = await call(emulator, example.request.method, path, {
          token,
          body: body ?? undefined,
          headers,
        });
        if (file === 'listitem-delta.json' && res.body?.['@odata.nextLink'])
          previousNextLink.value = res.body['@odata.nextLink'];
        if (file === 'json-batching.json') {
          // The documented sub-requests touch resources the emulator does not have; each must
          // still be answered on its own with the documented envelope and error shape.
          expect(res.status).toBe(200);
          expect(res.body.responses).toHaveLength(5);
          for (const sub of res.body.responses) {
            expect(Object.keys(sub)).toEqual(
              expect.arrayContaining(['id', 'status', 'headers', 'body']),
            );
            if (sub.status >= 400)
              expect(
                shapeDifferences(
                  {
                    error: {
                      code: '',
                      message: '',
                      innerError: { date: '', 'request-id': '', 'client-request-id': '' },
                    },
                  },
                  sub.body,
                ),
              ).toEqual([]);
          }
          return;
        }
        expect({ status: res.status, body: res.body }).toMatchObject({
          status: example.response.status,
        });
        expect(shapeDifferences(example.response.body, res.body)).toEqual([]);
      });
    }
  }
  it('leaves out only the examples named as not replayable, each with its reason', () => {
    expect(leftOut.length).toBeGreaterThan(0);
    expect(leftOut.every((key) => NOT_REPLAYED[key] !== undefined)).toBe(true);
    expect(leftOut.length).toBeLessThanOrEqual(5);
  });
});

describe('error bodies', () => {
  it('are Graph-shaped for a missing token, an unknown route and a missing item', async () => {
    const errorShape = {
      error: {
        code: '',
        message: '',
        innerError: { date: '', 'request-id': '', 'client-request-id': '' },
      },
    };
    const noToken = await call(emulator, 'GET', '/me');
    expect(noToken.status).toBe(401);
    expect(noToken.body.error.code).toBe('InvalidAuthenticationToken');
    const unknown = await call(emulator, 'GET', '/nothingHere', { token });
    expect(unknown.status).toBe(400);
    const missing = await call(
      emulator,
      'GET',
      `/sites/${encodeURIComponent(PARTNERSHIP_SITE_ID)}/lists/${ids['list']}/items/9999`,
      { token },
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('itemNotFound');
    for (const res of [noToken, unknown, missing])
      expect(shapeDifferences(errorShape, res.body)).toEqual([]);
  });
});
