import { useCallback, useEffect, useRef, useState } from 'react';
import {
  type Answers,
  answerOf,
  type SectionAnswer,
  sameAnswer,
  submissionProblems,
  type Problem,
} from '../../domain/answers.js';
import { mergeSection, type SectionMerge } from '../../domain/merge.js';
import type { AgencyContribution, Audit, PersonRef } from '../../domain/records.js';
import type { AuditTool } from '../../domain/tools/index.js';
import {
  answersSavedEvent,
  type AuditEvent,
  type AuditWorkspaceRepository,
  type SaveOutcome,
} from '../../graph/auditWorkspace.js';
import type { StoredSectionAnswer } from '../../graph/sectionAnswers.js';
import { backoffSeconds, type SaveStatus } from './saveStatus.js';

/** Autosave comes this long after the last keystroke: well within the five seconds promised. */
export const AUTOSAVE_DELAY_MS = 1500;

export type EditorInput = {
  readonly repo: AuditWorkspaceRepository;
  readonly audit: Audit;
  readonly tool: AuditTool;
  readonly contribution: AgencyContribution;
  readonly stored: readonly StoredSectionAnswer[];
  readonly me: PersonRef;
  readonly now: () => Date;
  readonly onContributionChange: (c: AgencyContribution) => void;
};

export type ContributionEditor = {
  readonly answers: Answers;
  readonly status: SaveStatus;
  readonly conflicts: readonly SectionMerge[];
  readonly readOnly: boolean;
  readonly submitProblems: readonly Problem[] | undefined;
  update(sectionId: string, answer: SectionAnswer): void;
  /** Applies the user's choices after a conflict; the result is saved at once. */
  resolveConflicts(resolved: ReadonlyArray<{ sectionId: string; answer: SectionAnswer }>): void;
  submit(): Promise<boolean>;
};

/**
 * The auditor's draft of one contribution, saved section by section with If-Match. Text is never
 * lost: a failed save keeps it in the page and retries with backoff; a conflict is shown, never
 * resolved silently; nothing is written to browser storage.
 */
