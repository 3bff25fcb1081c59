/**
 * Cells written to CSV and Excel that a spreadsheet could read as a formula are made safe. A text
 * starting with =, +, -, @, a tab or a carriage return is run by Excel, LibreOffice and Sheets as a
 * formula (CSV injection, OWASP); such a text gets a leading apostrophe, which the spreadsheet shows
 * as text and does not run. Numbers stay numbers: -3 is a number, not a formula.
 */

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export type Cell = string | number | boolean | null | undefined;

export function safeText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function safeCell(value: Cell): Exclude<Cell, undefined> {
  if (typeof value === 'string') return safeText(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return '';
  return value ?? null;
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
function csvField(value: Cell): string {
  const safe = safeCell(value);
  const text = safe === null ? '' : String(safe);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV with CRLF line ends, every cell made safe, with a byte order mark for Excel. */
export function toCsv(rows: ReadonlyArray<readonly Cell[]>): string {
  return `\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
