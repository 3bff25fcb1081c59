/**
 * The emulator driven over real HTTP through @microsoft/microsoft-graph-client, as the product
 * drives it: paging, ETags, indexing rules, batching, delta, persistence, permissions and faults.
 */
import { type Client, GraphError } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AUDIT_CHANNEL_ID,
  PARTNERSHIP_SITE_ID,
  SEED_USERS,
  TEAM_ID,
} from '../../src/emulator/tenant.js';
import { readAllPages, relativeLink } from '../../src/graph/paging.js';
import {
  AUDITOR,
  BUSINESS_MANAGER,
  call,
  clientFor,
  OUTSIDER,
  PRACTITIONER,
  type TestEmulator,
  testEmulator,
  tokenFor,
} from '../support/emulator.js';

const site = `/sites/${encodeURIComponent(PARTNERSHIP_SITE_ID)}`;

let emulator: TestEmulator;
let manager: Client;

async function createList(
  client: Client,
  displayName: string,
  columns: unknown[],
): Promise<string> {
  const list = await client
    .api(`${site}/lists`)
    .post({ displayName, columns, list: { template: 'genericList' } });
  return list.id as string;
}

async function expectGraphError(
  promise: Promise<unknown>,
  status: number,
  code?: string,
): Promise<GraphError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(GraphError);
    const err = e as GraphError;
    expect(err.statusCode).toBe(status);
    if (code) expect(err.code).toBe(code);
    return err;
  }
  throw new Error(`expected a ${status} from Graph`);
}

beforeAll(async () => {
  emulator = await testEmulator();
  manager = clientFor(emulator, BUSINESS_MANAGER);
});

afterAll(async () => {
  await emulator?.dispose();
});

