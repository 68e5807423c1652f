import { z } from 'zod';
import { isoDate } from './dates';

// The risk register across projects (приказ МЭР №585): probability × impact on 1–5 scales, an owner, response
// measures with due dates, and the methodology's decision clocks — 10 working days from identification to assess or
// reject a risk, 5 working days from assessment to act on it. The head escalates a risk to the curator.
const scale = z.number().int().min(1, 'от 1 до 5').max(5, 'от 1 до 5');
const text = (max: number) => z.string().trim().min(1, 'не заполнено').max(max);

export const RISK_CLOCKS = { assessWorkingDays: 10, actWorkingDays: 5 } as const;
export const RISK_STATUSES = ['identified', 'assessed', 'acting', 'closed', 'rejected'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];
export const RISK_STATUS_LABELS: Record<RiskStatus, string> = {
  identified: 'Выявлен, ждёт оценки',
  assessed: 'Оценён, ждёт мер',
  acting: 'Меры реагирования',
  closed: 'Закрыт',
  rejected: 'Отклонён',
};
export const RISK_LEVELS = ['high', 'medium', 'low'] as const;
export const RISK_LEVEL_LABELS: Record<(typeof RISK_LEVELS)[number], string> = {
  high: 'Высокий',
  medium: 'Средний',
  low: 'Низкий',
};
/** Score = probability × impact: 15 and more is high, 8–14 medium, below 8 low. */
export function riskLevel(score: number): (typeof RISK_LEVELS)[number] {
  return score >= 15 ? 'high' : score >= 8 ? 'medium' : 'low';
}

export const riskInputSchema = z.object({
  title: text(500),
  description: z.string().trim().max(4000).default(''),
  probability: scale,
  impact: scale,
  owner: text(200),
});
export type RiskInput = z.infer<typeof riskInputSchema>;
export const assessInputSchema = z.object({
  decision: z.enum(['accept', 'reject']),
  probability: scale,
  impact: scale,
  comment: z.string().trim().max(2000).default(''),
});
export type AssessInput = z.infer<typeof assessInputSchema>;
export const measureInputSchema = z.object({ text: text(2000), dueDate: isoDate });
export type MeasureInput = z.infer<typeof measureInputSchema>;
export const riskCommentSchema = z.object({ comment: text(2000) });
export const riskListQuerySchema = z.object({ projectId: z.coerce.number().int().positive().optional() });
export const measureDoneSchema = z.object({ measureId: z.number().int().positive() });

export const RISK_ACTIONS = ['assess', 'measure', 'close', 'escalate'] as const;
export const riskSchema = z.object({
  id: z.number(),
  projectId: z.number(),
  projectTitle: z.string(),
  blockName: z.string(),
  title: z.string(),
  description: z.string(),
  probability: z.number(),
  impact: z.number(),
  score: z.number(),
  level: z.enum(RISK_LEVELS),
  owner: z.string(),
  status: z.enum(RISK_STATUSES),
  identifiedAt: z.string(),
  escalatedAt: z.string().nullable(),
  /** The decision clock running now (assessment or action), or null once acted on or closed. */
  clock: z.object({ kind: z.enum(['assess', 'act']), dueAt: z.string(), overdue: z.boolean() }).nullable(),
  measures: z.array(
    z.object({
      id: z.number(),
      text: z.string(),
      dueDate: z.string(),
      doneAt: z.string().nullable(),
      overdue: z.boolean(),
    }),
  ),
  events: z.array(z.object({ action: z.string(), actor: z.string(), comment: z.string(), at: z.string() })),
  allowed: z.array(z.enum(RISK_ACTIONS)),
});
export type Risk = z.infer<typeof riskSchema>;
export const riskListSchema = z.object({ items: z.array(riskSchema), canAdd: z.boolean() });
export type RiskList = z.infer<typeof riskListSchema>;
