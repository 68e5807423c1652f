import type { Migration } from 'kysely';
import * as m0001 from './0001-initial';
import * as m0003 from './0003-analytics';

// Static list: migrations are ordered by name and never edited once released.
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
  '0003-analytics': m0003,
};
