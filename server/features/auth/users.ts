import { isRole, type Role } from '../../../shared/auth/roles';
import { AppError } from '../../lib/errors';
import type { Ctx } from '../../lib/context';
import { hashPassword, validatePasswordStrength } from './passwords';

export interface AddUserInput {
  login: string;
  password: string;
  role: string;
  fullName?: string | undefined;
  organisation?: string | undefined;
  block?: string | undefined;
}

export interface UserSummary { id: number; login: string; role: Role; organisation: string | null }

/** Adds a user (or updates the password, role and organisation of an existing login). */
export async function addUser(ctx: Ctx, input: AddUserInput): Promise<UserSummary> {
  const login = input.login.trim();
  if (!/^[A-Za-z0-9_.@-]{2,64}$/.test(login)) throw new AppError('validation_failed', 'Логин: 2–64 латинских символа, цифры, _ . @ -');
  if (!isRole(input.role)) throw new AppError('validation_failed', `Неизвестная роль «${input.role}»`);
  const weak = validatePasswordStrength(input.password);
  if (weak) throw new AppError('validation_failed', weak);
  let organisationId: number | null = null;
  if (input.role === 'executor' && !input.organisation) throw new AppError('validation_failed', 'Для исполнителя укажите организацию');
  if (input.organisation) {
    const org = await ctx.db.selectFrom('organisations').select(['id']).where('name', '=', input.organisation).executeTakeFirst();
    if (!org) throw new AppError('not_found', `Организация «${input.organisation}» не найдена`);
    organisationId = org.id;
  }
  const values = {
    login,
    password_hash: await hashPassword(input.password),
    full_name: input.fullName ?? login,
    role: input.role,
    organisation_id: organisationId,
    block_code: input.block ?? null,
  };
  const row = await ctx.db.insertInto('users').values(values)
    .onConflict((oc) => oc.column('login').doUpdateSet({
      password_hash: values.password_hash, role: values.role, organisation_id: values.organisation_id,
      block_code: values.block_code, full_name: values.full_name, active: true,
    }))
    .returning(['id', 'login']).executeTakeFirstOrThrow();
  return { id: row.id, login: row.login, role: input.role, organisation: input.organisation ?? null };
}
