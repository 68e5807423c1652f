import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, type CaseStatus } from './case-status';
import { canClose, canExtend, canRate, canReclassify, caseAdmits, type CaseFacts } from './case-rules';

const open: CaseFacts = { status: 'in_progress', finalAnswerAt: null, finalAnswerDueAt: '2026-03-01T00:00:00Z', extensionsUsed: 0 };
const at = (status: CaseStatus, more: Partial<CaseFacts> = {}): CaseFacts => ({ ...open, status, ...more });

describe('case rules', () => {
  it('rates only after a final answer', () => {
    expect(canRate(open)).toBe(false);
    expect(canRate(at('answered'))).toBe(true);
    expect(canRate(at('closed'))).toBe(true);
    expect(canRate(at('reopened', { finalAnswerAt: '2026-02-01T00:00:00Z' }))).toBe(true);
    expect(canRate(at('rejected'))).toBe(false);
  });

  it('extends once, while the deadline runs and nothing is answered', () => {
    expect(canExtend(open)).toBe(true);
    expect(canExtend({ ...open, extensionsUsed: 1 })).toBe(false);
    expect(canExtend({ ...open, finalAnswerDueAt: null })).toBe(false);
    expect(canExtend({ ...open, finalAnswerAt: '2026-02-01T00:00:00Z' })).toBe(false);
    expect(canExtend(at('closed'))).toBe(false);
    expect(canExtend(at('rejected'))).toBe(false);
  });

  it('reclassifies every case except a closed or rejected one', () => {
    const refused = CASE_STATUSES.filter((s) => !canReclassify({ status: s }));
    expect(refused).toEqual(['closed', 'rejected']);
  });

  it('closes what the lifecycle lets close', () => {
    expect(CASE_STATUSES.filter((s) => canClose({ status: s }))).toEqual(['answered', 'accepted']);
  });

  it('lists lifecycle transitions and operations together', () => {
    expect(caseAdmits(at('answered'))).toEqual(expect.arrayContaining(['accept', 'return', 'close', 'reopen', 'rate', 'reclassify']));
    expect(caseAdmits(at('closed'))).not.toContain('reclassify');
    expect(caseAdmits(open)).toContain('extend');
  });
});
