import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { ReportContent, ReportTable } from '../domain/report/content.js';
import { chartPng } from './chartPng.js';
import { CHART_WIDTH, chartHeight, chartSvg } from './chartSvg.js';

/**
 * The overview report as a Word document laid out as a board paper: a title page, a table of
 * contents (Word fills it in when the document opens), then the sections in the report's order,
 * each with its tables and its charts as pictures (SVG, with a PNG for readers that cannot show
 * SVG) carrying alternative text. Tables have header rows that repeat across pages.
 */

const table = (t: ReportTable): Table =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: t.head.map(
          (h) =>
            new TableCell({
              children: [new Paragraph({ children: [new TextRun({ text: h, bold: true })] })],
            }),
        ),
      }),
      ...t.rows.map(
        (r) =>
          new TableRow({
            children: r.map((c) => new TableCell({ children: [new Paragraph(String(c))] })),
          }),
      ),
    ],
  });

const encoder = new TextEncoder();

export function reportDocument(content: ReportContent): Document {
  const children: Array<Paragraph | Table | TableOfContents> = [
    new Paragraph({
      text: content.title,
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
    }),
    new Paragraph({ text: content.scope, alignment: AlignmentType.CENTER }),
    new Paragraph({ text: content.status, alignment: AlignmentType.CENTER }),
    new Paragraph({
      text: 'Multi-agency case audit: overview report for the safeguarding partnership',
      alignment: AlignmentType.CENTER,
    }),
    new Paragraph({ children: [new PageBreak()] }),
    new Paragraph({ text: 'Contents', heading: HeadingLevel.HEADING_1 }),
    new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-2' }),
    new Paragraph({ children: [new PageBreak()] }),
  ];
  for (const section of content.sections) {
    children.push(new Paragraph({ text: section.heading, heading: HeadingLevel.HEADING_1 }));
    for (const p of section.paragraphs) children.push(new Paragraph(p));
    for (const t of section.tables) {
      children.push(new Paragraph({ text: t.caption, heading: HeadingLevel.HEADING_2 }));
      const chart = section.charts.find((c) => c.tableId === t.id);
      if (chart && t.rows.length > 0) {
        const height = chartHeight(chart);
        children.push(
          new Paragraph({
            children: [
              new ImageRun({
                type: 'svg',
                data: encoder.encode(chartSvg(chart)),
                fallback: { type: 'png', data: chartPng(chart) },
                transformation: { width: CHART_WIDTH * 0.9, height: height * 0.9 },
                altText: {
                  name: chart.id,
                  title: chart.title,
                  description: `${chart.title}. The table below gives the same figures.`,
                },
              }),
            ],
          }),
        );
      }
      children.push(t.rows.length === 0 ? new Paragraph('Nothing to show yet.') : table(t));
    }
  }
  return new Document({
    title: content.title,
    description: content.scope,
    creator: 'Multi-agency case audit',
    features: { updateFields: true },
    sections: [{ children }],
  });
}

/** The .docx file's bytes. */
export const reportDocx = (content: ReportContent): Promise<Uint8Array> =>
  Packer.pack(reportDocument(content), 'uint8array');
