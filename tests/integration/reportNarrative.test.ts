/**
 * The report's words and timeliness against the emulator: the words kept at sign-off in the
 * Digests item (Notes) read for the chosen audits in one $batch, held for the session (a second
 * opening reads no words again), guarded again when read; a re-audit's original read by its id
 * when the windows did not hold it; and the set's feedback timing from the replies' dates items,
 * read through delta like the digests.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Grade } from '../../src/domain/grading.js';
import type { AuditDigest } from '../../src/domain/report/digest.js';
import { encodeNotes } from '../../src/domain/report/notes.js';
import { PARTNERSHIP_SITE_PATH, SHAREPOINT_HOST } from '../../src/emulator/tenant.js';
import { createGraphClient } from '../../src/graph/client.js';
import { digestFields } from '../../src/graph/digests.js';
import { itemsPath, type SiteLists } from '../../src/graph/listItems.js';
import { provisionSite } from '../../src/graph/provision.js';
import { createReportService, type NotesCache } from '../../src/graph/reports.js';
import {
  BUSINESS_MANAGER,
  type TestEmulator,
  testEmulator,
  tokenFor,
} from '../support/emulator.js';

let emulator: TestEmulator;
let lists: SiteLists;
let requests = 0;
let client: ReturnType<typeof createGraphClient>;
const ids: string[] = [];

const digest = (
  id: string,
  grade: Grade,
  signedOffAt: string,
  reauditOf?: string,
): AuditDigest => ({
  auditId: id,
  caseReference: `NSP-CP-${id.padStart(4, '0')}`,
  category: 'childProtection',
  toolVersion: 2,
  themeId: '4',
  signedOffAt,
  agencies: ['health'],
  auditors: [],
  areas: [{ sectionId: 'childsVoice', multiAgency: grade, agencies: [] }],
  reauditOf,
  timing: { commissionedToSignedOff: 20, sentToSignedOff: 2, bySignOffDue: true, byAuditDue: true },
});

// The practitioners' replies as sending makes them: the dates item carries when the agency's
// grades were agreed and when the feedback went; the practitioner adds the acknowledgement.
let replies = 0;
const reply = (auditId: string, part: 'dates' | 'reflection', fields: object) =>
  client.api(itemsPath(lists, 'FeedbackReplies')).post({
    fields: {
      Title: 'Reply',
      ReplyKey: `${auditId}:health:u-${++replies}|${part}`,
      Part: part,
      AuditId: Number(auditId),
      Agency: 'health',
      PractitionerId: 'u-1',
      PractitionerName: 'Jo Fenwick',
      ...fields,
    },
  });

beforeAll(async () => {
  emulator = await testEmulator();
  const token = tokenFor(BUSINESS_MANAGER);
  client = createGraphClient({
    baseUrl: emulator.url,
    tokens: {
      getToken: async () => {
        requests += 1;
        return token;
      },
    },
  });
  const provisioned = await provisionSite(client, `${SHAREPOINT_HOST}:${PARTNERSHIP_SITE_PATH}`);
  lists = { siteId: provisioned.siteId, listIds: provisioned.listIds };
  // Three audits: the original (signed off two years before), its re-audit, and another.
  for (const ref of ['NSP-CP-0001', 'NSP-CP-0002', 'NSP-CP-0003']) {
    const item = (await client.api(itemsPath(lists, 'Audits')).post({
      fields: {
        Title: ref,
        CaseReference: ref,
        Category: 'childProtection',
        Status: 'signedOff',
        Agencies: 'health',
        SentForSignOffAt: '2026-10-01T10:00:00Z',
        SignedOffAt: '2026-10-05T10:00:00Z',
      },
    })) as { id: string };
    ids.push(item.id);
  }
  const [original, reaudit, other] = ids as [string, string, string];
  const rows: Array<[AuditDigest, string | undefined]> = [
    [digest(original, 'inadequate', '2024-10-05T10:00:00Z'), undefined],
    [
      digest(reaudit, 'good', '2026-10-05T10:00:00Z', original),
      encodeNotes({
        auditId: reaudit,
        withheld: 1,
        notes: [
          {
            sectionId: 'childsVoice',
            agency: undefined,
            kind: 'workedWell',
            text: 'Seen alone at every visit.',
          },
          {
            sectionId: 'childsVoice',
            agency: undefined,
            kind: 'impact',
            text: 'The child says home feels safer.',
          },
          // Written after sign-off by someone on the site: the guard stops it when read.
          {
            sectionId: 'childsVoice',
            agency: 'health',
            kind: 'toImprove',
            text: 'Ring Jane Smith on 07700 900123.',
          },
        ],
      }),
    ],
    [digest(other, 'requiresImprovement', '2026-10-06T10:00:00Z'), undefined],
  ];
  for (const [d, notes] of rows)
    await client
      .api(itemsPath(lists, 'Digests'))
      .post({ fields: { ...digestFields(d), ...(notes ? { Notes: notes } : {}) } });
  await reply(reaudit, 'dates', {
    AgreedAt: '2026-10-01T10:00:00Z',
    SentAt: '2026-10-06T10:00:00Z',
    AcknowledgedAt: '2026-10-08T10:00:00Z',
  });
  // Not timings: the reflection, and a dates item from before sending wrote its instants.
  await reply(reaudit, 'reflection', { Reflection: 'Fictional reflection.' });
  await reply(other, 'dates', { ReadAt: '2026-10-07T10:00:00Z' });
  // Sent within the months around the year, but on an audit outside the set: left out.
  await reply(original, 'dates', {
    AgreedAt: '2026-04-01T10:00:00Z',
    SentAt: '2026-04-20T10:00:00Z',
  });
  // Sent for the set's audit, but long after the year and its margin: not read.
  await reply(other, 'dates', { SentAt: '2027-09-01T10:00:00Z' });
}, 60_000);

afterAll(async () => {
  await emulator.dispose();
});

describe("the report's words, re-audits and feedback, read in few requests", () => {
  it('reads the chosen words in one $batch, the original by its id, the feedback of a small set', async () => {
    const notes: NotesCache = new Map();
    const service = createReportService(client, lists, { cache: new Map(), notes });
    const [original, reaudit, other] = ids as [string, string, string];
    requests = 0;
    const data = await service.data({ kind: 'programme', year: '2026-27' }, [], [/^NSP-CP-\d{4}$/]);
    // Digests: a delta token and two windows (this year and last); words: one $batch; the
    // original: one $batch; feedback: the settings, a delta token and the year with its margins.
    expect(requests).toBe(8);
    expect(data.digests.map((d) => d.auditId)).toEqual([reaudit, other]);
    expect(data.notesRequested).toBe(2);
    expect(data.notes).toEqual([
      {
        auditId: reaudit,
        withheld: 2,
        notes: [
          {
            sectionId: 'childsVoice',
            agency: undefined,
            kind: 'workedWell',
            text: 'Seen alone at every visit.',
          },
          {
            sectionId: 'childsVoice',
            agency: undefined,
            kind: 'impact',
            text: 'The child says home feels safer.',
          },
        ],
      },
    ]);
    expect(data.originals.map((d) => [d.auditId, d.areas[0]!.multiAgency])).toEqual([
      [original, 'inadequate'],
    ]);
    expect(data.feedback.timings).toEqual([
      {
        auditId: reaudit,
        agency: 'health',
        agreedAt: '2026-10-01T10:00:00Z',
        sentAt: '2026-10-06T10:00:00Z',
        acknowledgedAt: '2026-10-08T10:00:00Z',
      },
    ]);
    expect(data.feedback.targets).toEqual({ sendWorkingDays: 10, acknowledgeWorkingDays: 10 });
    expect(data.feedback.unreadable).toBe(0);

    // The practitioner acknowledges another feedback after the first opening.
    await reply(other, 'dates', {
      AgreedAt: '2026-10-02T10:00:00Z',
      SentAt: '2026-10-20T10:00:00Z',
      AcknowledgedAt: '2026-10-21T10:00:00Z',
    });
    // A second opening: the digests' delta, the original again, the replies' delta; no words,
    // no settings.
    requests = 0;
    const again = await service.data(
      { kind: 'programme', year: '2026-27' },
      [],
      [/^NSP-CP-\d{4}$/],
    );
    expect(requests).toBe(3);
    expect(again.notes).toEqual(data.notes);
    expect(again.feedback.timings.map((t) => [t.auditId, t.sentAt])).toEqual([
      [reaudit, '2026-10-06T10:00:00Z'],
      [other, '2026-10-20T10:00:00Z'],
    ]);
  });

  it('asks a throttled read again after its Retry-After, and says a reply it cannot read', async () => {
    // Graph answers each request of a batch on its own: the first time, the words' read is
    // throttled inside the batch.
    let throttled = 0;
    const wrapped = new Proxy(client, {
      get(target, prop, receiver) {
        if (prop !== 'api') return Reflect.get(target, prop, receiver);
        return (path: string) => {
          const request = target.api(path);
          if (path !== '/$batch') return request;
          return {
            post: async (body: { requests: Array<{ id: string; url: string }> }) => {
              const answer = (await request.post(body)) as {
                responses: Array<{ id: string; status: number; headers?: object; body?: unknown }>;
              };
              for (const r of answer.responses) {
                const url = body.requests.find((q) => q.id === r.id)!.url;
                if (url.includes('Notes') && throttled === 0) {
                  throttled += 1;
                  Object.assign(r, { status: 429, headers: { 'Retry-After': '0' }, body: {} });
                }
              }
              return answer;
            },
          };
        };
      },
    });
    await client.api(itemsPath(lists, 'FeedbackReplies')).post({
      fields: {
        Title: 'Reply',
        ReplyKey: 'written by hand|dates',
        Part: 'dates',
        AuditId: Number(ids[1]),
        Agency: 'fire service',
        SentAt: '2026-10-09T10:00:00Z',
      },
    });
    const service = createReportService(wrapped, lists, { cache: new Map(), notes: new Map() });
    const data = await service.data({ kind: 'programme', year: '2026-27' }, [], []);
    expect(throttled).toBe(1);
    expect(data.notes.map((n) => [n.notes.length, n.withheld])).toEqual([[2, 2]]);
    // Anyone on the site could write an agency the partnership does not have: said, not counted.
    expect(data.feedback.unreadable).toBe(1);
    expect(data.feedback.timings.map((t) => t.agency)).toEqual(['health', 'health']);
  });
});
