import { HorizontalBarChart } from '@fluentui/react-charts';
import { tokens } from '@fluentui/react-components';
import type { ReportChart as Chart, ReportTable } from '../../domain/report/content.js';

// One colour a grade, from the theme's own palette so that dark and high contrast follow.
const COLOURS = [
  tokens.colorPaletteGreenForeground1,
  tokens.colorPaletteTealForeground2,
  tokens.colorPaletteMarigoldForeground1,
  tokens.colorPaletteRedForeground1,
];

/**
 * A chart of one of the report's tables, as stacked bars of each grade's share. It is loaded in a
 * chunk of its own (the charts library is large) and only when a report is open. The table of
 * the same figures sits beside it, so the chart itself is inert: out of the tab order and hidden
 * from screen readers (its bars and legend would otherwise be focusable stops saying the same).
 */
export function ReportChart({ chart, table }: { chart: Chart; table: ReportTable | undefined }) {
  const totals = new Map(
    (table?.rows ?? []).map((r) => [String(r[0]), Number(r[r.length - 1]) || 0] as const),
  );
  return (
    <figure inert style={{ margin: 0 }}>
      <HorizontalBarChart
        hideTooltip
        data={chart.bars.map((bar) => ({
          chartTitle: bar.label,
          chartData: bar.shares.map((share, i) => ({
            legend: chart.legend[i] ?? '',
            horizontalBarChartdata: {
              x: Math.round(share * (totals.get(bar.label) ?? 100)),
              total: totals.get(bar.label) ?? 100,
            },
            color: COLOURS[i % COLOURS.length] as string,
          })),
        }))}
      />
    </figure>
  );
}
