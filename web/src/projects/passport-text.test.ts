import { describe, expect, it } from 'vitest';
import {
  controlPointsText,
  LineError,
  parseControlPoints,
  parsePlan,
  parseResults,
  parseTeam,
  planText,
  teamText,
} from './passport-text';

describe('passport lists as text', () => {
  it('control points are ДД.ММ.ГГГГ and a title, and read back the same', () => {
    const points = parseControlPoints('15.04.2026 Проект согласован\n\n01.10.2026  Пуск котельной ');
    expect(points).toEqual([
      { date: '2026-04-15', title: 'Проект согласован' },
      { date: '2026-10-01', title: 'Пуск котельной' },
    ]);
    expect(controlPointsText(points)).toBe('15.04.2026 Проект согласован\n01.10.2026 Пуск котельной');
    expect(() => parseControlPoints('2026-04-15 Проект')).toThrow(LineError);
    expect(() => parseControlPoints('31.02.2026 Нет такой даты')).toThrow(/Такой даты нет в календаре: 31\.02\.2026/);
    expect(() => parseControlPoints('завтра Пуск')).toThrow(/ДД\.ММ\.ГГГГ/);
  });
  it('team shares, results and plans are numbers; a bad line is named', () => {
    expect(parseTeam('Иванов И. И.; аналитик; 50')).toEqual([{ name: 'Иванов И. И.', role: 'аналитик', share: 50 }]);
    expect(teamText(parseTeam('Петров; ; 25,5'))).toBe('Петров; ; 25.5');
    expect(() => parseTeam('Петров; аналитик; половина')).toThrow(/Петров; аналитик; половина/);
    expect(parseResults('2026; 12; шт.; Котельные')).toEqual([
      { year: 2026, value: 12, unit: 'шт.', title: 'Котельные' },
    ]);
    expect(parseResults('2027; ; ; Введено в строй')).toEqual([
      { year: 2027, value: null, unit: '', title: 'Введено в строй' },
    ]);
    const plan = parsePlan('2026: 95\n2026-3: 90');
    expect(plan).toEqual([
      { year: 2026, month: null, value: 95 },
      { year: 2026, month: 3, value: 90 },
    ]);
    expect(planText(plan)).toBe('2026: 95\n2026-03: 90');
    expect(() => parsePlan('2026-13: 1')).toThrow(/месяц/);
  });
});
