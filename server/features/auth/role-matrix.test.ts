// The role × action matrix of docs/ARCHITECTURE.md («Роли и права»), written out here by hand rather than derived from
// the role table, so a change to either side fails: every role against every action on a roads case (block roles of
// the roads block and of ЖКХ, the executor of the case's organisation), then the decree's key refusals over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, isBlockScoped, type Role } from '../../../shared/auth/roles';
import { CASE_ACTIONS, CASE_STATUSES, type CaseAction } from '../../../shared/cases/case-status';
import type { Actor } from '../../lib/context';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { startTestApp, type TestApp } from '../../test/test-app';
import { allowedActionsFor, casePermissions } from '../cases/cases.policy';
import { receiveMessage } from '../intake/receive-message';
import { addUser } from './users';

type Kind = 'answer' | 'triage' | 'review' | 'extend' | 'rate';
const CENTRE: Kind[] = ['triage', 'review', 'extend', 'rate'];
const ALL: Kind[] = ['answer', ...CENTRE];
/** Who acts on a roads case of organisation 7 (the documented matrix). */
const MATRIX: Record<string, Kind[]> = {
  curator: [],
  executive_secretary: ALL,
  head: ALL,
  operator: ALL,
  'block_owner (дороги)': CENTRE,
  'block_lead (дороги)': CENTRE,
  'direction_lead (дороги)': CENTRE,
  'block_owner (ЖКХ)': [],
  'block_lead (ЖКХ)': [],
  'direction_lead (ЖКХ)': [],
  media_officer: [],
  auditor: [],
  admin: [],
  'executor (своя организация)': ['answer', 'extend'],
};
/** The lifecycle actions each kind of right opens (in the statuses that allow them). */
const ACTIONS_OF: Record<Kind, CaseAction[]> = {
  answer: ['take', 'decline', 'interim_answer', 'final_answer'],
  review: ['accept', 'return', 'close'],
  triage: ['reopen', 'send_to_triage', 'route', 'reassign', 'reject'],
  extend: [],
  rate: [],
};
const ROADS_CASE = { organisation_id: 7, block_code: 'roads' };

function actors(): [string, Actor][] {
  const user = (role: Role, extra: Partial<Extract<Actor, { kind: 'user' }>> = {}): Actor => ({
    kind: 'user',
    userId: 1,
    login: role,
    role,
    organisationId: null,
    blockCode: null,
    label: role,
    ...extra,
  });
  return ROLES.flatMap((role): [string, Actor][] => {
    if (isBlockScoped(role))
      return [
        [`${role} (дороги)`, user(role, { blockCode: 'roads' })],
        [`${role} (ЖКХ)`, user(role, { blockCode: 'zhkh' })],
      ];
    if (role === 'executor') return [['executor (своя организация)', user(role, { organisationId: 7 })]];
    return [[role, user(role)]];
  });
}

describe('role × action matrix', () => {
  it('covers every role', () => {
    expect(
      actors()
        .map(([name]) => name)
        .sort(),
    ).toEqual(Object.keys(MATRIX).sort());
  });

  it.each(actors())('%s: exactly the documented rights and lifecycle actions on a roads case', (name, actor) => {
    const permissions = casePermissions(actor, ROADS_CASE);
    expect(permissions.read, `${name} reads the case`).toBe(true);
    const kinds = (['answer', 'triage', 'review', 'extend', 'rate'] as const).filter((k) => permissions[k]);
    expect(kinds, name).toEqual(MATRIX[name]);
    const actions = new Set(
      CASE_STATUSES.flatMap((status) =>
        allowedActionsFor({ status, finalAnswerAt: null, finalAnswerDueAt: null, extensionsUsed: 0 }, permissions),
      ),
    );
    const expected = new Set(MATRIX[name]!.flatMap((k) => ACTIONS_OF[k]));
    for (const action of CASE_ACTIONS) expect(actions.has(action), `${name} ${action}`).toBe(expected.has(action));
  });
});

describe('the decree’s refusals over HTTP', () => {
  let t: TestApp;
  let caseId = '';
  const PASSWORD = 'Пароль-матрицы-2026';
  beforeAll(async () => {
    t = await startTestApp({ analyzer: createTestAnalyzer() });
    const ctx = rootContext(t.services, SYSTEM_ACTOR);
    caseId = (
      await receiveMessage(ctx, { channel: 'web', externalId: 'matrix-1', text: 'В Угличе огромная яма на дороге' })
    ).result.caseId;
    await addUser(ctx, { login: 'zhkh_owner', password: PASSWORD, role: 'block_owner', block: 'zhkh' });
    await addUser(ctx, { login: 'roads_owner', password: PASSWORD, role: 'block_owner', block: 'roads' });
    await addUser(ctx, { login: 'media', password: PASSWORD, role: 'media_officer' });
  });
  afterAll(async () => {
    await t.close();
  });

  const as = async (login: string, url: string, payload: object) => {
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login, password: PASSWORD },
    });
    const cookie = `otklik_session=${signIn.cookies.find((c) => c.name === 'otklik_session')?.value}`;
    return (await t.app.inject({ method: 'POST', url: url.replace(':id', caseId), headers: { cookie }, payload }))
      .statusCode;
  };
  const reassign = { organisationId: 1, reason: 'по компетенции' };

  it('a block owner of ЖКХ gets 403 acting on a roads case; the roads block owner does not', async () => {
    expect(await as('zhkh_owner', '/api/cases/:id/reassign', reassign)).toBe(403);
    expect(await as('zhkh_owner', '/api/cases/:id/reject', { reason: 'spam' })).toBe(403);
    expect(await as('roads_owner', '/api/cases/:id/reassign', reassign)).toBe(200);
  });

  it('the media officer can neither take nor answer a case', async () => {
    expect(await as('media', '/api/cases/:id/transitions', { action: 'take' })).toBe(403);
    expect(
      await as('media', '/api/cases/:id/answers', {
        kind: 'interim',
        body: 'Обращение принято в работу, выезд 27.11.2026.',
      }),
    ).toBe(403);
  });
});
