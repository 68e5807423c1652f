import { describe, expect, it } from 'vitest';
import type { HistoryItem } from '../../../shared/api/interchange';
import { deriveState } from './derive-history';

const s = (at: string, status: string): HistoryItem => ({ type: 'status', at, status });
const a = (at: string, kind: 'interim' | 'final'): HistoryItem => ({ type: 'answer', at, kind, body: 'Ответ' });
const r = (at: string, score: number): HistoryItem => ({ type: 'rating', at, score });

describe('deriveState', () => {
  it.each([
    ['no history, organisation known', [], true, 'assigned'],
    ['no history, no organisation', [], false, 'triage'],
    ['interim only', [a('2020-10-02T10:00:00', 'interim')], true, 'interim_answer'],
    ['final answer', [a('2020-10-02T10:00:00', 'final')], true, 'answered'],
    [
      'final then closed status',
      [a('2020-10-02T10:00:00', 'final'), s('2020-10-05T10:00:00', 'Завершено: Автоматически')],
      true,
      'closed',
    ],
    ['final then good rating', [a('2020-10-02T10:00:00', 'final'), r('2020-10-03T10:00:00', 5)], true, 'closed'],
    ['final then bad rating', [a('2020-10-02T10:00:00', 'final'), r('2020-10-03T10:00:00', 1)], true, 'reopened'],
    ['rejected by source', [s('2020-10-02T10:00:00', 'Отклонено модератором')], true, 'rejected'],
    [
      'reopen event',
      [a('2020-10-02T10:00:00', 'final'), { type: 'reopen', at: '2020-10-04T10:00:00' }],
      true,
      'reopened',
    ],
  ] as [string, HistoryItem[], boolean, string][])('%s → %s', (_n, history, hasOrg, status) => {
    expect(deriveState(history, hasOrg).status).toBe(status);
  });

  it('keeps first-response and final-answer clocks apart, whatever the order in the file', () => {
    const d = deriveState([a('2020-10-05T10:00:00', 'final'), a('2020-10-02T09:00:00', 'interim')], true);
    expect(d.firstResponseAt?.toISOString()).toBe('2020-10-02T06:00:00.000Z');
    expect(d.finalAnswerAt?.toISOString()).toBe('2020-10-05T07:00:00.000Z');
  });
});
