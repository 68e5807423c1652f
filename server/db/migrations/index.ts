import type { Migration } from 'kysely';
import * as m0001 from './0001-initial';
import * as m0005 from './0005-open311-widget-monitoring';

// Static list: migrations are ordered by name and never edited once released.
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
  '0005-open311-widget-monitoring': m0005,
};
