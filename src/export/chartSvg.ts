import type { ReportChart } from '../domain/report/content.js';

/**
 * A report chart as an SVG picture for the Word export: one stacked bar per row (each grade's
 * share), labels on the left, the legend below. The page draws its charts with Fluent's chart
 * components; a document needs a picture, and SVG keeps the words sharp in Word. The figures are
 * in the table beside every chart, and the picture carries a title and a description of its own.
 */

export const CHART_WIDTH = 640;
const LABEL_WIDTH = 210;
const BAR_HEIGHT = 22;
const ROW_HEIGHT = 32;
const TOP = 36;
const LEGEND_HEIGHT = 40;

/** Outstanding to inadequate: dark to light blue then amber and red, told apart by shade as well as hue. */
export const GRADE_COLOURS = ['#0b4a8b', '#3b8ad9', '#f2b233', '#c23b22'] as const;

const escape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const chartHeight = (chart: ReportChart): number =>
  TOP + Math.max(1, chart.bars.length) * ROW_HEIGHT + LEGEND_HEIGHT;

/** Where each bar's segments lie, in pixels: shared with the PNG fallback so both agree. */
export function barSegments(
  chart: ReportChart,
): Array<{ row: number; x: number; width: number; grade: number }> {
  const plot = CHART_WIDTH - LABEL_WIDTH - 20;
  return chart.bars.flatMap((bar, row) => {
    let x = LABEL_WIDTH;
    return bar.shares.map((share, grade) => {
      const width = Math.round(share * plot);
      const segment = { row, x, width, grade };
      x += width;
      return segment;
    });
  });
}

export const barTop = (row: number): number =>
  TOP + row * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2;
export const BAR = BAR_HEIGHT;

export function chartSvg(chart: ReportChart): string {
  const height = chartHeight(chart);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}" role="img" aria-labelledby="t d">`,
    `<title id="t">${escape(chart.title)}</title>`,
    `<desc id="d">${escape(
      chart.bars
        .map(
          (b) =>
            `${b.label}: ${b.shares.map((s, i) => `${chart.legend[i]} ${Math.round(s * 100)}%`).join(', ')}`,
        )
        .join('. '),
    )}</desc>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="0" y="20" font-family="Segoe UI, Arial, sans-serif" font-size="15" font-weight="600" fill="#242424">${escape(chart.title)}</text>`,
  ];
  chart.bars.forEach((bar, row) => {
    parts.push(
      `<text x="${LABEL_WIDTH - 8}" y="${barTop(row) + BAR_HEIGHT / 2 + 4}" text-anchor="end" font-family="Segoe UI, Arial, sans-serif" font-size="12" fill="#242424">${escape(bar.label.length > 32 ? `${bar.label.slice(0, 31)}…` : bar.label)}</text>`,
    );
  });
  for (const s of barSegments(chart))
    if (s.width > 0)
      parts.push(
        `<rect x="${s.x}" y="${barTop(s.row)}" width="${s.width}" height="${BAR_HEIGHT}" fill="${GRADE_COLOURS[s.grade]}" stroke="#ffffff" stroke-width="1"/>`,
      );
  const legendY = TOP + Math.max(1, chart.bars.length) * ROW_HEIGHT + 16;
  let x = 0;
  chart.legend.forEach((label, i) => {
    parts.push(
      `<rect x="${x}" y="${legendY - 10}" width="12" height="12" fill="${GRADE_COLOURS[i]}"/>`,
      `<text x="${x + 16}" y="${legendY}" font-family="Segoe UI, Arial, sans-serif" font-size="11" fill="#242424">${escape(label)}</text>`,
    );
    x += 16 + Math.min(200, label.length * 6.2) + 14;
  });
  parts.push('</svg>');
  return parts.join('');
}
