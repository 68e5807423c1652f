// The signed-in user as the server presents it (GET /api/auth/me, POST /api/auth/login) and the session probe
// (GET /api/auth/session), which answers 200 with `user: null` when nobody is signed in, so that opening the
// sign-in screen is not an error.
import { z } from 'zod';

export const meSchema = z.object({
  id: z.number(),
  login: z.string(),
  name: z.string(),
  role: z.string(),
  roleLabel: z.string(),
  organisationId: z.number().nullable(),
  organisation: z.string().nullable(),
  permissions: z.array(z.string()),
});
export type Me = z.infer<typeof meSchema>;

export const sessionSchema = z.object({ user: meSchema.nullable() });
export type Session = z.infer<typeof sessionSchema>;

export const loginInputSchema = z.object({ login: z.string().min(1).max(100), password: z.string().min(1).max(200) });
