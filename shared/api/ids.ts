import { z } from 'zod';

// Identifiers as clients send them, bounded by the database's column types: a number past them is refused (400)
// rather than failing in the database.
/** A bigint row id (cases, messages): 1–18 digits, always below 2^63. */
export const rowIdString = (message = 'ожидается числовой идентификатор') => z.string().regex(/^\d{1,18}$/, message);
/** An integer row id (organisations, reports versions): a positive 32-bit integer. */
export const intId = () => z.coerce.number().int().min(1).max(2_147_483_647);
