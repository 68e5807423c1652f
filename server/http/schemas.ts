import { z } from 'zod';

export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export const idParams = z.object({ id: z.string().regex(/^\d+$/, 'ожидается числовой идентификатор') });
