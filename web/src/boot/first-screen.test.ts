import { describe, expect, it } from 'vitest';
import type { Me } from '../api/contract';
import { firstScreenRequests } from './first-screen';

const me = (role: string, permissions: string[], organisationId: number | null = null): Me =>
  ({ id: 1, login: role, name: role, role, organisationId, permissions } as unknown as Me);
const operator = me('operator', ['cases.read', 'cases.triage', 'analytics.read']);
const executor = me('executor', ['cases.read', 'cases.answer'], 7);
const now = new Date('2026-11-27T09:00:00Z');

describe('запросы первого экрана', () => {
  it('«Входящие»: справочники, затем страница списка с фильтрами из адреса и счётчики тех же фильтров', () => {
    expect(firstScreenRequests('#/inbox?block=zhkh&page=2', operator, now)).toEqual([
      '/api/reference',
      '/api/cases?block=zhkh&page=2',
      '/api/cases/facets?block=zhkh&facets=block%2Ccategory%2Cmunicipality%2Corganisation%2Cchannel%2Cdeadline%2Cpriority',
    ]);
  });

  it('неверный фильтр в закладке отбрасывается так же, как на экране', () => {
    expect(firstScreenRequests('#/inbox?status=nonsense', operator, now)[1]).toBe('/api/cases');
  });

  it('«Комплексная картина»: счётчики за период из адреса (по умолчанию 30 дней по Москве)', () => {
    expect(firstScreenRequests('#/dashboard', operator, now)[1])
      .toBe('/api/cases/facets?from=2026-10-29&to=2026-11-27&facets=block%2Ccategory%2Cmunicipality%2Cchannel%2Cdeadline');
    expect(firstScreenRequests('#/dashboard?period=all', operator, now)[1])
      .toBe('/api/cases/facets?facets=block%2Ccategory%2Cmunicipality%2Cchannel%2Cdeadline');
  });

  it('экран, который роли недоступен, или экран без заготовленных запросов — только справочники', () => {
    expect(firstScreenRequests('#/inbox', executor, now)).toEqual(['/api/reference']);
    expect(firstScreenRequests('#/cases/15', operator, now)).toEqual(['/api/reference']);
    expect(firstScreenRequests('', operator, now)).toEqual(['/api/reference']);
  });
});
