import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, type CaseStatus } from './case-status';
import { canClose, canExtend, canRate, canReclassify, caseAdmits, type CaseFacts } from './case-rules';

const open: CaseFacts = {
  status: 'in_progress',
  finalAnswerAt: null,
  finalAnswerDueAt: '2026-03-01T00:00:00Z',
  extensionsUsed: 0,
};
const at = (status: CaseStatus, more: Partial<CaseFacts> = {}): CaseFacts => ({ ...open, status, ...more });

describe('case rules', () => {
  it('rates only after a final answer', () => {
    expect(canRate(open)).toBe(false);
    expect(canRate(at('answered'))).toBe(true);
    expect(canRate(at('closed'))).toBe(true);
    expect(canRate(at('reopened', { finalAnswerAt: '2026-02-01T00:00:00Z' }))).toBe(true);
    expect(canRate(at('rejected'))).toBe(false);
    // an answer still waiting for ЦУР's check is not rated
    expect(canRate(at('answered', { finalAnswerAt: '2026-02-01T00:00:00Z', finalAnswerAwaitingReview: true }))).toBe(
      false,
    );
    expect(canRate(at('accepted', { finalAnswerAt: '2026-02-01T00:00:00Z', finalAnswerAwaitingReview: false }))).toBe(
      true,
    );
  });

  it('extends once, while the deadline runs and nothing is answered', () => {
    expect(canExtend(open)).toBe(true);
    expect(canExtend({ ...open, extensionsUsed: 1 })).toBe(false);
    expect(canExtend({ ...open, finalAnswerDueAt: null })).toBe(false);
    expect(canExtend({ ...open, finalAnswerAt: '2026-02-01T00:00:00Z' })).toBe(false);
    expect(canExtend(at('closed'))).toBe(false);
    expect(canExtend(at('rejected'))).toBe(false);
    // a deadline already missed is not moved
    expect(canExtend({ ...open, now: new Date('2026-02-28T00:00:00Z') })).toBe(true);
    expect(canExtend({ ...open, now: new Date('2026-03-02T00:00:00Z') })).toBe(false);
  });

  it('reclassifies every case except a closed or rejected one', () => {
    const refused = CASE_STATUSES.filter((s) => !canReclassify({ status: s }));
    expect(refused).toEqual(['closed', 'rejected']);
  });

  it('closes only after the centre accepted the final answer', () => {
    expect(CASE_STATUSES.filter((s) => canClose({ status: s }))).toEqual(['accepted']);
  });

  it('an answer waiting for review is accepted or returned, never closed or reopened past the review', () => {
    expect(caseAdmits(at('answered'))).toEqual(expect.arrayContaining(['accept', 'return', 'rate', 'reclassify']));
    expect(caseAdmits(at('answered'))).not.toContain('close');
    expect(caseAdmits(at('answered'))).not.toContain('reopen');
    expect(caseAdmits(at('accepted'))).toEqual(expect.arrayContaining(['close', 'reopen']));
  });

  it('lists lifecycle transitions and operations together', () => {
    expect(caseAdmits(at('closed'))).not.toContain('reclassify');
    expect(caseAdmits(open)).toContain('extend');
  });
});
