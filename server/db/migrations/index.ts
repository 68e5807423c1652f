import type { Migration } from 'kysely';
import * as m0001 from './0001-initial';
import * as m0003 from './0003-analytics';
import * as m0004 from './0004-kpi-reports';

// Static list: migrations are ordered by name and never edited once released.
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
  '0003-analytics': m0003,
  '0004-kpi-reports': m0004,
};
