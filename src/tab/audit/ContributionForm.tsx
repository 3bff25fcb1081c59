import {
  Button,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useRef } from 'react';
import { contributorLabel } from '../../domain/agencies.js';
import { FIELD_LABELS, fieldLabel, progressOf, type Problem } from '../../domain/answers.js';
import type { GradingScale } from '../../domain/grading.js';
import { sectionsFor } from '../../domain/tools/index.js';
import { ConflictDialog } from './ConflictDialog.js';
import { type AgencyGrade, fieldId, SectionEditor } from './SectionEditor.js';
import { MessageDetails } from '../components/UserMessage/UserMessage.js';
import { describeSaveStatus, saveStatusDetails } from './saveStatus.js';
import type { ContributionEditor } from './useContributionEditor.js';
import type { AgencyContribution } from '../../domain/records.js';
import type { AuditTool } from '../../domain/tools/index.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  status: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    paddingBlock: tokens.spacingVerticalS,
  },
  progress: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, columns: '2 280px' },
  actions: {
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    paddingBlock: tokens.spacingVerticalL,
  },
});

const STATE_LABELS = {
  complete: 'complete',
  started: 'started',
  notStarted: 'not started',
  notApplicable: 'not applicable',
} as const;

export function ContributionForm({
  tool,
  contribution,
  editor,
  scale,
  agencyGrades,
}: {
  tool: AuditTool;
  contribution: AgencyContribution;
  editor: ContributionEditor;
  scale: GradingScale;
  agencyGrades?: (sectionId: string) => readonly AgencyGrade[];
}) {
  const styles = useStyles();
  const prefix = contribution.contributor;
  const progress = progressOf(tool, contribution.contributor, editor.answers);
  const sections = sectionsFor(tool, contribution.contributor);
  const summary = useRef<HTMLDivElement>(null);
  const problemsBySection = (id: string): Problem[] =>
    (editor.submitProblems ?? []).filter((p) => p.sectionId === id);
  const title = (id: string) => tool.sections.find((s) => s.id === id)?.title ?? id;
  const fieldOf = (p: Problem) => {
    const section = tool.sections.find((s) => s.id === p.sectionId);
    return section ? fieldLabel(section, p.field) : FIELD_LABELS[p.field];
  };
  return (
    <div className={styles.root}>
      <div className={styles.status} role="status" aria-live="polite">
        <Text>{describeSaveStatus(editor.status)}</Text>
      </div>
      <MessageDetails details={saveStatusDetails(editor.status)} />
      <nav aria-label={`Progress: ${contributorLabel(contribution.contributor)}`}>
        <Text weight="semibold">
          {progress.done} of {progress.total} sections complete
        </Text>
        <ul className={styles.progress}>
          {progress.sections.map((s) => (
            <li key={s.sectionId}>
              <Link
                href={`#${fieldId(prefix, s.sectionId, 'section')}`}
                onClick={(e) => {
                  e.preventDefault();
                  document
                    .getElementById(fieldId(prefix, s.sectionId, 'section'))
                    ?.scrollIntoView();
                  document.getElementById(fieldId(prefix, s.sectionId, 'notApplicable'))?.focus();
                }}
              >
                {title(s.sectionId)}
              </Link>
              : {STATE_LABELS[s.state]}
            </li>
          ))}
        </ul>
      </nav>
      {editor.submitProblems && editor.submitProblems.length > 0 && (
        <div ref={summary} tabIndex={-1}>
          <MessageBar intent="error" role="alert">
            <MessageBarBody>
              <MessageBarTitle>
                This cannot be submitted yet: {editor.submitProblems.length} things are missing.
              </MessageBarTitle>
              <ul>
                {editor.submitProblems.map((p) => (
                  <li key={`${p.sectionId}-${p.field}`}>
                    <Link
                      href={`#${fieldId(prefix, p.sectionId, p.field)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        document.getElementById(fieldId(prefix, p.sectionId, p.field))?.focus();
                      }}
                    >
                      {title(p.sectionId)}, {fieldOf(p)}
                    </Link>
                    : {p.message}
                  </li>
                ))}
              </ul>
            </MessageBarBody>
          </MessageBar>
        </div>
      )}
      {sections.map((section) => (
        <SectionEditor
          key={section.id}
          idPrefix={prefix}
          section={section}
          answer={editor.answers[section.id]}
          scale={scale}
          readOnly={editor.readOnly}
          onChange={editor.update}
          problems={problemsBySection(section.id)}
          {...(agencyGrades ? { agencyGrades: agencyGrades(section.id) } : {})}
        />
      ))}
      {!editor.readOnly && (
        <div className={styles.actions}>
          <Button
            appearance="primary"
            onClick={() => {
              void editor.submit().then((ok) => {
                if (!ok) requestAnimationFrame(() => summary.current?.focus());
              });
            }}
          >
            Submit {contributorLabel(contribution.contributor).toLowerCase()}
          </Button>
          <Text>Submitting makes it read-only until a moderator returns it.</Text>
        </div>
      )}
      {/* Mounted throughout and closed by its flag, so that the page behind is restored on close. */}
      <ConflictDialog
        open={editor.conflicts.length > 0}
        merges={editor.conflicts}
        sectionTitle={title}
        scale={scale}
        onResolve={editor.resolveConflicts}
      />
    </div>
  );
}
