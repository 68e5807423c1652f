import { describe, expect, it } from 'vitest';
import { actionForRating, allowedActions, transition, type CaseAction, type CaseStatus } from './case-status';

describe('case transitions', () => {
  const allowed: [CaseStatus, CaseAction, CaseStatus][] = [
    ['new', 'route', 'assigned'],
    ['new', 'send_to_triage', 'triage'],
    ['triage', 'route', 'assigned'],
    ['assigned', 'take', 'in_progress'],
    ['in_progress', 'interim_answer', 'interim_answer'],
    ['interim_answer', 'final_answer', 'answered'],
    ['answered', 'accept', 'accepted'],
    ['answered', 'return', 'returned'],
    ['returned', 'final_answer', 'answered'],
    ['accepted', 'close', 'closed'],
    ['closed', 'reopen', 'reopened'],
    ['reopened', 'final_answer', 'answered'],
    ['triage', 'reject', 'rejected'],
    ['in_progress', 'reassign', 'assigned'],
  ];
  it.each(allowed)('%s --%s--> %s', (from, action, to) => {
    expect(transition(from, action)).toEqual({ ok: true, to });
  });

  const refused: [CaseStatus, CaseAction][] = [
    ['new', 'final_answer'],
    ['closed', 'final_answer'],
    ['rejected', 'route'],
    ['assigned', 'accept'],
    ['answered', 'reject'],
    ['closed', 'close'],
    ['new', 'accept'],
    ['accepted', 'return'],
  ];
  it.each(refused)('%s refuses %s with a Russian reason', (from, action) => {
    const r = transition(from, action);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/недоступно в статусе/);
  });

  it('lists the actions available in a status', () => {
    // closing and reopening wait for the centre's review of the answer
    expect(allowedActions('answered').sort()).toEqual(['accept', 'return'].sort());
  });

  it.each([
    ['answered', 1, null],
    ['accepted', 2, 'reopen'],
    ['closed', 2, 'reopen'],
    ['accepted', 5, 'close'],
    ['answered', 4, null],
    ['closed', 5, null],
    ['in_progress', 1, null],
  ] as [CaseStatus, number, CaseAction | null][])('rating in %s with %i → %s', (status, score, action) => {
    expect(actionForRating(status, score)).toBe(action);
  });
});
