import { defineDailyJob } from '../../jobs/daily-job';
import { withTransaction } from '../../lib/context';
import { computeScopeValues } from './kpi-targets-queries';

// Every night at 02:00 (Moscow) the computed indicators get a value for each block and category that has a target
// this year (kpi_scope_values, source 'computed'): the history the KPI screen shows next to hand-entered values.
export const SCOPE_VALUES_JOB = 'kpi.scope_values';

export const scopeValues = defineDailyJob({
  kind: SCOPE_VALUES_JOB,
  minutesOfDay: 2 * 60,
  async run(ctx) {
    await withTransaction(ctx, (tx) => computeScopeValues(tx));
  },
});
export const scopeValuesJob = scopeValues.job;
