/** Saving audit answers against the emulator: reload, stale eTags, injected 503s, lost answers. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedDemoData } from '../../src/cli/seedDemo.js';
import { EMPTY_ANSWER, type SectionAnswer } from '../../src/domain/answers.js';
import { PARTNERSHIP_SITE_PATH, SHAREPOINT_HOST } from '../../src/emulator/tenant.js';
import { createAuditWorkspace, type SaveOutcome } from '../../src/graph/auditWorkspace.js';
import { provisionSite } from '../../src/graph/provision.js';
import { findSiteLists } from '../../src/graph/listItems.js';
import { LIST_NAMES } from '../../src/graph/schema.js';
import {
  AUDITOR,
  BUSINESS_MANAGER,
  call,
  clientFor,
  type TestEmulator,
  testEmulator,
  tokenFor,
} from '../support/emulator.js';

let emulator: TestEmulator;
let repo: ReturnType<typeof createAuditWorkspace>;
let auditId: string;
let siteLists: Awaited<ReturnType<typeof findSiteLists>>;

const graded = (text: string): SectionAnswer => ({
  ...(EMPTY_ANSWER as Extract<SectionAnswer, { kind: 'answered' }>),
  grade: 'good',
  evidence: text,
  impact: `Impact: ${text}`,
});

beforeAll(async () => {
  emulator = await testEmulator();
  const manager = clientFor(emulator, BUSINESS_MANAGER);
  const lists = await provisionSite(manager, `${SHAREPOINT_HOST}:${PARTNERSHIP_SITE_PATH}`);
  await seedDemoData(manager, lists);
  const auditor = clientFor(emulator, AUDITOR);
  siteLists = await findSiteLists(auditor, lists.siteId, LIST_NAMES);
  repo = createAuditWorkspace(auditor, siteLists);
  const audits = (
    await auditor
      .api(`/sites/${encodeURIComponent(lists.siteId)}/lists/${lists.listIds.Audits}/items`)
      .expand('fields')
      .filter("fields/CaseReference eq 'NSP-CP-0101'")
      .header('Prefer', 'HonorNonIndexedQueriesWarningMayFailRandomly')
      .get()
  ).value;
  auditId = audits[0].id;
});
afterAll(async () => {
  await emulator?.dispose();
});

const saved = (outcomes: SaveOutcome[], sectionId: string) => {
  const o = outcomes.find((x) => x.sectionId === sectionId);
  if (o?.kind !== 'saved') throw new Error(`expected ${sectionId} saved, got ${JSON.stringify(o)}`);
  return o.stored;
};

describe('audit workspace against the emulator', () => {
  it('saves sections and reads them back on reload, on the tool version of the audit', async () => {
    const first = await repo.saveSections(auditId, 'socialCare', [
      {
        sectionId: 'caseProfile',
        answer: { ...EMPTY_ANSWER, evidence: 'On a plan since March.' } as SectionAnswer,
        base: undefined,
      },
      { sectionId: 'childsVoice', answer: graded('Seen alone monthly.'), base: undefined },
    ]);
    expect(first.map((o) => o.kind)).toEqual(['saved', 'saved']);
    const ws = await repo.load(auditId);
    expect(ws.tool.id).toBe('childProtection');
    expect(ws.tool.version).toBe(2);
    const voice = ws.answers.find(
      (a) => a.contributor === 'socialCare' && a.sectionId === 'childsVoice',
    );
    expect(voice?.answer).toEqual(graded('Seen alone monthly.'));
  });

  it('answers a save from a stale version with a conflict holding the other text, and writes nothing', async () => {
    const ws = await repo.load(auditId);
    const base = ws.answers.find(
      (a) => a.contributor === 'socialCare' && a.sectionId === 'childsVoice',
    )!;
    const other = await repo.saveSections(auditId, 'socialCare', [
      { sectionId: 'childsVoice', answer: graded('Other tab wrote this.'), base },
    ]);
    saved(other, 'childsVoice');
    const mine = await repo.saveSections(auditId, 'socialCare', [
      { sectionId: 'childsVoice', answer: graded('My text.'), base },
    ]);
    expect(mine[0]).toMatchObject({ kind: 'conflict', sectionId: 'childsVoice' });
    expect((mine[0] as Extract<SaveOutcome, { kind: 'conflict' }>).current.answer).toEqual(
      graded('Other tab wrote this.'),
    );
    const after = await repo.load(auditId);
    expect(
      after.answers.find((a) => a.contributor === 'socialCare' && a.sectionId === 'childsVoice')!
        .answer,
    ).toEqual(graded('Other tab wrote this.'));
  });

  it('turns injected 503s into retries that converge, with no text lost', async () => {
    const sections = [
      'identityDiversity',
      'multiAgencyWorking',
      'oversight',
      'impactOutcomes',
      'conference',
      'planCoreGroups',
    ];
    let pending = sections.map((sectionId) => ({
      sectionId,
      answer: graded(`Text for ${sectionId}.`),
      base: undefined as never,
    }));
    emulator.setFaults({ rate: 0.5, statuses: [503], retryAfterSeconds: 0, seed: 11 });
    let rounds = 0;
    try {
      while (pending.length > 0 && rounds < 40) {
        rounds++;
        let outcomes: SaveOutcome[] = [];
        try {
          outcomes = await repo.saveSections(auditId, 'socialCare', pending);
        } catch {
          continue; // the whole batch failed after the SDK's own retries: try again, text is still here
        }
        pending = pending.filter(
          (p) => outcomes.find((o) => o.sectionId === p.sectionId)?.kind !== 'saved',
        );
      }
    } finally {
      emulator.setFaults({ rate: 0 });
    }
    expect(pending).toEqual([]);
    expect(rounds).toBeGreaterThan(1);
    const ws = await repo.load(auditId);
    for (const sectionId of sections) {
      expect(
        ws.answers.find((a) => a.contributor === 'socialCare' && a.sectionId === sectionId)!.answer,
      ).toEqual(graded(`Text for ${sectionId}.`));
    }
  });

  it('counts a retried save whose first answer was lost as saved, not as a conflict', async () => {
    const ws = await repo.load(auditId);
    const base = ws.answers.find(
      (a) => a.contributor === 'socialCare' && a.sectionId === 'oversight',
    )!;
    // The write lands, but its answer is lost: the client only learns the eTag has moved.
    emulator.setFaults({ lostRate: 1, retryAfterSeconds: 0 });
    const lost = await call(
      emulator,
      'PATCH',
      `/sites/${encodeURIComponent(siteLists.siteId)}/lists/${siteLists.listIds.SectionAnswers}/items/${base.itemId}/fields`,
      {
        token: tokenFor(AUDITOR),
        headers: { 'If-Match': base.eTag },
        body: {
          Evidence: 'Retried text.',
          Impact: 'Impact: Retried text.',
          Grade: 'good',
          Kind: 'answered',
        },
      },
    );
    expect(lost.status).toBe(504);
    emulator.setFaults({ lostRate: 0 });
    const retry = await repo.saveSections(auditId, 'socialCare', [
      { sectionId: 'oversight', answer: graded('Retried text.'), base },
    ]);
    expect(retry[0]!.kind).toBe('saved');
  });
});
