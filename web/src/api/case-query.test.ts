import { describe, expect, it } from 'vitest';
import { caseListQuerySchema } from '../../../shared/api/cases';
import { activeFilterCount, CASE_QUERY_KEYS, parseCaseQuery, toSearchParams, withFilters } from './case-query';

describe('case list query in the address bar', () => {
  it("knows every key of the shared schema, in the schema's order", () => {
    expect(CASE_QUERY_KEYS).toEqual(Object.keys(caseListQuerySchema.shape));
  });

  it('round-trips lists, dates and numbers, leaving defaults out', () => {
    const q = parseCaseQuery(
      new URLSearchParams('block=zhkh,tko&status=triage&organisation=3,5&from=2025-01-01&q=яма&sort=due_asc&page=2'),
    );
    expect(q).toEqual({
      block: ['zhkh', 'tko'],
      status: ['triage'],
      organisation: [3, 5],
      from: '2025-01-01',
      q: 'яма',
      sort: 'due_asc',
      page: 2,
    });
    expect(toSearchParams(q).toString()).toBe(
      new URLSearchParams(
        'block=zhkh,tko&organisation=3,5&status=triage&from=2025-01-01&q=яма&sort=due_asc&page=2',
      ).toString(),
    );
    expect(toSearchParams({ sort: 'created_desc', page: 1, pageSize: 50 }).toString()).toBe('');
  });

  it('drops only the invalid field', () => {
    expect(
      parseCaseQuery(new URLSearchParams('status=nonsense&from=01.02.2025&channel=email&deadline=overdue')),
    ).toEqual({ channel: ['email'], deadline: 'overdue' });
  });

  it('resets the page on a filter change and removes emptied filters', () => {
    const next = withFilters(
      { block: ['zhkh'], category: ['zhkh.heating'], page: 3 },
      { block: ['tko'], category: [] },
    );
    expect(next).toEqual({ block: ['tko'] });
    expect(withFilters({ q: 'a' }, { page: 2 })).toEqual({ q: 'a', page: 2 });
    expect(activeFilterCount({ block: ['tko'], q: 'x', sort: 'due_asc', page: 2 })).toBe(2);
  });
});
