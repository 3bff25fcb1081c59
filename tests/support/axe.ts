import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Every WCAG 2.2 AA violation axe finds on the page, as readable lines. One known false positive
 * is set aside, and only that one: Fluent UI's focus manager (tabster) puts `aria-hidden`
 * sentinels with tabindex=0 and `data-tabster-dummy` around focus traps; they hand focus on at
 * once and are hidden from screen readers on purpose (microsoft/tabster#288; Accessibility
 * Insights suppresses the same nodes).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return result.violations
    .map((v) => ({
      ...v,
      nodes:
        v.id === 'aria-hidden-focus'
          ? v.nodes.filter((n) => !n.html.includes('data-tabster-dummy'))
          : v.nodes,
    }))
    .filter((v) => v.nodes.length > 0)
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 120)}`).join('; ')})`,
    );
}
