import { isBlockScoped, isRole, type Role } from '../../../shared/auth/roles';
import { AppError, notFound } from '../../lib/errors';
import { withTransaction, type Ctx } from '../../lib/context';
import { requirePermission } from './authorize';
import { hashPassword, verifyPassword } from './passwords';
import { passwordProblem } from './password-policy';
import { disableSecondFactor } from './second-factor';
import { closeUserSessions } from './sessions';
import { recordAdminChange } from '../admin/admin-journal';

export interface AddUserInput {
  login: string;
  password: string;
  role: string;
  fullName?: string | undefined;
  organisation?: string | undefined;
  block?: string | undefined;
}

export interface UserSummary {
  id: number;
  login: string;
  role: Role;
  organisation: string | null;
  block: string | null;
}

function checkPassword(ctx: Ctx, password: string, login: string): void {
  const problem = passwordProblem(password, login, ctx.services.config.auth.passwordMinLength);
  if (problem) throw new AppError('validation_failed', problem);
}

/**
 * Adds a user (or updates the password, role and organisation of an existing login, which also reactivates it and
 * ends its sessions). `passwordHash`: a hash of input.password made already (the demo users share one password, and
 * hashing it once keeps start-up quick).
 */
export async function addUser(ctx: Ctx, input: AddUserInput, passwordHash?: string): Promise<UserSummary> {
  requirePermission(ctx.actor, 'users.manage');
  const login = input.login.trim();
  if (!/^[A-Za-z0-9_.@-]{2,64}$/.test(login))
    throw new AppError('validation_failed', 'Логин: 2–64 латинских символа, цифры, _ . @ -');
  if (!isRole(input.role)) throw new AppError('validation_failed', `Неизвестная роль «${input.role}»`);
  checkPassword(ctx, input.password, login);
  let organisationId: number | null = null;
  if (input.role === 'executor' && !input.organisation)
    throw new AppError('validation_failed', 'Для исполнителя укажите организацию');
  if (input.organisation) {
    const org = await ctx.db
      .selectFrom('organisations')
      .select(['id'])
      .where('name', '=', input.organisation)
      .executeTakeFirst();
    if (!org) throw new AppError('not_found', `Организация «${input.organisation}» не найдена`);
    organisationId = org.id;
  }
  const block = input.block?.trim() || null;
  if (block) {
    if (!isBlockScoped(input.role))
      throw new AppError(
        'validation_failed',
        'Блок указывается только для ролей блока: block_owner, block_lead, direction_lead',
      );
    const known = await ctx.db.selectFrom('blocks').select('code').where('code', '=', block).executeTakeFirst();
    if (!known) throw new AppError('validation_failed', `Неизвестный блок «${block}»`);
  }
  const now = ctx.services.clock.now();
  const values = {
    login,
    password_hash: passwordHash ?? (await hashPassword(input.password)),
    full_name: input.fullName ?? login,
    role: input.role,
    organisation_id: organisationId,
    block_code: block,
    password_changed_at: now,
    created_at: now,
  };
  return withTransaction(ctx, async (tx) => {
    const row = await tx.db
      .insertInto('users')
      .values(values)
      .onConflict((oc) =>
        oc.column('login').doUpdateSet({
          password_hash: values.password_hash,
          role: values.role,
          organisation_id: values.organisation_id,
          block_code: values.block_code,
          full_name: values.full_name,
          active: true,
          deactivated_at: null,
          password_changed_at: now,
        }),
      )
      .returning(['id', 'login'])
      .executeTakeFirstOrThrow();
    await closeUserSessions(tx.db, row.id);
    await recordAdminChange(tx, {
      entity: 'user',
      key: row.login,
      action: 'saved',
      details: { role: input.role, organisation: input.organisation ?? null, block },
    });
    return { id: row.id, login: row.login, role: input.role as Role, organisation: input.organisation ?? null, block };
  });
}

/** A signed-in user changes their own password: the current one is required, every other session ends. */
export async function changeOwnPassword(
  ctx: Ctx,
  input: { current: string; next: string; keepSessionId: string },
): Promise<void> {
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw new AppError('forbidden', 'Пароль меняет только сам пользователь');
  const user = await ctx.db
    .selectFrom('users')
    .select(['password_hash', 'login'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(input.current, user.password_hash)))
    throw new AppError('validation_failed', 'Текущий пароль указан неверно');
  if (input.next === input.current)
    throw new AppError('validation_failed', 'Новый пароль должен отличаться от текущего');
  checkPassword(ctx, input.next, user.login);
  const hash = await hashPassword(input.next);
  await withTransaction(ctx, async (tx) => {
    await tx.db
      .updateTable('users')
      .set({ password_hash: hash, password_changed_at: ctx.services.clock.now() })
      .where('id', '=', actor.userId)
      .execute();
    await closeUserSessions(tx.db, actor.userId, input.keepSessionId);
  });
}

/** Deactivates a user: every session ends at once and sign-in is refused until the user is added again. */
export async function deactivateUser(ctx: Ctx, login: string): Promise<{ id: number; login: string }> {
  requirePermission(ctx.actor, 'users.manage');
  if (ctx.actor.kind === 'user' && ctx.actor.login === login.trim()) {
    throw new AppError('conflict', 'Нельзя отключить собственную учётную запись');
  }
  return withTransaction(ctx, async (tx) => {
    const row = await tx.db
      .updateTable('users')
      .set({ active: false, deactivated_at: ctx.services.clock.now() })
      .where('login', '=', login.trim())
      .returning(['id', 'login'])
      .executeTakeFirst();
    if (!row) throw notFound('Пользователь');
    await closeUserSessions(tx.db, row.id);
    await recordAdminChange(tx, { entity: 'user', key: row.login, action: 'deactivated' });
    return row;
  });
}

/**
 * Removes a user's second factor (a lost phone and lost recovery codes) and ends the user's sessions; a role that
 * requires one enrols again at the next sign-in.
 */
export async function resetSecondFactor(ctx: Ctx, login: string): Promise<{ id: number; login: string }> {
  requirePermission(ctx.actor, 'users.manage');
  const row = await ctx.db
    .selectFrom('users')
    .select(['id', 'login'])
    .where('login', '=', login.trim())
    .executeTakeFirst();
  if (!row) throw notFound('Пользователь');
  // disableSecondFactor runs its own transaction; the journal line follows the change it records
  await disableSecondFactor(ctx.db, row.id);
  await closeUserSessions(ctx.db, row.id);
  await recordAdminChange(ctx, { entity: 'user', key: row.login, action: 'second_factor_reset' });
  return row;
}
