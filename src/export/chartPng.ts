import type { ReportChart } from '../domain/report/content.js';
import { BAR, barSegments, barTop, CHART_WIDTH, chartHeight, GRADE_COLOURS } from './chartSvg.js';
import { encodePng } from './png.js';

/**
 * The fallback picture of a chart, for a reader that cannot show SVG: the same bars in the same
 * places and colours, without the words (those are in the table beside it and in the SVG).
 */
export function chartPng(chart: ReportChart): Uint8Array {
  const width = CHART_WIDTH;
  const height = chartHeight(chart);
  const pixels = new Uint8Array(width * height); // index 0: white
  const fill = (x: number, y: number, w: number, h: number, colour: number) => {
    for (let yy = Math.max(0, y); yy < Math.min(height, y + h); yy++)
      pixels.fill(colour, yy * width + Math.max(0, x), yy * width + Math.min(width, x + w));
  };
  for (const s of barSegments(chart))
    fill(s.x, Math.round(barTop(s.row)), s.width, BAR, s.grade + 1);
  return encodePng({ width, height, palette: ['#ffffff', ...GRADE_COLOURS], pixels });
}
