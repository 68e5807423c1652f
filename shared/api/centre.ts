import { z } from 'zod';
import { isoDate } from './dates';
import { ROLES } from '../auth/roles';

// The centre's structure as data: people assigned to the decree's roles, blocks and directions for dated periods.
// "Who is responsible for what on date D" is the set of assignments whose period covers D.

export const assignmentInputSchema = z
  .object({
    person: z.string().trim().min(1, 'не заполнено').max(200),
    userId: z.number().int().positive().nullable().default(null),
    role: z.enum(ROLES),
    blockCode: z.string().max(80).nullable().default(null),
    direction: z.string().trim().max(200).default(''),
    fromDate: isoDate,
    toDate: isoDate.nullable().default(null),
  })
  .refine((a) => a.toDate === null || a.toDate >= a.fromDate, { message: 'окончание раньше начала', path: ['toDate'] });
export type AssignmentInput = z.infer<typeof assignmentInputSchema>;
export const endAssignmentSchema = z.object({ toDate: isoDate });

export const assignmentSchema = z.object({
  id: z.number(),
  person: z.string(),
  userId: z.number().nullable(),
  role: z.enum(ROLES),
  roleLabel: z.string(),
  blockCode: z.string().nullable(),
  blockName: z.string().nullable(),
  direction: z.string(),
  fromDate: z.string(),
  toDate: z.string().nullable(),
});
export type Assignment = z.infer<typeof assignmentSchema>;
export const structureQuerySchema = z.object({ on: isoDate.optional() });
export const structureSchema = z.object({ on: z.string(), items: z.array(assignmentSchema), canManage: z.boolean() });
export type Structure = z.infer<typeof structureSchema>;
