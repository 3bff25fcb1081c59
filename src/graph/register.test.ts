import { describe, expect, it } from '@jest/globals';
import { DEFAULT_FILTERS, type RegisterFilters, SORT_KEYS } from '../domain/register.js';
import { registerQuery } from './register.js';
import { SCHEMA } from './schema.js';

const NOW = new Date('2026-11-27T10:00:00.250Z');
const indexed = new Set(
  SCHEMA.find((l) => l.name === 'Audits')!
    .columns.filter((c) => c.indexed)
    .map((c) => c.name),
);
const columnsOf = (q: { filter?: string; orderby: string }) =>
  [...`${q.filter ?? ''} ${q.orderby}`.matchAll(/fields\/(\w+)/g)].map((m) => m[1]);

describe('the register query', () => {
  const every: RegisterFilters = {
    status: 'inProgress',
    themeId: '4',
    category: 'childInNeed',
    agency: 'police',
    overdue: true,
    dueThisWeek: true,
    childAtRisk: true,
    reference: "NSP-O'1",
    sort: 'due',
    descending: false,
  };

  it('names only indexed columns of the Audits list, whatever the filters and order', () => {
    for (const sort of SORT_KEYS)
      for (const f of [DEFAULT_FILTERS, every])
        for (const column of columnsOf(registerQuery({ ...f, sort }, NOW)))
          expect({ column, indexed: indexed.has(column as string) }).toEqual({
            column,
            indexed: true,
          });
  });

  it('writes each filter as OData, to the second, with quotes doubled', () => {
    expect(registerQuery(DEFAULT_FILTERS, NOW)).toEqual({ orderby: 'fields/DueDate' });
    expect(registerQuery({ ...every, sort: 'reference', descending: true }, NOW)).toEqual({
      filter:
        "fields/Status eq 'inProgress' and fields/ThemeId eq 4 and fields/Category eq 'childInNeed'" +
        " and fields/DueDate lt '2026-11-27T10:00:00.000Z'" +
        " and (fields/Status eq 'commissioned' or fields/Status eq 'inProgress' or fields/Status eq 'moderation' or fields/Status eq 'returned')" +
        " and fields/DueDate ge '2026-11-27T10:00:00.000Z' and fields/DueDate lt '2026-12-04T00:00:00.000Z'" +
        " and (fields/Status eq 'commissioned' or fields/Status eq 'inProgress' or fields/Status eq 'moderation' or fields/Status eq 'returned')" +
        " and fields/ChildAtRisk eq true and fields/Status ne 'closed' and fields/Status ne 'withdrawn'" +
        " and startswith(fields/CaseReference, 'NSP-O''1')",
      orderby: 'fields/CaseReference desc',
    });
  });
});
