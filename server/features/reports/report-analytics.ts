import type { RatingRow } from '../../../shared/api/reports';
import type { Ctx } from '../../lib/context';

/**
 * What the report takes from the analytics feature: organisation ratings and category × municipality spikes for
 * a period (dates inclusive, Moscow). The report does not compute either itself.
 */
export interface ReportAnalytics {
  ratings(ctx: Ctx, period: { from: string; to: string }): Promise<{ items: RatingRow[]; minVolume: number } | null>;
  spikes(ctx: Ctx, period: { from: string; to: string }): Promise<{ label: string; count: number; baseline: number }[] | null>;
}

/** No analytics module wired in: the report states that ratings and spikes were not assessed. */
export const NO_ANALYTICS: ReportAnalytics = {
  ratings: async () => null,
  spikes: async () => null,
};

export const REPORT_ANALYTICS: ReportAnalytics = NO_ANALYTICS;
