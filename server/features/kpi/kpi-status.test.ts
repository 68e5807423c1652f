import { describe, expect, it } from 'vitest';
import { kpiStatus, type StatusInput } from './kpi-status';

const base: StatusInput = { value: 90, target: 95, direction: 'up', deadline: '2026-12-31', on: '2026-06-30' };

describe('status of an indicator on a date', () => {
  it.each([
    ['met (up)', { value: 96 }, 'on_track'],
    ['exactly the target', { value: 95 }, 'on_track'],
    ['short by under 20 % before the deadline', { value: 80 }, 'at_risk'],
    ['short by 20 % exactly is still at risk', { value: 76 }, 'at_risk'],
    ['short by more than 20 %', { value: 75 }, 'missed'],
    ['short after the deadline', { value: 94, on: '2027-01-01' }, 'missed'],
    ['met after the deadline', { value: 95, on: '2027-01-10' }, 'on_track'],
    ['lower is better, met', { direction: 'down', value: 20, target: 24 }, 'on_track'],
    ['lower is better, 10 % over', { direction: 'down', value: 26.4, target: 24 }, 'at_risk'],
    ['lower is better, 50 % over', { direction: 'down', value: 36, target: 24 }, 'missed'],
    ['target zero, not met', { direction: 'down', value: 1, target: 0 }, 'missed'],
    ['no value', { value: null }, 'no_data'],
    ['no target for the year', { target: null }, 'no_data'],
  ] as const)('%s', (_name, patch, expected) => {
    expect(kpiStatus({ ...base, ...patch }).status).toBe(expected);
  });

  it('explains itself in Russian', () => {
    expect(kpiStatus({ ...base, value: 80 }).reason).toMatch(/Отставание от цели до 20/);
  });
});
