import { describe, expect, it } from 'vitest';
import { decideRoute, type RoutingRule } from './routing';

const rule = (id: number, p: Partial<RoutingRule>): RoutingRule => ({
  id,
  blockCode: null,
  categoryCode: null,
  municipalityId: null,
  target: 'organisation',
  organisationId: null,
  fallbackOrganisationId: null,
  ...p,
});
const rules = [
  rule(1, { blockCode: 'roads', target: 'municipal_admin', fallbackOrganisationId: 50 }),
  rule(2, { blockCode: 'tko', organisationId: 60 }),
  rule(3, { blockCode: 'tko', categoryCode: 'dumps', target: 'municipal_admin' }),
  rule(4, { blockCode: 'tko', municipalityId: 7, organisationId: 61 }),
  rule(5, { blockCode: 'health', organisationId: 70 }),
];
const admins = new Map([
  [1, 101],
  [7, 107],
]);
const adminOf = (m: number) => admins.get(m);

describe('decideRoute', () => {
  it.each([
    ['municipal administration', { block: 'roads', category: 'potholes', municipalityId: 1 }, 101],
    ['regional fallback without municipality', { block: 'roads', category: 'potholes', municipalityId: null }, 50],
    ['block rule', { block: 'tko', category: 'collection', municipalityId: 1 }, 60],
    ['category beats block', { block: 'tko', category: 'dumps', municipalityId: 1 }, 101],
    ['municipality beats category', { block: 'tko', category: 'dumps', municipalityId: 7 }, 61],
    ['organisation regardless of place', { block: 'health', category: null, municipalityId: null }, 70],
  ])('%s', (_name, input, organisationId) => {
    expect(decideRoute(rules, input, adminOf)?.organisationId).toBe(organisationId);
  });

  it('gives no decision without a block, a rule, or a resolvable target', () => {
    expect(decideRoute(rules, { block: null, category: null, municipalityId: 1 }, adminOf)).toBeNull();
    expect(decideRoute(rules, { block: 'social', category: null, municipalityId: 1 }, adminOf)).toBeNull();
    expect(decideRoute(rules, { block: 'tko', category: 'dumps', municipalityId: null }, adminOf)?.organisationId).toBe(
      60,
    );
  });
});