describe('list items', () => {
  it('pages to the end of 12,000 items by @odata.nextLink', async () => {
    const listId = await createList(manager, 'Bulk', [{ name: 'Seq', number: {}, indexed: true }]);
    for (let start = 0; start < 12_000; start += 20) {
      const requests = Array.from({ length: 20 }, (_, i) => ({
        id: String(i + 1),
        method: 'POST',
        url: `${site}/lists/${listId}/items`,
        headers: { 'Content-Type': 'application/json' },
        body: { fields: { Title: `Item ${start + i}`, Seq: start + i } },
      }));
      const res = await manager.api('/$batch').post({ requests });
      expect(res.responses.every((r: { status: number }) => r.status === 201)).toBe(true);
    }
    let pages = 0;
    const first = await manager
      .api(`${site}/lists/${listId}/items`)
      .query({ expand: 'fields(select=Seq)' })
      .top(1000)
      .get();
    const { items } = await readAllPages<{ fields: { Seq: number } }>(
      manager,
      first,
      () => pages++,
    );
    const seen = new Set(items.map((i) => i.fields.Seq));
    expect(items).toHaveLength(12_000);
    expect(seen.size).toBe(12_000);
    expect(pages).toBe(12);
    // Ordering and filtering on an indexed column work across pages too.
    const top = await manager
      .api(`${site}/lists/${listId}/items`)
      .query({ expand: 'fields(select=Seq)' })
      .filter('fields/Seq ge 11990')
      .orderby('fields/Seq desc')
      .get();
    expect(top.value.map((i: { fields: { Seq: number } }) => i.fields.Seq)).toEqual([
      11999, 11998, 11997, 11996, 11995, 11994, 11993, 11992, 11991, 11990,
    ]);
  }, 400_000); // 12,000 writes, each synced to disk: slow on a busy two-core machine

  it('refuses a filter or order on a column that is not indexed, unless the Prefer header allows it', async () => {
    const listId = await createList(manager, 'Unindexed', [{ name: 'Colour', text: {} }]);
    await manager
      .api(`${site}/lists/${listId}/items`)
      .post({ fields: { Title: 'a', Colour: 'Red' } });
    const err = await expectGraphError(
      manager.api(`${site}/lists/${listId}/items`).filter("fields/Colour eq 'Red'").get(),
      400,
      'invalidRequest',
    );
    expect(err.message).toMatch(/not indexed/);
    await expectGraphError(
      manager.api(`${site}/lists/${listId}/items`).orderby('fields/Colour').get(),
      400,
    );
    const allowed = await manager
      .api(`${site}/lists/${listId}/items`)
      .header('Prefer', 'HonorNonIndexedQueriesWarningMayFailRandomly')
      .filter("fields/Colour eq 'red'")
      .expand('fields')
      .get();
    expect(allowed.value).toHaveLength(1);
  });

  it('types filters: numbers, dates, booleans, startswith, and/or', async () => {
    const listId = await createList(manager, 'Typed', [
      { name: 'Score', number: {}, indexed: true },
      { name: 'Due', dateTime: {}, indexed: true },
      { name: 'Done', boolean: {}, indexed: true },
      { name: 'Ref', text: {}, indexed: true },
    ]);
    const rows = [
      { Ref: 'CP-001', Score: 2, Due: '2026-01-10T00:00:00Z', Done: true },
      { Ref: 'CP-002', Score: 10, Due: '2026-03-01T09:30:00Z', Done: false },
      { Ref: 'CIN-003', Score: 7, Due: '2026-02-15T00:00:00Z', Done: false },
    ];
    for (const fields of rows) await manager.api(`${site}/lists/${listId}/items`).post({ fields });
    const refs = async (filter: string) =>
      (
        (
          await manager
            .api(`${site}/lists/${listId}/items`)
            .expand('fields(select=Ref)')
            .filter(filter)
            .orderby('fields/Ref')
            .get()
        ).value as Array<{ fields: { Ref: string } }>
      ).map((i) => i.fields.Ref);
    expect(await refs('fields/Score gt 5')).toEqual(['CIN-003', 'CP-002']); // 10 > 5 as a number, not as text
    expect(await refs("fields/Due lt '2026-02-20T00:00:00Z'")).toEqual(['CIN-003', 'CP-001']);
    expect(await refs('fields/Done eq true')).toEqual(['CP-001']);
    expect(await refs("startswith(fields/Ref, 'CP-')")).toEqual(['CP-001', 'CP-002']);
    expect(await refs("fields/Score le 2 or fields/Ref eq 'cin-003'")).toEqual([
      'CIN-003',
      'CP-001',
    ]);
    expect(await refs('fields/Done eq false and fields/Score ge 10')).toEqual(['CP-002']);
    await expectGraphError(
      manager.api(`${site}/lists/${listId}/items`).filter("fields/Score gt 'five'").get(),
      400,
    );
  });

  it('refuses a duplicate in a unique column, and a value of the wrong type', async () => {
    const listId = await createList(manager, 'Keyed', [
      { name: 'Key', text: { maxLength: 20 }, indexed: true, enforceUniqueValues: true },
    ]);
    await manager.api(`${site}/lists/${listId}/items`).post({ fields: { Key: 'abc' } });
    const err = await expectGraphError(
      manager.api(`${site}/lists/${listId}/items`).post({ fields: { Key: 'ABC' } }),
      409,
    );
    expect(err.message).toMatch(/duplicate values/);
    await expectGraphError(
      manager.api(`${site}/lists/${listId}/items`).post({ fields: { Key: 'x'.repeat(21) } }),
      400,
    );
    await expectGraphError(
      manager.api(`${site}/lists/${listId}/items`).post({ fields: { Nope: 'x' } }),
      400,
    );
    const all = await manager.api(`${site}/lists/${listId}/items`).get();
    expect(all.value).toHaveLength(1);
  });

  it('changes the eTag on every write and answers 412 to a stale If-Match, writing nothing', async () => {
    const listId = await createList(manager, 'Etags', [
      { name: 'Note', text: { allowMultipleLines: true } },
    ]);
    const created = await manager
      .api(`${site}/lists/${listId}/items`)
      .post({ fields: { Note: 'first' } });
    const first = created.eTag as string;
    const updated = await manager
      .api(`${site}/lists/${listId}/items/${created.id}/fields`)
      .header('If-Match', first)
      .patch({ Note: 'second' });
    const second = updated['@odata.etag'] as string;
    expect(second).not.toBe(first);
    await expectGraphError(
      manager
        .api(`${site}/lists/${listId}/items/${created.id}/fields`)
        .header('If-Match', first)
        .patch({ Note: 'lost' }),
      412,
    );
    await expectGraphError(
      manager.api(`${site}/lists/${listId}/items/${created.id}`).header('If-Match', first).delete(),
      412,
    );
    const now = await manager
      .api(`${site}/lists/${listId}/items/${created.id}`)
      .expand('fields')
      .get();
    expect(now.fields.Note).toBe('second');
    expect(now.eTag).toBe(second);
    const viaItem = await manager
      .api(`${site}/lists/${listId}/items/${created.id}`)
      .header('If-Match', second)
      .patch({ fields: { Note: 'third' } });
    expect(viaItem.fields.Note).toBe('third');
    expect(viaItem.eTag).not.toBe(second);
  });

  it('reports changes and deletions through delta, and 410 for an unknown token', async () => {
    const listId = await createList(manager, 'Changes', []);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (await manager.api(`${site}/lists/${listId}/items`).post({ fields: { Title: `t${i}` } }))
          .id,
      );
    let res = await manager.api(`${site}/lists/${listId}/items/delta`).top(2).get();
    const initial: string[] = [];
    for (;;) {
      initial.push(...res.value.map((v: { id: string }) => v.id));
      if (!res['@odata.nextLink']) break;
      res = await manager.api(relativeLink(res['@odata.nextLink'])).get();
    }
    expect(initial.sort()).toEqual([...ids].sort());
    const deltaLink = res['@odata.deltaLink'] as string;
    expect(deltaLink).toBeTruthy();
    await manager.api(`${site}/lists/${listId}/items/${ids[1]}/fields`).patch({ Title: 'changed' });
    await manager.api(`${site}/lists/${listId}/items/${ids[3]}`).delete();
    const created = await manager
      .api(`${site}/lists/${listId}/items`)
      .post({ fields: { Title: 'new' } });
    const changes = await readAllPages<any>(
      manager,
      await manager.api(relativeLink(deltaLink)).expand('fields').get(),
    );
    const byId = new Map<string, any>(changes.items.map((v: { id: string }) => [v.id, v]));
    expect([...byId.keys()].sort()).toEqual([ids[1], ids[3], created.id].sort());
    expect(byId.get(ids[1] as string).fields.Title).toBe('changed');
    expect(byId.get(ids[3] as string).deleted).toEqual({ state: 'deleted' });
    const quiet = await manager.api(relativeLink(changes.deltaLink as string)).get();
    expect(quiet.value).toEqual([]);
    const latest = await manager.api(`${site}/lists/${listId}/items/delta?token=latest`).get();
    expect(latest.value).toEqual([]);
    expect(latest['@odata.deltaLink']).toBeTruthy();
    await expectGraphError(
      manager.api(`${site}/lists/${listId}/items/delta?token=made-up`).get(),
      410,
      'resyncRequired',
    );
  });
});

