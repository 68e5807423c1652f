import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import qrcode from 'qrcode-generator';
import type { Role } from '../../../shared/auth/roles';
import type { Db } from '../../db/database';
import { AppError } from '../../lib/errors';
import { sha256 } from './passwords';

// TOTP second factor (RFC 6238 through the otpauth library: SHA-1, 6 digits, 30 s, one step of clock drift either
// way) with ten single-use recovery codes stored as SHA-256. A code's time step is remembered, so one code never
// signs in twice. Enrolment: a secret is kept as pending until a code from the app confirms it.
const ISSUER = 'Отклик';
const RECOVERY_CODES = 10;

function totpFor(secret: string, login: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label: login,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });
}

export interface SecondFactorPolicy {
  requiredRoles: readonly Role[];
  graceDays: number;
}
export type SecondFactorState = 'on' | 'off' | 'due' | 'required';

/** on: enrolled; off: optional and not enrolled; due: required, the grace period still runs; required: enrol now. */
export function secondFactorState(
  user: { role: string; totp_secret: string | null; created_at: Date },
  policy: SecondFactorPolicy,
  now: Date,
): SecondFactorState {
  if (user.totp_secret) return 'on';
  if (!(policy.requiredRoles as readonly string[]).includes(user.role)) return 'off';
  const graceEnds = user.created_at.getTime() + policy.graceDays * 86_400_000;
  return now.getTime() < graceEnds ? 'due' : 'required';
}

export interface Enrolment {
  secret: string;
  uri: string;
  qrSvg: string;
}

/** Starts (or restarts) enrolment: a new pending secret, its otpauth:// URI and the URI as a QR code (SVG). */
export async function startEnrolment(db: Db, userId: number, login: string): Promise<Enrolment> {
  const secret = new Secret({ size: 20 }).base32;
  await db.updateTable('users').set({ totp_pending_secret: secret }).where('id', '=', userId).execute();
  const uri = totpFor(secret, login).toString();
  const qr = qrcode(0, 'M');
  qr.addData(uri);
  qr.make();
  return { secret, uri, qrSvg: qr.createSvgTag({ cellSize: 4, margin: 2, scalable: true }) };
}

/** Confirms enrolment with a code from the app; returns the recovery codes (shown once). */
export async function confirmEnrolment(
  db: Db,
  userId: number,
  login: string,
  code: string,
  now: Date,
): Promise<string[]> {
  const user = await db
    .selectFrom('users')
    .select(['totp_pending_secret'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  if (!user.totp_pending_secret) throw new AppError('conflict', 'Сначала начните подключение второго фактора');
  const step = matchingStep(user.totp_pending_secret, login, code, now);
  if (step === null)
    throw new AppError('validation_failed', 'Код не подошёл: проверьте время на телефоне и введите новый код');
  const codes = Array.from({ length: RECOVERY_CODES }, () =>
    randomBytes(5)
      .toString('hex')
      .replace(/(.{5})/, '$1-'),
  );
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .where('id', '=', userId)
      .set({
        totp_secret: user.totp_pending_secret,
        totp_pending_secret: null,
        totp_enabled_at: now,
        totp_last_step: step,
      })
      .execute();
    await trx.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
    await trx
      .insertInto('user_recovery_codes')
      .values(codes.map((c) => ({ user_id: userId, code_hash: sha256(c) })))
      .execute();
  });
  return codes;
}

/** Turns the second factor off (the user then signs in by password alone, unless the role requires it). */
export async function disableSecondFactor(db: Db, userId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .where('id', '=', userId)
      .set({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null })
      .execute();
    await trx.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
  });
}

/** Checks a TOTP code or an unused recovery code of an enrolled user; a code that passes is spent. */
export async function verifySecondFactor(
  db: Db,
  user: { id: number; login: string; totp_secret: string },
  code: string,
  now: Date,
): Promise<boolean> {
  const cleaned = code.replace(/\s/g, '');
  if (/^\d{6}$/.test(cleaned)) {
    const step = matchingStep(user.totp_secret, user.login, cleaned, now);
    if (step === null) return false;
    // Spent only if no earlier or equal step was used: a replayed code (or a code raced on another node) fails.
    const spent = await db
      .updateTable('users')
      .set({ totp_last_step: step })
      .where('id', '=', user.id)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
      .returning('id')
      .executeTakeFirst();
    return spent !== undefined;
  }
  const used = await db
    .updateTable('user_recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', user.id)
    .where('code_hash', '=', sha256(cleaned.toLowerCase()))
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return used !== undefined;
}

function matchingStep(secret: string, login: string, code: string, now: Date): number | null {
  const totp = totpFor(secret, login);
  const delta = totp.validate({ token: code.replace(/\s/g, ''), timestamp: now.getTime(), window: 1 });
  return delta === null ? null : totp.counter({ timestamp: now.getTime() }) + delta;
}

/** The current code for a secret, as an authenticator app would show it. */
export function currentCode(secret: string, at: Date): string {
  return totpFor(secret, 'x').generate({ timestamp: at.getTime() });
}
