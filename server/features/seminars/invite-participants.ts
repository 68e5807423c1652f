import type { CandidateList, InviteInput, SeminarDetail } from '../../../shared/api/seminars';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { recordChange } from '../comms/comms-history';
import { getSeminar } from './get-seminar';
import { loadSummary } from './seminars.repository';

/**
 * Invites people of the organisations: users of the registry (once each; their organisation comes with them) and
 * people without an account, named with their organisation. Unknown users or organisations: 400, nothing saved.
 */
export async function inviteParticipants(ctx: Ctx, seminarId: number, input: InviteInput): Promise<SeminarDetail> {
  requirePermission(ctx.actor, 'comms.manage');
  await loadSummary(ctx, seminarId);
  await withTransaction(ctx, async (tx) => {
    const userIds = [...new Set(input.userIds)];
    const users = userIds.length
      ? await tx.db
          .selectFrom('users')
          .select(['id', 'full_name', 'login', 'organisation_id'])
          .where('id', 'in', userIds)
          .where('active', '=', true)
          .execute()
      : [];
    const missing = userIds.filter((id) => !users.some((u) => u.id === id));
    if (missing.length)
      throw new AppError('validation_failed', `Пользователей с номерами ${missing.join(', ')} нет среди действующих`);
    const withoutOrg = users.filter((u) => u.organisation_id === null);
    if (withoutOrg.length)
      throw new AppError(
        'validation_failed',
        `Пользователь ${withoutOrg.map((u) => u.full_name || u.login).join(', ')} не относится к организации`,
      );
    const orgIds = [...new Set(input.people.map((p) => p.organisationId))];
    const orgs = orgIds.length
      ? await tx.db.selectFrom('organisations').select('id').where('id', 'in', orgIds).execute()
      : [];
    const missingOrgs = orgIds.filter((id) => !orgs.some((o) => o.id === id));
    if (missingOrgs.length)
      throw new AppError('validation_failed', `Организаций с номерами ${missingOrgs.join(', ')} нет в справочнике`);
    const already = new Set(
      (
        await tx.db
          .selectFrom('seminar_participants')
          .select('user_id')
          .where('seminar_id', '=', seminarId)
          .where('user_id', 'is not', null)
          .execute()
      ).map((r) => r.user_id),
    );
    const rows = [
      ...users
        .filter((u) => !already.has(u.id))
        .map((u) => ({
          seminar_id: seminarId,
          organisation_id: u.organisation_id ?? 0,
          user_id: u.id,
          person_name: u.full_name || u.login,
        })),
      ...input.people.map((p) => ({
        seminar_id: seminarId,
        organisation_id: p.organisationId,
        user_id: null,
        person_name: p.personName,
      })),
    ];
    if (rows.length === 0) throw new AppError('validation_failed', 'Все выбранные пользователи уже приглашены');
    await tx.db.insertInto('seminar_participants').values(rows).execute();
    await recordChange(tx, 'seminar', seminarId, 'invited', `Приглашены: ${rows.map((r) => r.person_name).join(', ')}`);
  });
  return getSeminar(ctx, seminarId);
}

/**
 * Users of the registry who can be invited: active users of an organisation — of the seminar's target organisations
 * and of the organisations of its target municipalities, or of any organisation when the seminar targets none.
 */
export async function inviteCandidates(ctx: Ctx, seminarId: number): Promise<CandidateList> {
  requirePermission(ctx.actor, 'comms.manage');
  const seminar = await loadSummary(ctx, seminarId);
  let q = ctx.db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select(['u.id', 'u.full_name', 'u.login', 'o.id as organisation_id', 'o.name as organisation'])
    .where('u.active', '=', true)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('seminar_participants as p')
            .select('p.id')
            .where('p.seminar_id', '=', seminarId)
            .whereRef('p.user_id', '=', 'u.id'),
        ),
      ),
    )
    .orderBy('o.name')
    .orderBy('u.full_name')
    .limit(500);
  const orgs = seminar.targetOrganisationIds;
  const munis = seminar.targetMunicipalityIds;
  if (orgs.length || munis.length) {
    q = q.where((eb) =>
      eb.or([
        ...(orgs.length ? [eb('o.id', 'in', orgs)] : []),
        ...(munis.length ? [eb('o.municipality_id', 'in', munis)] : []),
      ]),
    );
  }
  return {
    items: (await q.execute()).map((r) => ({
      userId: r.id,
      name: r.full_name || r.login,
      organisationId: r.organisation_id,
      organisation: r.organisation,
    })),
  };
}
