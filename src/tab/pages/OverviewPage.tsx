import { Card, Link, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useCallback } from 'react';
import {
  countOf,
  DEFAULT_FILTERS,
  FIGURE_FILTERS,
  type FigureKey,
  type Overview,
  programmeYear,
} from '../../domain/register.js';
import { AsyncContent } from '../components/AsyncContent/AsyncContent.js';
import { useAsync } from '../components/AsyncContent/useAsync.js';
import { PageFrame, Section } from '../components/PageFrame/PageFrame.js';
import { CountBar } from '../components/StatusBadge/StatusBadge.js';
import { hashOf } from '../routing/router.js';
import { useServices } from '../services/ServicesContext.js';

const useStyles = makeStyles({
  figures: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    listStyleType: 'none',
    margin: 0,
    padding: 0,
  },
  figure: { flexGrow: 1, flexBasis: '12rem' },
  number: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700 },
  themes: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    listStyleType: 'none',
    margin: 0,
    padding: 0,
  },
  bars: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(10rem, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
});

/** Each figure's words: a count with its noun in the right number. */
const FIGURE_WORDS: Record<FigureKey, (n: number) => string> = {
  dueThisWeek: (n) => `${countOf(n, 'audit', 'audits')} due this week`,
  overdue: (n) => `${countOf(n, 'audit', 'audits')} overdue`,
  childAtRisk: (n) => `${countOf(n, 'child', 'children')} flagged at risk now`,
  awaitingSignOff: (n) => `${countOf(n, 'sign-off', 'sign-offs')} waiting`,
};

type Data = { year: string; overview: Overview };

/** The business manager's first screen: how is this year going? Every figure opens its register. */
export function OverviewPage() {
  const styles = useStyles();
  const { repositories, register, now } = useServices();
  const load = useCallback(async (): Promise<Data> => {
    const all = await repositories.programme.list();
    // This programme year's themes, or the latest year planned when this one has none yet.
    const current = programmeYear(now());
    const year = all.some((t) => t.year === current) ? current : (all.at(-1)?.year ?? current);
    return {
      year,
      overview: await register.overview(
        all.filter((t) => t.year === year),
        now(),
      ),
    };
  }, [repositories, register, now]);
  const { state, retry } = useAsync(load);
  return (
    <PageFrame
      title={state.status === 'ready' ? `How ${state.data.year} is going` : 'How the year is going'}
      intro="The year's themes against their planned sample, and what needs you now. Each figure opens the audits behind it."
    >
      <AsyncContent
        state={state}
        retry={retry}
        what="the overview"
        isEmpty={() => false}
        empty={null}
      >
        {({ overview }) => (
          <>
            <Section title="Needs attention">
              <ul className={styles.figures}>
                {(Object.keys(FIGURE_WORDS) as FigureKey[]).map((k) => (
                  <li key={k} className={styles.figure}>
                    <Card>
                      <Link href={hashOf({ area: 'register', filters: FIGURE_FILTERS[k] })}>
                        <span className={styles.number}>{overview.figures[k]}</span>{' '}
                        {FIGURE_WORDS[k](overview.figures[k]).replace(/^\d+ /, '')}
                      </Link>
                    </Card>
                  </li>
                ))}
              </ul>
            </Section>
            <Section title="Themes">
              {overview.themes.length === 0 ? (
                <Text as="p">No theme is planned for this year yet.</Text>
              ) : (
                <ul className={styles.themes}>
                  {overview.themes.map((t) => (
                    <li key={t.theme.id}>
                      <Card>
                        <Link
                          href={hashOf({
                            area: 'register',
                            filters: { ...DEFAULT_FILTERS, themeId: t.theme.id },
                          })}
                        >
                          {t.theme.title}
                        </Link>
                        <Text size={200}>
                          Planned sample: {countOf(t.planned, 'case', 'cases')}.
                        </Text>
                        <div className={styles.bars}>
                          <CountBar
                            value={t.commissioned}
                            total={t.planned}
                            label={`${t.commissioned} of ${t.planned} commissioned`}
                          />
                          <CountBar
                            value={t.submitted}
                            total={t.planned}
                            label={`${t.submitted} of ${t.planned} submitted`}
                          />
                          <CountBar
                            value={t.signedOff}
                            total={t.planned}
                            label={`${t.signedOff} of ${t.planned} signed off`}
                          />
                        </div>
                      </Card>
                    </li>
                  ))}
                </ul>
              )}
            </Section>
          </>
        )}
      </AsyncContent>
    </PageFrame>
  );
}
