import type { Migration } from 'kysely';
import * as m0001 from './0001-initial';
import * as m0002 from './0002-understanding';
import * as m0003 from './0003-analytics';
import * as m0004 from './0004-kpi-reports';
import * as m0005 from './0005-open311-widget-monitoring';
import * as m0006 from './0006-messengers';
import * as m0007 from './0007-email';
import * as m0008 from './0008-rating-rollup';
import * as m0010 from './0010-auth-hardening';
import * as m0011 from './0011-personal-data';
import * as m0012 from './0012-organisation-aliases';
import * as m0013 from './0013-publication-control';
import * as m0014 from './0014-notifications';
import * as m0016 from './0016-attachments';
import * as m0017 from './0017-search-by-identifier';
import * as m0019 from './0019-attachment-erasure';
import * as m0020 from './0020-training-example-case';
import * as m0021 from './0021-administration';
import * as m0022 from './0022-workspace';
import * as m0024 from './0024-official-documents-chain';
import * as m0025 from './0025-project-office';
import * as m0026 from './0026-public-pages-votes';
import * as m0028 from './0028-unassigned-cases-repeated-reads-node-leases';
import * as m0029 from './0029-channel-health';
import * as m0030 from './0030-progress-reports-plans';
import * as m0031 from './0031-groups-roadmap-indicator-targets';
import * as m0032 from './0032-seminars-knowledge';
import * as m0033 from './0033-campaigns';
import * as m0035 from './0035-intake-bus';
import * as m0039 from './0039-token-change-notify';
import * as m0040 from './0040-case-counts';

// Static list: migrations are ordered by name and never edited once released.
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-understanding': m0002,
  '0003-analytics': m0003,
  '0004-kpi-reports': m0004,
  '0005-open311-widget-monitoring': m0005,
  '0006-messengers': m0006,
  '0007-email': m0007,
  '0008-rating-rollup': m0008,
  '0010-auth-hardening': m0010,
  '0011-personal-data': m0011,
  '0012-organisation-aliases': m0012,
  '0013-publication-control': m0013,
  '0014-notifications': m0014,
  '0016-attachments': m0016,
  '0017-search-by-identifier': m0017,
  '0019-attachment-erasure': m0019,
  '0020-training-example-case': m0020,
  '0021-administration': m0021,
  '0022-workspace': m0022,
  '0024-official-documents-chain': m0024,
  '0025-project-office': m0025,
  '0026-public-pages-votes': m0026,
  '0028-unassigned-cases-repeated-reads-node-leases': m0028,
  '0029-channel-health': m0029,
  '0030-progress-reports-plans': m0030,
  '0031-groups-roadmap-indicator-targets': m0031,
  '0032-seminars-knowledge': m0032,
  '0033-campaigns': m0033,
  '0035-intake-bus': m0035,
  '0039-token-change-notify': m0039,
  '0040-case-counts': m0040,
};
