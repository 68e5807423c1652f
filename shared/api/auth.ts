// The signed-in user as the server presents it (GET /api/auth/me, POST /api/auth/login) and the session probe
// (GET /api/auth/session), which answers 200 with `user: null` when nobody is signed in, so that opening the
// sign-in screen is not an error.
import { z } from 'zod';
import { isoDateTime } from './messages';

export const meSchema = z.object({
  id: z.number(),
  login: z.string(),
  name: z.string(),
  role: z.string(),
  roleLabel: z.string(),
  organisationId: z.number().nullable(),
  organisation: z.string().nullable(),
  permissions: z.array(z.string()),
  /**
   * The second factor: on (enrolled), off (optional, not enrolled), due (required, enrol soon), required (the
   * session may only enrol it: no permissions until then).
   */
  secondFactor: z.enum(['on', 'off', 'due', 'required']),
});
export type Me = z.infer<typeof meSchema>;

export const sessionSchema = z.object({ user: meSchema.nullable() });
export type Session = z.infer<typeof sessionSchema>;

export const loginInputSchema = z.object({
  login: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
  /** A TOTP code (6 digits) or a recovery code, when the user has a second factor. */
  code: z.string().max(40).optional(),
});

export const changePasswordSchema = z.object({ current: z.string().min(1).max(200), next: z.string().min(1).max(200) });

export const enrolmentSchema = z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() });
export const confirmEnrolmentSchema = z.object({ code: z.string().min(1).max(20) });
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()), user: meSchema });

export const tokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const createTokenSchema = z.object({
  name: z.string().min(1).max(100),
  scopes: z.array(z.string().max(60)).max(20).optional(),
});
export const createdTokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  scopes: z.array(z.string()),
  token: z.string(),
});

export const authFailureSchema = z.object({
  id: z.string(),
  at: z.string(),
  login: z.string(),
  userId: z.number().nullable(),
  address: z.string().nullable(),
  reason: z.string(),
});
export const authFailuresQuerySchema = z.object({
  login: z.string().max(100).optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
