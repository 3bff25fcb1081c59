import { describe, expect, it } from '@jest/globals';
import { LIST_NAMES, SCHEMA } from './schema.js';

describe('the list schema', () => {
  it('defines every list once, with unique column names', () => {
    expect(SCHEMA.map((l) => l.name)).toEqual([...LIST_NAMES]);
    for (const list of SCHEMA) {
      const names = list.columns.map((c) => c.name.toLowerCase());
      expect([list.name, new Set(names).size]).toEqual([list.name, names.length]);
    }
  });

  it('indexes every unique column and never indexes multiple lines of text', () => {
    for (const list of SCHEMA) {
      for (const column of list.columns) {
        if (column.enforceUniqueValues)
          expect([`${list.name}.${column.name}`, column.indexed]).toEqual([
            `${list.name}.${column.name}`,
            true,
          ]);
        if ('text' in column && column.text.allowMultipleLines)
          expect([`${list.name}.${column.name}`, Boolean(column.indexed)]).toEqual([
            `${list.name}.${column.name}`,
            false,
          ]);
      }
    }
  });
});
