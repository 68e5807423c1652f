// «Почему на разборе»: the reason the case went to triage (the intake's own words or the person who sent it
// there) and the organisation the routing rules would pick for the classifier's suggestion, so the operator
// confirms a proposal instead of starting from nothing.
import type { TriageExplanation } from '../../../shared/api/workspace';
import type { Ctx } from '../../lib/context';
import { assertCase } from '../cases/cases.policy';
import { decideRoute } from '../reference/routing';

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

export async function explainTriage(ctx: Ctx, caseId: string): Promise<TriageExplanation> {
  const row = await ctx.db
    .selectFrom('cases')
    .select(['id', 'organisation_id', 'block_code', 'category_code', 'municipality_id', 'classification'])
    .where('id', '=', caseId)
    .executeTakeFirst();
  assertCase(ctx.actor, row);
  const event = await ctx.db
    .selectFrom('case_events')
    .select(['at', 'type', 'actor_label', 'data'])
    .where('case_id', '=', caseId)
    .where((eb) =>
      eb.or([
        eb('type', '=', 'triage'),
        eb.and([eb('type', '=', 'status'), eb(eb.ref('data', '->>').key('to'), '=', 'triage')]),
      ]),
    )
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const data = event?.data ?? {};
  const reason = !event
    ? null
    : event.type === 'triage'
      ? (text(data.reason) ?? 'нет правила маршрутизации')
      : `отправлено на разбор${text(data.comment) ? `: ${text(data.comment)}` : ''}`;
  const suggested = row.classification as { block?: unknown; category?: unknown } | null;
  const block = text(row.block_code) ?? text(suggested?.block);
  const category = text(row.category_code) ?? text(suggested?.category);
  const ref = await ctx.services.reference.get(ctx.db);
  const decision =
    block && category
      ? decideRoute(ref.routingRules, { block, category, municipalityId: row.municipality_id }, ref.adminOfMunicipality)
      : null;
  const organisation = decision ? ref.organisationById.get(decision.organisationId) : undefined;
  return {
    reason,
    since: event ? new Date(event.at).toISOString() : null,
    by: event?.type === 'status' ? event.actor_label : null,
    proposal:
      decision && organisation && block && category
        ? { block, category, organisationId: organisation.id, organisation: organisation.name, rule: decision.reason }
        : null,
  };
}
