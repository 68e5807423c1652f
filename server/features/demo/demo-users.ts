// Demo sign-ins (one per role, plus a second executor in Рыбинск) and the executors the demo history answers as.
import { ROLE_LABELS, ROLES, type Role } from '../../../shared/auth/roles';
import type { Actor, Ctx } from '../../lib/context';
import { hashPassword } from '../auth/passwords';
import { addUser } from '../auth/users';

export const DEMO_PASSWORD = 'otklik-demo-2026';

export type UserActor = Extract<Actor, { kind: 'user' }>;

interface DemoUserDef {
  login: string;
  role: Role;
  fullName: string;
  organisation?: string;
  block?: string;
}

const FULL_NAMES: Readonly<Record<Role, string>> = {
  curator: 'Куратор ЦУР (демо)',
  executive_secretary: 'Секретарь ЦУР (демо)',
  head: 'Руководитель ЦУР (демо)',
  block_owner: 'Ответственный за блок ЖКХ (демо)',
  block_lead: 'Руководитель блока ЖКХ (демо)',
  direction_lead: 'Руководитель направления ЖКХ (демо)',
  operator: 'Оператор ЦУР (демо)',
  media_officer: 'Специалист по СМИ (демо)',
  auditor: 'Аудитор (демо)',
  admin: 'Администратор (демо)',
  executor: 'Исполнитель: Мэрия города Ярославля (демо)',
};

const BLOCK_ROLES: ReadonlySet<Role> = new Set<Role>(['block_owner', 'block_lead', 'direction_lead']);

export const DEMO_USERS: readonly DemoUserDef[] = [
  ...ROLES.map((role): DemoUserDef => ({
    login: role,
    role,
    fullName: FULL_NAMES[role],
    ...(role === 'executor' ? { organisation: 'Мэрия города Ярославля' } : {}),
    ...(BLOCK_ROLES.has(role) ? { block: 'zhkh' } : {}),
  })),
  {
    login: 'executor_rybinsk',
    role: 'executor',
    fullName: 'Исполнитель: Администрация г. Рыбинска (демо)',
    organisation: 'Администрация городского округа город Рыбинск',
  },
];

function toActor(row: {
  id: number;
  login: string;
  role: string;
  organisation_id: number | null;
  block_code: string | null;
  full_name: string;
}): UserActor {
  return {
    kind: 'user',
    userId: row.id,
    login: row.login,
    role: row.role as Role,
    organisationId: row.organisation_id,
    blockCode: row.block_code,
    label: row.full_name || row.login,
  };
}

async function findUser(ctx: Ctx, login: string): Promise<UserActor | null> {
  const row = await ctx.db
    .selectFrom('users')
    .select(['id', 'login', 'role', 'organisation_id', 'block_code', 'full_name'])
    .where('login', '=', login)
    .executeTakeFirst();
  return row ? toActor(row) : null;
}

/** Creates the demo sign-ins that are missing (existing ones, maybe with a changed password, are left alone). */
export async function ensureDemoUsers(ctx: Ctx): Promise<Map<string, UserActor>> {
  const actors = new Map<string, UserActor>();
  let hash: string | undefined;
  for (const def of DEMO_USERS) {
    let actor = await findUser(ctx, def.login);
    if (!actor) {
      hash ??= await hashPassword(DEMO_PASSWORD);
      await addUser(
        ctx,
        {
          login: def.login,
          password: DEMO_PASSWORD,
          role: def.role,
          fullName: def.fullName,
          organisation: def.organisation,
          block: def.block,
        },
        hash,
      );
      actor = await findUser(ctx, def.login);
    }
    if (actor) actors.set(def.login, actor);
  }
  return actors;
}

/** The lines printed at start-up. */
export function demoLoginLines(): string[] {
  return [
    'Демо-режим: пользователи для входа (роль — логин / пароль):',
    ...DEMO_USERS.map(
      (u) => `  ${ROLE_LABELS[u.role]}${u.organisation ? ` (${u.organisation})` : ''} — ${u.login} / ${DEMO_PASSWORD}`,
    ),
  ];
}

/**
 * An executor of the organisation to answer as. Organisations without a demo sign-in get a service account that
 * cannot sign in (inactive, no usable password): answers need a real author row.
 */
export async function executorFor(ctx: Ctx, organisationId: number, cache: Map<number, UserActor>): Promise<UserActor> {
  const known = cache.get(organisationId);
  if (known) return known;
  const login = `demo_exec_${organisationId}`;
  let actor = await findUser(ctx, login);
  if (!actor) {
    const org = await ctx.db
      .selectFrom('organisations')
      .select(['name', 'short_name'])
      .where('id', '=', organisationId)
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('users')
      .values({
        login,
        password_hash: '!demo-service-account',
        role: 'executor',
        organisation_id: organisationId,
        full_name: `Исполнитель: ${org.short_name ?? org.name}`,
        active: false,
      })
      .execute();
    actor = await findUser(ctx, login);
  }
  if (!actor) throw new Error(`demo executor ${login} was not created`);
  cache.set(organisationId, actor);
  return actor;
}
