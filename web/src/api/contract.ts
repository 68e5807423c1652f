// Response shapes the web reads, re-exported from shared/api (the server serialises with the same schemas).
import { z } from 'zod';

export { enrolmentSchema, meSchema, recoveryCodesSchema, sessionSchema, type Me } from '../../../shared/api/auth';
export { referenceSchema, type Municipality, type Organisation, type Reference } from '../../../shared/api/reference';

export const okSchema = z.unknown();

export { hasPermission } from '../auth/access';
