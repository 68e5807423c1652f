// Routing is a pure decision over data: the most specific matching rule picks the responsible organisation.
export interface RoutingRule {
  id: number;
  blockCode: string | null;
  categoryCode: string | null;
  municipalityId: number | null;
  target: 'organisation' | 'municipal_admin';
  organisationId: number | null;
  fallbackOrganisationId: number | null;
}

export interface RoutingInput {
  block: string | null;
  category: string | null;
  municipalityId: number | null;
}

export interface RoutingDecision {
  organisationId: number;
  ruleId: number;
  reason: string;
}

function specificity(rule: RoutingRule): number {
  return (
    (rule.municipalityId !== null ? 4 : 0) + (rule.categoryCode !== null ? 2 : 0) + (rule.blockCode !== null ? 1 : 0)
  );
}

function matches(rule: RoutingRule, input: RoutingInput): boolean {
  return (
    (rule.blockCode === null || rule.blockCode === input.block) &&
    (rule.categoryCode === null || rule.categoryCode === input.category) &&
    (rule.municipalityId === null || rule.municipalityId === input.municipalityId)
  );
}

/** Returns null when no rule matches or a rule's target cannot be resolved: the case then goes to triage. */
export function decideRoute(
  rules: readonly RoutingRule[],
  input: RoutingInput,
  adminOfMunicipality: (municipalityId: number) => number | undefined,
): RoutingDecision | null {
  if (!input.block) return null;
  const candidates = rules
    .filter((r) => matches(r, input))
    .sort((a, b) => specificity(b) - specificity(a) || a.id - b.id);
  for (const rule of candidates) {
    if (rule.target === 'organisation' && rule.organisationId !== null) {
      return { organisationId: rule.organisationId, ruleId: rule.id, reason: 'правило маршрутизации' };
    }
    if (rule.target === 'municipal_admin') {
      const admin = input.municipalityId !== null ? adminOfMunicipality(input.municipalityId) : undefined;
      if (admin !== undefined)
        return { organisationId: admin, ruleId: rule.id, reason: 'администрация муниципалитета' };
      if (rule.fallbackOrganisationId !== null) {
        return {
          organisationId: rule.fallbackOrganisationId,
          ruleId: rule.id,
          reason: 'муниципалитет не определён: региональный орган',
        };
      }
    }
  }
  return null;
}
