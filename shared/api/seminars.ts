import { z } from 'zod';
import { intId } from './ids';
import { isoDate } from './dates';
import { historyEntrySchema } from './public-pages';

// Training seminars (decree 6.9): the centre plans seminars for the organisations' staff (госпаблик admins, executors),
// invites people of the organisations, marks attendance, keeps the materials and, optionally, feedback with a score.
// An organisation sees the seminars that target it or its municipality, or invite one of its people.
export const SEMINAR_FORMATS = ['in_person', 'online', 'hybrid'] as const;
export type SeminarFormat = (typeof SEMINAR_FORMATS)[number];
export const SEMINAR_FORMAT_LABELS: Record<SeminarFormat, string> = {
  in_person: 'Очно',
  online: 'Онлайн',
  hybrid: 'Смешанный',
};
export const SEMINAR_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type SeminarStatus = (typeof SEMINAR_STATUSES)[number];
export const SEMINAR_STATUS_LABELS: Record<SeminarStatus, string> = {
  planned: 'Запланирован',
  held: 'Проведён',
  cancelled: 'Отменён',
};

const text = (max: number) => z.string().trim().max(max);
const ids = z.array(z.number().int().positive()).max(500).default([]);
/** A row id in the path: a positive 32-bit integer (anything else is 400, never a database error). */
export const rowParams = z.object({ id: intId() });
export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'ожидается время ЧЧ:ММ');

export const seminarInputSchema = z.object({
  topic: text(300).min(3, 'тема слишком короткая'),
  description: text(4000).default(''),
  /** The day and the Moscow time the seminar starts. */
  date: isoDate,
  time: hhmm,
  durationMinutes: z.number().int().min(15).max(1440).default(90),
  format: z.enum(SEMINAR_FORMATS),
  place: text(300).default(''),
  trainers: text(500).min(2, 'укажите ведущих'),
  status: z.enum(SEMINAR_STATUSES).default('planned'),
  targetOrganisationIds: ids,
  targetMunicipalityIds: ids,
});
export type SeminarInput = z.infer<typeof seminarInputSchema>;

const named = z.object({ id: z.number(), name: z.string() });
export const seminarSummarySchema = seminarInputSchema.extend({
  id: z.number(),
  targetOrganisations: z.array(named),
  targetMunicipalities: z.array(named),
  invited: z.number(),
  attended: z.number(),
  averageScore: z.number().nullable(),
  materials: z.number(),
});
export type SeminarSummary = z.infer<typeof seminarSummarySchema>;
export const seminarListSchema = z.object({
  year: z.number(),
  items: z.array(seminarSummarySchema),
  canManage: z.boolean(),
});
export type SeminarList = z.infer<typeof seminarListSchema>;
export const seminarYearQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export const participantSchema = z.object({
  id: z.number(),
  organisationId: z.number(),
  organisation: z.string(),
  userId: z.number().nullable(),
  personName: z.string(),
  attended: z.boolean().nullable(),
  score: z.number().nullable(),
  feedback: z.string(),
});
export type Participant = z.infer<typeof participantSchema>;
export const materialSchema = z.object({
  id: z.number(),
  kind: z.enum(['file', 'link']),
  title: z.string(),
  /** A link's address, or the download address of a file. */
  url: z.string(),
  mimeType: z.string().nullable(),
  size: z.number().nullable(),
  author: z.string(),
  at: z.string(),
});
export type Material = z.infer<typeof materialSchema>;
export const seminarDetailSchema = seminarSummarySchema.extend({
  participants: z.array(participantSchema),
  materialsList: z.array(materialSchema),
  history: z.array(historyEntrySchema),
  /** The server's answer to "may this user plan, invite, mark and attach here". */
  canManage: z.boolean(),
});
export type SeminarDetail = z.infer<typeof seminarDetailSchema>;

export const inviteInputSchema = z
  .object({
    /** Users of the registry (their organisation comes with them). */
    userIds: z.array(z.number().int().positive()).max(200).default([]),
    /** People of an organisation who have no account. */
    people: z
      .array(z.object({ organisationId: z.number().int().positive(), personName: text(200).min(2, 'укажите имя') }))
      .max(200)
      .default([]),
  })
  .refine((v) => v.userIds.length + v.people.length > 0, 'выберите, кого пригласить');
export type InviteInput = z.infer<typeof inviteInputSchema>;
export const candidateListSchema = z.object({
  items: z.array(
    z.object({ userId: z.number(), name: z.string(), organisationId: z.number(), organisation: z.string() }),
  ),
});
export type CandidateList = z.infer<typeof candidateListSchema>;

export const attendanceInputSchema = z.object({
  items: z
    .array(
      z.object({
        participantId: z.number().int().positive(),
        attended: z.boolean().nullable(),
        score: z.number().int().min(1).max(5).nullable().default(null),
        feedback: text(2000).default(''),
      }),
    )
    .min(1)
    .max(500),
});
export type AttendanceInput = z.infer<typeof attendanceInputSchema>;

export const materialInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('file'),
    title: text(300).default(''),
    fileName: text(200).min(1),
    contentBase64: z
      .string()
      .min(1)
      .max(28_000_000)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'ожидается Base64 без переносов строк'),
  }),
  z.object({
    kind: z.literal('link'),
    title: text(300).min(2, 'укажите название'),
    url: z
      .string()
      .trim()
      .max(2000)
      .url('ожидается адрес ссылки')
      .regex(/^https?:\/\//i, 'ссылка должна начинаться с http:// или https://'),
  }),
]);
export type MaterialInput = z.infer<typeof materialInputSchema>;

/** Who of each organisation was trained in a year: invited and attended people, each with their seminars. */
export const trainedSchema = z.object({
  year: z.number(),
  items: z.array(
    z.object({
      organisationId: z.number(),
      organisation: z.string(),
      municipality: z.string().nullable(),
      seminars: z.number(),
      invited: z.number(),
      attended: z.number(),
      people: z.array(
        z.object({
          name: z.string(),
          seminars: z.array(
            z.object({ id: z.number(), topic: z.string(), date: z.string(), attended: z.boolean().nullable() }),
          ),
        }),
      ),
    }),
  ),
});
export type Trained = z.infer<typeof trainedSchema>;
