import { describe, expect, it } from 'vitest';
import { passportSchema } from '../api/projects';
import { passportChanges, periodBounds, periodKey, periodLabel, periodMonths, pointStatus } from './plan-rules';

describe('periods of progress reports', () => {
  it('month, quarter and year: months, bounds, names and keys', () => {
    expect(periodMonths({ kind: 'quarter', year: 2026, number: 2 })).toEqual([4, 5, 6]);
    expect(periodBounds({ kind: 'month', year: 2028, number: 2 })).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodBounds({ kind: 'quarter', year: 2026, number: 4 })).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodBounds({ kind: 'year', year: 2026, number: 7 })).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(periodLabel({ kind: 'month', year: 2026, number: 3 })).toBe('март 2026 года');
    expect(periodLabel({ kind: 'quarter', year: 2026, number: 1 })).toBe('1 квартал 2026 года');
    expect(periodKey({ kind: 'year', year: 2026, number: 5 })).toBe(periodKey({ kind: 'year', year: 2026, number: 1 }));
    expect(periodKey({ kind: 'month', year: 2026, number: 1 })).not.toBe(
      periodKey({ kind: 'quarter', year: 2026, number: 1 }),
    );
  });
});

describe('status of a control point on a date', () => {
  it('done, late, at risk (marked or due within 14 days), planned', () => {
    expect(pointStatus('2026-03-01', '2026-03-05', '2026-03-31')).toBe('done');
    expect(pointStatus('2026-03-01', null, '2026-03-31')).toBe('late');
    expect(pointStatus('2026-04-10', null, '2026-03-31')).toBe('at_risk');
    expect(pointStatus('2026-04-15', null, '2026-03-31')).toBe('planned');
    expect(pointStatus('2026-06-15', null, '2026-03-31', true)).toBe('at_risk');
  });
});

describe('what changed between two passports', () => {
  const base = passportSchema.parse({
    name: 'Тёплый дом',
    goals: ['Цель 1'],
    controlPoints: [
      { title: 'Пуск', date: '2026-10-01' },
      { title: 'Проект', date: '2026-04-15' },
    ],
    team: [{ name: 'Иванов', share: 50 }],
    indicators: [
      {
        code: 'x',
        title: 'Котельные',
        method: 'Счёт',
        source: { kind: 'manual' },
        plan: [{ year: 2026, month: null, value: 3 }],
      },
    ],
  });
  it('nothing when equal; fields, list items and keyed items otherwise', () => {
    expect(passportChanges(base, base)).toEqual([]);
    const next = passportSchema.parse({
      ...base,
      name: 'Тёплый дом — 2',
      goals: ['Цель 1', 'Цель 2'],
      controlPoints: [{ title: 'Пуск', date: '2026-12-01' }],
      team: [
        { name: 'Иванов', share: 30 },
        { name: 'Петров', share: 100 },
      ],
      indicators: [],
    });
    expect(passportChanges(base, next)).toEqual([
      { field: 'Наименование', change: 'changed', item: 'Наименование', before: 'Тёплый дом', after: 'Тёплый дом — 2' },
      { field: 'Цели', change: 'added', item: 'Цель 2', before: null, after: 'Цель 2' },
      {
        field: 'Показатели',
        change: 'removed',
        item: 'x',
        before: 'Котельные, без единицы; план 2026: 3; Счёт',
        after: null,
      },
      { field: 'Контрольные точки', change: 'removed', item: 'Проект', before: '15.04.2026', after: null },
      { field: 'Контрольные точки', change: 'changed', item: 'Пуск', before: '01.10.2026', after: '01.12.2026' },
      {
        field: 'Команда',
        change: 'changed',
        item: 'Иванов',
        before: 'без роли, 50% рабочего времени',
        after: 'без роли, 30% рабочего времени',
      },
      { field: 'Команда', change: 'added', item: 'Петров', before: null, after: 'без роли, 100% рабочего времени' },
    ]);
  });
  it('the first version lists everything as added', () => {
    expect(passportChanges(null, base).filter((c) => c.change !== 'added')).toEqual([]);
    expect(passportChanges(null, base)).toHaveLength(1 + 1 + 1 + 2 + 1);
  });
});
