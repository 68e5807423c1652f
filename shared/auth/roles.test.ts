import { describe, expect, it } from 'vitest';
import { ROLES, isOrganisationScoped, roleCan } from './roles';

describe('roles', () => {
  it('every role can read cases; only admins manage users', () => {
    for (const role of ROLES) {
      expect(roleCan(role, 'cases.read')).toBe(true);
      expect(roleCan(role, 'users.manage')).toBe(role === 'admin');
    }
  });
  it('auditors and curators cannot change cases', () => {
    for (const role of ['auditor', 'curator'] as const) {
      expect(roleCan(role, 'cases.answer')).toBe(false);
      expect(roleCan(role, 'cases.triage')).toBe(false);
      expect(roleCan(role, 'cases.review')).toBe(false);
    }
  });
  it('executors answer but do not review their own answers and are organisation-scoped', () => {
    expect(roleCan('executor', 'cases.answer')).toBe(true);
    expect(roleCan('executor', 'cases.review')).toBe(false);
    expect(roleCan('executor', 'analytics.read')).toBe(false);
    expect(isOrganisationScoped('executor')).toBe(true);
    expect(isOrganisationScoped('operator')).toBe(false);
  });
});