describe('batching', () => {
  it('refuses a batch of 21 requests', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({
      id: String(i + 1),
      method: 'GET',
      url: '/me',
    }));
    await expectGraphError(manager.api('/$batch').post({ requests }), 400);
  });

  it('orders by dependsOn and answers 424 for a failed dependency', async () => {
    const listId = await createList(manager, 'Batched', []);
    const res = await manager.api('/$batch').post({
      requests: [
        {
          id: '3',
          dependsOn: ['2'],
          method: 'GET',
          url: `${site}/lists/${listId}/items?expand=fields`,
        },
        {
          id: '2',
          dependsOn: ['1'],
          method: 'POST',
          url: `${site}/lists/${listId}/items`,
          headers: { 'Content-Type': 'application/json' },
          body: { fields: { Title: 'second' } },
        },
        {
          id: '1',
          method: 'POST',
          url: `${site}/lists/${listId}/items`,
          headers: { 'Content-Type': 'application/json' },
          body: { fields: { Title: 'first' } },
        },
        { id: '4', method: 'GET', url: `${site}/lists/${listId}/items/999` },
        { id: '5', dependsOn: ['4'], method: 'GET', url: '/me' },
      ],
    });
    const by = new Map<string, any>(res.responses.map((r: { id: string }) => [r.id, r]));
    expect(by.get('1').status).toBe(201);
    expect(by.get('2').status).toBe(201);
    expect(by.get('3').body.value.map((i: any) => i.fields.Title)).toEqual(['first', 'second']);
    expect(by.get('4').status).toBe(404);
    expect(by.get('5').status).toBe(424);
    expect(by.get('5').body.error.code).toBe('FailedDependency');
  });
});

