import { describe, expect, it } from 'vitest';
import type { Me } from '../api/contract';
import { firstScreenRequests, sessionAccess } from './first-screen';

const me = (role: string, permissions: string[], organisationId: number | null = null): Me =>
  ({ id: 1, login: role, name: role, role, organisationId, permissions }) as unknown as Me;
const operator = me('operator', ['cases.read', 'cases.triage', 'analytics.read']);
const executor = me('executor', ['cases.read', 'cases.answer'], 7);
const now = new Date('2026-11-27T09:00:00Z');

describe('запросы первого экрана', () => {
  it('«Входящие»: справочники, затем первая страница списка и счётчики фильтров', () => {
    expect(firstScreenRequests('#/inbox', operator, now)).toEqual([
      '/api/reference',
      '/api/cases',
      '/api/cases/facets?facets=block%2Ccategory%2Cmunicipality%2Corganisation%2Cchannel%2Cdeadline%2Cpriority%2CcitizenReplied',
    ]);
  });

  it('адрес с фильтрами оставлен экрану: какие фильтры верны, решает только разбор адреса в приложении', () => {
    expect(firstScreenRequests('#/inbox?block=zhkh&page=2', operator, now)).toEqual(['/api/reference']);
    expect(firstScreenRequests('#/inbox?status=nonsense', operator, now)).toEqual(['/api/reference']);
  });

  it('«Комплексная картина»: счётчики за период из адреса (по умолчанию 30 дней по Москве)', () => {
    expect(firstScreenRequests('#/dashboard', operator, now)[1]).toBe(
      '/api/cases/facets?from=2026-10-29&to=2026-11-27&facets=block%2Ccategory%2Cmunicipality%2Cchannel%2Cdeadline',
    );
    expect(firstScreenRequests('#/dashboard?period=all', operator, now)[1]).toBe(
      '/api/cases/facets?facets=block%2Ccategory%2Cmunicipality%2Cchannel%2Cdeadline',
    );
  });

  it('«Комплексная картина»: и данные остальных панелей за тот же период, в том виде, в каком их просит экран', () => {
    expect(firstScreenRequests('#/dashboard', operator, now).slice(2)).toEqual([
      '/api/analytics/spikes?on=2026-11-27&window=week',
      '/api/cases?deadline=at_risk&sort=due_asc&pageSize=5',
      '/api/analytics/points?from=2026-10-29&to=2026-11-27',
      '/api/votes?from=2026-10-29&to=2026-11-27',
      '/api/campaigns?from=2026-10-29&to=2026-11-27',
    ]);
    expect(firstScreenRequests('#/dashboard?period=all', operator, now).slice(3)).toEqual([
      '/api/cases?deadline=at_risk&sort=due_asc&pageSize=5',
      '/api/analytics/points',
      '/api/votes',
      '/api/campaigns',
    ]);
  });

  it('экран, который роли недоступен, или экран без заготовленных запросов — только справочники', () => {
    expect(firstScreenRequests('#/inbox', executor, now)).toEqual(['/api/reference']);
    expect(firstScreenRequests('#/cases/15', operator, now)).toEqual(['/api/reference']);
    expect(firstScreenRequests('', operator, now)).toEqual(['/api/reference']);
  });

  it('ответ о сессии читается без zod: вошедший пользователь или null', () => {
    expect(sessionAccess({ user: { ...operator, extra: 1 } })).toEqual({
      role: 'operator',
      permissions: operator.permissions,
      organisationId: null,
    });
    expect(sessionAccess({ user: null })).toBeNull();
    expect(sessionAccess({ user: { role: 'operator', permissions: 'cases.read', organisationId: null } })).toBeNull();
    expect(sessionAccess({ user: { role: 'operator', permissions: [1], organisationId: null } })).toBeNull();
    expect(sessionAccess({ user: { role: 'executor', permissions: [], organisationId: '7' } })).toBeNull();
    expect(sessionAccess(null)).toBeNull();
  });
});
