import ExcelJS from 'exceljs';
import type { ReportContent, ReportTable } from '../domain/report/content.js';
import { safeCell, toCsv } from '../domain/report/safeCells.js';

/**
 * The report's figures as an Excel workbook (a sheet for the report's details, then one per
 * table) and as CSV. Text cells are never formulas; any that a spreadsheet could still read as one
 * (after a save as CSV, say) starts with an apostrophe, as the CSV does.
 */

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the book. */
function sheetName(caption: string, taken: Set<string>): string {
  const base =
    caption
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 28) || 'Sheet';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 26)} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

const value = (c: string | number): string | number => {
  const v = safeCell(c);
  return typeof v === 'number' ? v : String(v ?? '');
};

export function reportWorkbook(content: ReportContent): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  book.creator = 'Multi-agency case audit';
  book.title = content.title;
  const taken = new Set<string>();
  const about = book.addWorksheet(sheetName('Report', taken));
  about.columns = [{ width: 22 }, { width: 100 }];
  about.addRows([
    ['Report', value(content.title)],
    ['Covers', value(content.scope)],
    ['Status', value(content.status)],
  ]);
  for (const section of content.sections)
    if (section.id === 'method')
      section.paragraphs.forEach((p, i) => about.addRow([i === 0 ? 'Method' : '', value(p)]));
  about.getColumn(1).font = { bold: true };

  const tables: ReportTable[] = content.sections.flatMap((s) => s.tables);
  for (const t of tables) {
    const sheet = book.addWorksheet(sheetName(t.caption, taken), {
      views: [{ state: 'frozen', ySplit: 2 }],
    });
    sheet.addRow([value(t.caption)]).font = { bold: true, size: 13 };
    sheet.addRow(t.head.map(value)).font = { bold: true };
    for (const r of t.rows) sheet.addRow(r.map(value));
    sheet.columns.forEach((col, i) => {
      col.width = Math.min(
        60,
        Math.max(
          10,
          ...[t.head[i] ?? '', ...t.rows.map((r) => r[i] ?? '')].map((c) => String(c).length + 2),
        ),
      );
    });
  }
  return book;
}

export async function reportXlsx(content: ReportContent): Promise<Uint8Array> {
  const buffer = await reportWorkbook(content).xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** Every table of the report in one CSV: each table's caption, its header and rows, a blank line. */
export function reportCsv(content: ReportContent): string {
  const rows: Array<ReadonlyArray<string | number>> = [];
  for (const t of content.sections.flatMap((s) => s.tables)) {
    if (rows.length > 0) rows.push([]);
    rows.push([t.caption], t.head, ...t.rows);
  }
  return toCsv(rows);
}
