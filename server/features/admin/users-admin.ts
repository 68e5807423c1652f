// Users as the administrator manages them from the workspace: list, create, change role / organisation / block / name,
// reset the password. Every change ends the user's sessions (the next request signs in with the new rights) and goes
// to the journal. Deactivation is deactivateUser (auth/users.ts), shared with the command line.
import { isBlockScoped, type Role } from '../../../shared/auth/roles';
import type { AdminUser, CreateUserInput, UpdateUserInput } from '../../../shared/api/admin';
import { withTransaction, type Ctx } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { hashPassword } from '../auth/passwords';
import { passwordProblem } from '../auth/password-policy';
import { closeUserSessions } from '../auth/sessions';
import { addUser } from '../auth/users';
import { recordAdminChange } from './admin-journal';

export async function listUsers(ctx: Ctx): Promise<AdminUser[]> {
  requirePermission(ctx.actor, 'users.manage');
  const rows = await ctx.db
    .selectFrom('users as u')
    .select((eb) => [
      'u.id',
      'u.login',
      'u.full_name',
      'u.role',
      'u.organisation_id',
      'u.block_code',
      'u.active',
      'u.created_at',
      'u.deactivated_at',
      eb
        .selectFrom('sessions as s')
        .whereRef('s.user_id', '=', 'u.id')
        .select((e) => e.fn.max('s.last_seen_at').as('m'))
        .as('last_seen_at'),
    ])
    .orderBy('u.login')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    login: r.login,
    fullName: r.full_name,
    role: r.role as Role,
    organisationId: r.organisation_id,
    block: r.block_code,
    active: r.active,
    createdAt: r.created_at.toISOString(),
    deactivatedAt: r.deactivated_at?.toISOString() ?? null,
    lastSeenAt: r.last_seen_at ? new Date(r.last_seen_at).toISOString() : null,
  }));
}

async function organisationName(ctx: Ctx, id: number | null | undefined): Promise<string | undefined> {
  if (id === null || id === undefined) return undefined;
  const org = await ctx.db.selectFrom('organisations').select('name').where('id', '=', id).executeTakeFirst();
  if (!org) throw new AppError('validation_failed', `Нет организации с id ${id}`);
  return org.name;
}

/** A new user; an existing login is a conflict (the command line's `users add` updates instead). */
export async function createUser(ctx: Ctx, input: CreateUserInput): Promise<AdminUser> {
  requirePermission(ctx.actor, 'users.manage');
  const taken = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('login', '=', input.login.trim())
    .executeTakeFirst();
  if (taken) throw new AppError('conflict', `Логин «${input.login.trim()}» уже занят`);
  const organisation = await organisationName(ctx, input.organisationId);
  const user = await addUser(ctx, {
    login: input.login,
    password: input.password,
    role: input.role,
    fullName: input.fullName,
    organisation,
    block: input.block ?? undefined,
  });
  return (await listUsers(ctx)).find((u) => u.id === user.id) ?? Promise.reject(notFound('Пользователь'));
}

export async function updateUser(ctx: Ctx, id: number, input: UpdateUserInput): Promise<AdminUser> {
  requirePermission(ctx.actor, 'users.manage');
  const current = await ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!current) throw notFound('Пользователь');
  const role = input.role ?? (current.role as Role);
  if (ctx.actor.kind === 'user' && ctx.actor.userId === id && role !== current.role)
    throw new AppError('conflict', 'Нельзя сменить роль самому себе');
  const organisationId = input.organisationId === undefined ? current.organisation_id : input.organisationId;
  await organisationName(ctx, organisationId);
  if (role === 'executor' && organisationId === null)
    throw new AppError('validation_failed', 'Для исполнителя укажите организацию');
  const block = isBlockScoped(role) ? (input.block === undefined ? current.block_code : input.block) : null;
  if (block && !(await ctx.db.selectFrom('blocks').select('code').where('code', '=', block).executeTakeFirst())) {
    throw new AppError('validation_failed', `Неизвестный блок «${block}»`);
  }
  const fullName = input.fullName ?? current.full_name;
  await withTransaction(ctx, async (tx) => {
    await tx.db
      .updateTable('users')
      .set({ role, organisation_id: organisationId, block_code: block, full_name: fullName })
      .where('id', '=', id)
      .execute();
    await closeUserSessions(tx.db, id);
    await recordAdminChange(tx, {
      entity: 'user',
      key: current.login,
      action: 'changed',
      details: { role, organisationId, block, fullName },
    });
  });
  return (await listUsers(ctx)).find((u) => u.id === id) ?? Promise.reject(notFound('Пользователь'));
}

/** Sets a new password chosen by the administrator (told to the user): every session of the user ends. */
export async function resetPassword(ctx: Ctx, id: number, password: string): Promise<void> {
  requirePermission(ctx.actor, 'users.manage');
  const user = await ctx.db.selectFrom('users').select(['login']).where('id', '=', id).executeTakeFirst();
  if (!user) throw notFound('Пользователь');
  const problem = passwordProblem(password, user.login, ctx.services.config.auth.passwordMinLength);
  if (problem) throw new AppError('validation_failed', problem);
  const hash = await hashPassword(password);
  await withTransaction(ctx, async (tx) => {
    await tx.db
      .updateTable('users')
      .set({ password_hash: hash, password_changed_at: ctx.services.clock.now() })
      .where('id', '=', id)
      .execute();
    await closeUserSessions(tx.db, id);
    await recordAdminChange(tx, { entity: 'user', key: user.login, action: 'password_reset' });
  });
}
