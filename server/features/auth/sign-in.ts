import type { Services } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { hashPassword, needsRehash, noPasswordHash, verifyPassword } from './passwords';
import { secondFactorState, verifySecondFactor } from './second-factor';
import { openSession, type SessionStage } from './sessions';
import { addressKey, checkThrottle, clearThrottle, loginKey, recordFailure } from './throttle';

export interface SignInInput {
  login: string;
  password: string;
  code?: string | undefined;
}
export interface SignedIn {
  sessionId: string;
  stage: SessionStage;
}

/** Why a sign-in failed, as the journal (auth_failures) records it. */
export type FailureReason = 'unknown_login' | 'bad_password' | 'inactive' | 'bad_code' | 'throttled';

/**
 * Signs a user in: throttling per login and per address first (a locked login is refused even with the right
 * password), then the password, then the second factor when the user has one. Every failure is journaled and
 * counted. A user who must enrol a second factor gets an enrolment-only session.
 */
export async function signIn(services: Services, input: SignInInput, address: string): Promise<SignedIn> {
  const db = services.database.db;
  const now = services.clock.now();
  const login = input.login.trim();
  const auth = services.config.auth;
  const keys = [loginKey(login), addressKey(address)];

  const throttle = await checkThrottle(db, keys, now);
  if (throttle.blocked) {
    await journal(services, login, null, address, 'throttled');
    throw new AppError(
      'rate_limited',
      throttle.locked
        ? 'Слишком много неудачных попыток входа: вход временно заблокирован'
        : 'Слишком много неудачных попыток входа: повторите немного позже',
      { retryAfterSeconds: throttle.retryAfterSeconds },
    );
  }

  const user = await db
    .selectFrom('users')
    .select(['id', 'login', 'role', 'password_hash', 'active', 'totp_secret', 'created_at'])
    .where('login', '=', login)
    .executeTakeFirst();
  const passwordOk = await verifyPassword(input.password, user?.password_hash ?? noPasswordHash());
  const fail = async (reason: FailureReason, userId: number | null): Promise<never> => {
    await journal(services, login, userId, address, reason);
    const lockoutMinutes = auth.lockoutMinutes;
    await recordFailure(db, keys[0]!, { lockoutMinutes, maxFailures: auth.loginMaxFailures, progressive: true }, now);
    await recordFailure(
      db,
      keys[1]!,
      { lockoutMinutes, maxFailures: auth.addressMaxFailures, progressive: false },
      now,
    );
    throw new AppError(
      'unauthenticated',
      reason === 'bad_code' ? 'Неверный код подтверждения' : 'Неверный логин или пароль',
    );
  };
  if (!user) return fail('unknown_login', null);
  if (!passwordOk) return fail('bad_password', user.id);
  if (!user.active) return fail('inactive', user.id);

  if (user.totp_secret) {
    if (!input.code?.trim()) {
      throw new AppError('unauthenticated', 'Введите код из приложения-аутентификатора', { secondFactor: 'required' });
    }
    if (
      !(await verifySecondFactor(
        db,
        { id: user.id, login: user.login, totp_secret: user.totp_secret },
        input.code,
        now,
      ))
    ) {
      return fail('bad_code', user.id);
    }
  }
  await clearThrottle(db, keys[0]!);
  if (needsRehash(user.password_hash)) {
    await db
      .updateTable('users')
      .set({ password_hash: await hashPassword(input.password) })
      .where('id', '=', user.id)
      .execute();
  }
  const state = secondFactorState(user, { requiredRoles: auth.totpRequiredRoles, graceDays: auth.totpGraceDays }, now);
  const stage: SessionStage = state === 'required' ? 'enrol' : 'full';
  return { sessionId: await openSession(db, user.id, stage, now, services.config.sessionTtlHours), stage };
}

async function journal(
  services: Services,
  login: string,
  userId: number | null,
  address: string,
  reason: FailureReason,
): Promise<void> {
  await services.database.db
    .insertInto('auth_failures')
    .values({
      at: services.clock.now(),
      login: login.slice(0, 100),
      user_id: userId,
      address,
      reason,
    })
    .execute();
}
