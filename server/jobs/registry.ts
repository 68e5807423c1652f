// Every job the outbox runs, in one list: a job missing here is never run (registry.test.ts checks that every
// defineJob in the code is listed). Enqueue takes a job definition, so its payload is typed by the job's schema.
import type { z } from 'zod';
import { autoAcceptJob } from '../features/cases/publication-policy';
import { citizenNoticeJob, deliverAnswerJob } from '../features/deliveries';
import { deleteBlobsJob } from '../features/attachments/delete-blobs.job';
import { fetchAttachmentJob } from '../features/attachments/fetch-attachment.job';
import { digestJob } from '../features/notifications/digest';
import { notificationsTickJob } from '../features/notifications/notifications-tick.job';
import { sendNotificationJob } from '../features/notifications/send-notification.job';
import { retentionJob } from '../features/personal-data/retention.job';
import { monthlyReportJob } from '../features/reports/monthly-report.job';
import { overdueDecisionsJob } from '../features/groups/overdue-decisions.job';
import { scopeValuesJob } from '../features/kpi/scope-values.job';
import { maintainPartitionsJob } from '../features/partitions/maintain-partitions.job';
import { retrainJob } from '../features/classifier/retrain/retrain.job';
import { telegramCallJob } from '../features/telegram/telegram-call.job';
import { vkCallJob } from '../features/vk/vk-call.job';
import { publishPostJob } from '../features/campaigns/publish-post.job';
import type { JobDefinition } from './outbox';

type AnyJob = JobDefinition<z.ZodTypeAny>;

export const JOBS: readonly AnyJob[] = [
  deliverAnswerJob,
  citizenNoticeJob,
  autoAcceptJob,
  telegramCallJob,
  vkCallJob,
  sendNotificationJob,
  digestJob,
  notificationsTickJob,
  fetchAttachmentJob,
  deleteBlobsJob,
  monthlyReportJob,
  retentionJob,
  retrainJob,
  publishPostJob,
  overdueDecisionsJob,
  scopeValuesJob,
  maintainPartitionsJob,
];

/** The jobs by kind; two jobs of one kind are a programming error. */
export function jobsByKind(jobs: readonly AnyJob[]): ReadonlyMap<string, AnyJob> {
  const byKind = new Map<string, AnyJob>();
  for (const job of jobs) {
    if (byKind.has(job.kind)) throw new Error(`Задание ${job.kind} объявлено дважды`);
    byKind.set(job.kind, job);
  }
  return byKind;
}