describe('identity and access', () => {
  it('needs a bearer token, and refuses a token without the scope the API needs', async () => {
    expect((await call(emulator, 'GET', '/me')).status).toBe(401);
    const expired = await call(emulator, 'GET', '/me', {
      token: tokenFor(AUDITOR).replace(
        /\.([^.]+)\./,
        (_m, p: string) =>
          `.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), exp: 1 })).toString('base64url')}.`,
      ),
    });
    expect(expired.status).toBe(401);
    const noSites = await call(emulator, 'GET', `${site}/lists`, {
      token: tokenFor(AUDITOR, ['User.Read']),
    });
    expect(noSites.status).toBe(403);
    expect(noSites.body.error.message).toMatch(/Missing scope permissions/);
  });

  it('answers 403 accessDenied to a user without rights, and lets a reader read but not write', async () => {
    const listId = await createList(manager, 'Guarded', []);
    const outsider = clientFor(emulator, OUTSIDER);
    await expectGraphError(
      outsider.api(`${site}/lists/${listId}/items`).get(),
      403,
      'accessDenied',
    );
    await expectGraphError(outsider.api(site).get(), 403, 'accessDenied');
    const practitioner = clientFor(emulator, PRACTITIONER);
    await practitioner.api(`${site}/lists/${listId}/items`).get();
    await expectGraphError(
      practitioner.api(`${site}/lists/${listId}/items`).post({ fields: { Title: 'x' } }),
      403,
      'accessDenied',
    );
    const auditor = clientFor(emulator, AUDITOR);
    await auditor
      .api(`${site}/lists/${listId}/items`)
      .post({ fields: { Title: 'auditors write' } });
    await expectGraphError(
      auditor.api(`${site}/lists`).post({ displayName: 'Not yours' }),
      403,
      'accessDenied',
    );
    // A list with its own permissions: only those named may read it.
    await fetch(`${emulator.url}/_emulator/api/grants`, {
      method: 'PUT',
      body: JSON.stringify({
        resource: `list:${listId}`,
        principal: SEED_USERS[0]!.id,
        role: 'owner',
      }),
    });
    await expectGraphError(auditor.api(`${site}/lists/${listId}/items`).get(), 403, 'accessDenied');
  });
});

describe('users', () => {
  it('finds people by startswith, by $search with ConsistencyLevel, and selects properties', async () => {
    const found = await manager
      .api('/users')
      .filter("startswith(displayName,'Ru')")
      .select('displayName,jobTitle')
      .get();
    expect(found.value).toEqual([
      { displayName: 'Ruth Adeyemi', jobTitle: 'Lead auditor and moderator' },
    ]);
    await expectGraphError(manager.api('/users').search('"displayName:oka"').get(), 400);
    const searched = await manager
      .api('/users')
      .header('ConsistencyLevel', 'eventual')
      .search('"displayName:oka"')
      .top(5)
      .get();
    expect(searched.value.map((u: { displayName: string }) => u.displayName)).toEqual([
      'Tom Okafor',
    ]);
    const byUpn = await manager.api(`/users/${AUDITOR}`).get();
    expect(byUpn.displayName).toBe('Priya Shah');
  });
});