export function useContributionEditor(input: EditorInput): ContributionEditor {
  const { repo, audit, tool, contribution, me, now, onContributionChange } = input;
  const contributor = contribution.contributor;
  const [submitted, setSubmitted] = useState(false);
  const readOnly = contribution.status === 'submitted' || submitted;

  const base = useRef(
    new Map(input.stored.filter((s) => s.contributor === contributor).map((s) => [s.sectionId, s])),
  );
  const [answers, setAnswers] = useState<Answers>(() =>
    Object.fromEntries([...base.current].map(([id, s]) => [id, s.answer])),
  );
  const draft = useRef(answers);
  const dirty = useRef(new Set<string>());
  const events = useRef<AuditEvent[]>([]);
  const contributionRef = useRef(contribution);
  contributionRef.current = contribution;
  const [status, setStatus] = useState<SaveStatus>(
    readOnly
      ? { kind: 'readOnly', why: 'Submitted: read-only until a moderator returns it.' }
      : { kind: 'saved', at: undefined },
  );
  const [conflicts, setConflicts] = useState<readonly SectionMerge[]>([]);
  const [submitProblems, setSubmitProblems] = useState<readonly Problem[] | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const attempt = useRef(0);
  const saving = useRef<Promise<boolean> | undefined>(undefined);

  const schedule = useCallback((ms: number, run: () => void) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(run, ms);
  }, []);

  /** One save round: every dirty section, then the trail; resolves true when all is saved. */
  const saveNow = useCallback(async (): Promise<boolean> => {
    if (saving.current) return saving.current;
    const round = (async () => {
      const sectionIds = [...dirty.current];
      if (sectionIds.length === 0 && events.current.length === 0) return true;
      setStatus({ kind: 'saving' });
      const sent = new Map(sectionIds.map((id) => [id, answerOf(draft.current, id)]));
      let outcomes: SaveOutcome[] = [];
      let failure: { error: unknown; retryAfter: number } | undefined;
      try {
        outcomes =
          sectionIds.length > 0
            ? await repo.saveSections(
                audit.id,
                contributor,
                sectionIds.map((id) => ({
                  sectionId: id,
                  answer: sent.get(id) as SectionAnswer,
                  base: base.current.get(id),
                })),
              )
            : [];
      } catch (e) {
        failure = { error: e, retryAfter: 0 };
      }
      const saved: string[] = [];
      const newConflicts: SectionMerge[] = [];
      for (const outcome of outcomes) {
        if (outcome.kind === 'saved') {
          base.current.set(outcome.sectionId, outcome.stored);
          if (
            sameAnswer(
              answerOf(draft.current, outcome.sectionId),
              sent.get(outcome.sectionId) as SectionAnswer,
            )
          )
            dirty.current.delete(outcome.sectionId);
          saved.push(outcome.sectionId);
        } else if (outcome.kind === 'conflict') {
          newConflicts.push(
            mergeSection(
              outcome.sectionId,
              base.current.get(outcome.sectionId)?.answer,
              answerOf(draft.current, outcome.sectionId),
              outcome.current.answer,
            ),
          );
          base.current.set(outcome.sectionId, outcome.current);
        } else {
          failure = {
            error: Object.assign(new Error(outcome.reason), { status: outcome.status }),
            retryAfter: outcome.retryAfterSeconds,
          };
        }
      }
      if (saved.length > 0) {
        events.current.push(
          answersSavedEvent(
            audit.id,
            contributor,
            me,
            saved.map((id) => base.current.get(id) as StoredSectionAnswer),
            (id) => tool.sections.find((s) => s.id === id)?.title ?? id,
          ),
        );
      }
      try {
        if (saved.length > 0 && contributionRef.current.status === 'notStarted') {
          onContributionChange(
            await repo.setStatus(contributionRef.current, 'inProgress', me, now()),
          );
        }
        while (events.current.length > 0) {
          await repo.appendEvent(events.current[0] as AuditEvent, now());
          events.current.shift();
        }
      } catch (e) {
        failure ??= { error: e, retryAfter: 0 };
      }
      if (newConflicts.length > 0) {
        setConflicts((c) => [
          ...c.filter((m) => !newConflicts.some((n) => n.sectionId === m.sectionId)),
          ...newConflicts,
        ]);
        setStatus({ kind: 'conflict' });
        return false;
      }
      if (failure) {
        attempt.current++;
        const seconds = backoffSeconds(attempt.current, failure.retryAfter);
        setStatus({ kind: 'retrying', failure: failure.error, inSeconds: seconds });
        schedule(seconds * 1000, () => void saveNow());
        return false;
      }
      attempt.current = 0;
      setStatus(dirty.current.size > 0 ? { kind: 'unsaved' } : { kind: 'saved', at: now() });
      if (dirty.current.size > 0) schedule(AUTOSAVE_DELAY_MS, () => void saveNow());
      return dirty.current.size === 0;
    })();
    saving.current = round;
    try {
      return await round;
    } finally {
      saving.current = undefined;
    }
  }, [repo, audit.id, contributor, tool, me, now, onContributionChange, schedule]);

  const update = useCallback(
    (sectionId: string, answer: SectionAnswer) => {
      if (readOnly) return;
      draft.current = { ...draft.current, [sectionId]: answer };
      dirty.current.add(sectionId);
      setAnswers(draft.current);
      setSubmitProblems(undefined);
      setStatus((s) => (s.kind === 'retrying' || s.kind === 'conflict' ? s : { kind: 'unsaved' }));
      schedule(AUTOSAVE_DELAY_MS, () => void saveNow());
    },
    [readOnly, saveNow, schedule],
  );

  const resolveConflicts = useCallback(
    (resolved: ReadonlyArray<{ sectionId: string; answer: SectionAnswer }>) => {
      const next = { ...draft.current };
      for (const r of resolved) {
        next[r.sectionId] = r.answer;
        dirty.current.add(r.sectionId);
      }
      draft.current = next;
      setAnswers(next);
      setConflicts([]);
      setStatus({ kind: 'unsaved' });
      void saveNow();
    },
    [saveNow],
  );

  const submit = useCallback(async (): Promise<boolean> => {
    const problems = submissionProblems(tool, contributor, draft.current);
    setSubmitProblems(problems);
    if (problems.length > 0) return false;
    clearTimeout(timer.current);
    if (!(await saveNow())) return false;
    try {
      const updated = await repo.setStatus(contributionRef.current, 'submitted', me, now());
      onContributionChange(updated);
      setSubmitted(true);
      return true;
    } catch (e) {
      setStatus({ kind: 'notSubmitted', failure: e });
      return false;
    }
  }, [tool, contributor, saveNow, repo, me, now, onContributionChange]);

  const latestSave = useRef(saveNow);
  latestSave.current = saveNow;

  // Warn before the page closes with words not yet saved; leaving for another page of the tab
  // saves at once instead of waiting for the timer.
  useEffect(() => {
    // The same Set and array live as long as the editor: the cleanup reads them as they are then.
    const pendingSections = dirty.current;
    const pendingEvents = events.current;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (pendingSections.size === 0 && !saving.current && pendingEvents.length === 0) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      clearTimeout(timer.current);
      if (pendingSections.size > 0 || pendingEvents.length > 0) void latestSave.current();
    };
  }, []);

  return {
    answers,
    status: readOnly
      ? { kind: 'readOnly', why: 'Submitted: read-only until a moderator returns it.' }
      : status,
    conflicts,
    readOnly,
    submitProblems,
    update,
    resolveConflicts,
    submit,
  };
}
