import { describe, expect, it } from 'vitest';
import { LIST_NAMES, SCHEMA } from './schema.js';

describe('the list schema', () => {
  it('defines every list once, with unique column names', () => {
    expect(SCHEMA.map((l) => l.name)).toEqual([...LIST_NAMES]);
    for (const list of SCHEMA) {
      const names = list.columns.map((c) => c.name.toLowerCase());
      expect(new Set(names).size, list.name).toBe(names.length);
    }
  });

  it('indexes every unique column and never indexes multiple lines of text', () => {
    for (const list of SCHEMA) {
      for (const column of list.columns) {
        if (column.enforceUniqueValues)
          expect(column.indexed, `${list.name}.${column.name}`).toBe(true);
        if ('text' in column && column.text.allowMultipleLines)
          expect(column.indexed, `${list.name}.${column.name}`).toBeFalsy();
      }
    }
  });
});