describe('Teams', () => {
  it('posts adaptive cards to a channel only when the card is JSON text referenced by the body', async () => {
    const teams = await manager.api('/me/joinedTeams').get();
    expect(teams.value[0].id).toBe(TEAM_ID);
    const card = JSON.stringify({
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'Audit commissioned' }],
    });
    const url = `/teams/${TEAM_ID}/channels/${encodeURIComponent(AUDIT_CHANNEL_ID)}/messages`;
    const ok = await manager.api(url).post({
      body: { contentType: 'html', content: '<attachment id="c1"></attachment>' },
      attachments: [
        { id: 'c1', contentType: 'application/vnd.microsoft.card.adaptive', content: card },
      ],
    });
    expect(ok.attachments[0].content).toBe(card);
    await expectGraphError(
      manager.api(url).post({
        body: { contentType: 'html', content: '<attachment id="c1"></attachment>' },
        attachments: [
          {
            id: 'c1',
            contentType: 'application/vnd.microsoft.card.adaptive',
            content: { type: 'AdaptiveCard' },
          },
        ],
      }),
      400,
    );
    await expectGraphError(
      manager.api(url).post({
        body: { contentType: 'html', content: 'no reference' },
        attachments: [
          { id: 'c1', contentType: 'application/vnd.microsoft.card.adaptive', content: card },
        ],
      }),
      400,
    );
    const listed = await manager.api(url).get();
    expect(listed.value[0].id).toBe(ok.id);
  });

  it('returns the existing one-on-one chat for the same two people, and checks activity previews', async () => {
    const members = [SEED_USERS[0]!.id, SEED_USERS[1]!.id].map((id) => ({
      '@odata.type': '#microsoft.graph.aadUserConversationMember',
      roles: ['owner'],
      'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${id}')`,
    }));
    const a = await manager.api('/chats').post({ chatType: 'oneOnOne', members });
    const b = await manager
      .api('/chats')
      .post({ chatType: 'oneOnOne', members: [...members].reverse() });
    expect(b.id).toBe(a.id);
    await manager
      .api(`/chats/${encodeURIComponent(a.id)}/messages`)
      .post({ body: { content: 'Hello' } });
    const outsider = clientFor(emulator, OUTSIDER);
    await expectGraphError(outsider.api(`/chats/${encodeURIComponent(a.id)}/messages`).get(), 403);
    const activity = (preview: string) => ({
      topic: { source: 'text', value: 'Audit', webUrl: 'https://teams.microsoft.com/l/entity/x' },
      activityType: 'auditAssigned',
      previewText: { content: preview },
    });
    await manager
      .api(`/users/${SEED_USERS[1]!.id}/teamwork/sendActivityNotification`)
      .post(activity('You have an audit'));
    await expectGraphError(
      manager
        .api(`/users/${SEED_USERS[1]!.id}/teamwork/sendActivityNotification`)
        .post(activity('x'.repeat(151))),
      400,
    );
  });
});

describe('faults', () => {
  it('converges with the SDK retry handler when 30% of answers are 429/503/504', async () => {
    const listId = await createList(manager, 'Faulty', [{ name: 'N', number: {}, indexed: true }]);
    const ids: string[] = [];
    for (let i = 0; i < 60; i++)
      ids.push((await manager.api(`${site}/lists/${listId}/items`).post({ fields: { N: i } })).id);
    emulator.setFaults({ rate: 0.3, retryAfterSeconds: 0, seed: 7 });
    try {
      // Reads and If-Match updates are safe to repeat: the SDK retries them until they pass.
      const read: number[] = [];
      for (const id of ids) {
        const item = await manager
          .api(`${site}/lists/${listId}/items/${id}`)
          .expand('fields')
          .get();
        const fields = await manager
          .api(`${site}/lists/${listId}/items/${id}/fields`)
          .header('If-Match', item.eTag)
          .patch({ N: item.fields.N + 100 });
        read.push(fields.N);
      }
      expect(read).toEqual(Array.from({ length: 60 }, (_, i) => i + 100));
      expect(emulator.stats().injectedFaults).toBeGreaterThan(10);
    } finally {
      emulator.setFaults({ rate: 0 });
    }
  });

  it('is never made to repeat a create by the SDK: a create without a key could be doubled', async () => {
    const listId = await createList(manager, 'NoBlindRepeat', []);
    const before = emulator.stats().injectedFaults;
    emulator.setFaults({ rate: 1, statuses: [503], retryAfterSeconds: 0, seed: 5 });
    try {
      await expect(
        manager.api(`${site}/lists/${listId}/items`).post({ fields: { Title: 'once' } }),
      ).rejects.toMatchObject({ statusCode: 503 });
    } finally {
      emulator.setFaults({ rate: 0, statuses: [429, 503, 504] });
    }
    // One try: the 503 went back to the caller, whose own retry reads back by key first.
    expect(emulator.stats().injectedFaults - before).toBe(1);
  });

  it('applies a write whose answer it then loses, so that a blind retry doubles it', async () => {
    const listId = await createList(manager, 'Lost', []);
    emulator.setFaults({ lostRate: 1, retryAfterSeconds: 0 });
    try {
      const res = await call(emulator, 'POST', `${site}/lists/${listId}/items`, {
        token: tokenFor(BUSINESS_MANAGER),
        body: { fields: { Title: 'once' } },
      });
      expect(res.status).toBe(504);
    } finally {
      emulator.setFaults({ lostRate: 0 });
    }
    const items = await manager.api(`${site}/lists/${listId}/items`).get();
    expect(items.value).toHaveLength(1);
  });

  it('enforces the per-channel message rate with 429 and Retry-After', async () => {
    emulator.setFaults({ rateLimits: true });
    try {
      const url = `/teams/${TEAM_ID}/channels/${encodeURIComponent(AUDIT_CHANNEL_ID)}/messages`;
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 6; i++) {
        const res = await call(emulator, 'POST', url, {
          token: tokenFor(BUSINESS_MANAGER),
          body: { body: { content: `m${i}` } },
        });
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers.get('retry-after');
      }
      expect(statuses.filter((s) => s === 201).length).toBe(4);
      expect(statuses.filter((s) => s === 429).length).toBe(2);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    } finally {
      emulator.setFaults({ rateLimits: false });
    }
  });
});

describe('persistence', () => {
  it('keeps every site, list, column, item, chat and message after a restart', async () => {
    const listId = await createList(manager, 'Durable', [
      { name: 'Kept', text: {}, indexed: true },
    ]);
    const item = await manager
      .api(`${site}/lists/${listId}/items`)
      .post({ fields: { Kept: 'yes' } });
    const dataDir = emulator.dataDir;
    await emulator.close();
    const again = await testEmulator(dataDir);
    try {
      const client = clientFor(again, BUSINESS_MANAGER);
      const read = await client
        .api(`${site}/lists/${listId}/items/${item.id}`)
        .expand('fields')
        .get();
      expect(read.fields.Kept).toBe('yes');
      expect(read.eTag).toBe(item.eTag);
      const columns = await client.api(`${site}/lists/${listId}/columns`).get();
      expect(columns.value.find((c: any) => c.name === 'Kept').indexed).toBe(true);
      const messages = await client
        .api(`/teams/${TEAM_ID}/channels/${encodeURIComponent(AUDIT_CHANNEL_ID)}/messages`)
        .get();
      expect(messages.value.length).toBeGreaterThan(0);
    } finally {
      await again.close();
      emulator = await testEmulator(dataDir);
      manager = clientFor(emulator, BUSINESS_MANAGER);
    }
  });
});
