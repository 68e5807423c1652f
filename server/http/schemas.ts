import { z } from 'zod';
import { rowIdString } from '../../shared/api/ids';

export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export const idParams = z.object({ id: rowIdString() });
/** A 200 response whose shape the route does not declare (sent as returned). */
export const undeclaredBody = z.unknown();
