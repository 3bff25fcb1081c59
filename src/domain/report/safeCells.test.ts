import { describe, expect, it } from '@jest/globals';
import { safeCell, safeText, toCsv } from './safeCells.js';

describe('cells a spreadsheet could run as a formula', () => {
  it.each([
    ['=HYPERLINK("http://x","click")'],
    ['+1+1'],
    ['-2+3'],
    ['@SUM(A1)'],
    ['\t=1'],
    ['\r=1'],
    ['＝1+1'],
  ])('%j is kept as text behind an apostrophe', (text) => {
    expect(safeText(text)).toBe(`'${text}`);
  });

  it('leaves ordinary text and numbers alone, negative numbers included', () => {
    expect(safeText('Good practice in 3 of 4 cases')).toBe('Good practice in 3 of 4 cases');
    expect(safeText('')).toBe('');
    expect(safeCell(-3)).toBe(-3);
    expect(safeCell(0.25)).toBe(0.25);
    expect(safeCell(true)).toBe(true);
    expect(safeCell(undefined)).toBeNull();
    expect(safeCell(Number.NaN)).toBe('');
  });
});

/** A small RFC 4180 reader, written apart from the writer, to read back what it wrote. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += c;
  }
  return rows;
}

describe('CSV', () => {
  it('writes rows that read back cell for cell, formulas made safe', () => {
    const csv = toCsv([
      ['Area', 'Good', 'Note'],
      ["The child's voice", 4, 'said "no", then yes'],
      ['Oversight', -1, '=1+1'],
      ['Multi-line', 0, 'one\r\ntwo, three'],
      ['Empty', null, undefined],
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(readCsv(csv)).toEqual([
      ['Area', 'Good', 'Note'],
      ["The child's voice", '4', 'said "no", then yes'],
      ['Oversight', '-1', "'=1+1"],
      ['Multi-line', '0', 'one\r\ntwo, three'],
      ['Empty', '', ''],
    ]);
  });

  it('quotes only the fields that need it', () => {
    expect(toCsv([['Area', 4, 'a, b', 'say "hi"', '']])).toBe(
      '\uFEFFArea,4,"a, b","say ""hi""",\r\n',
    );
  });
});
