import type { Migration } from 'kysely';

// Static list: migrations are ordered by name and never edited once released. Each module loads only when a schema
// is being migrated: a command on an up-to-date database compares the names alone (schemaIsCurrent).
export const MIGRATION_LOADERS: Record<string, () => Promise<Migration>> = {
  '0001-initial': () => import('./0001-initial'),
  '0002-understanding': () => import('./0002-understanding'),
  '0003-analytics': () => import('./0003-analytics'),
  '0004-kpi-reports': () => import('./0004-kpi-reports'),
  '0005-open311-widget-monitoring': () => import('./0005-open311-widget-monitoring'),
  '0006-messengers': () => import('./0006-messengers'),
  '0007-email': () => import('./0007-email'),
  '0008-rating-rollup': () => import('./0008-rating-rollup'),
  '0010-auth-hardening': () => import('./0010-auth-hardening'),
  '0011-personal-data': () => import('./0011-personal-data'),
  '0012-organisation-aliases': () => import('./0012-organisation-aliases'),
  '0013-publication-control': () => import('./0013-publication-control'),
  '0014-notifications': () => import('./0014-notifications'),
  '0016-attachments': () => import('./0016-attachments'),
  '0017-search-by-identifier': () => import('./0017-search-by-identifier'),
  '0019-attachment-erasure': () => import('./0019-attachment-erasure'),
  '0020-training-example-case': () => import('./0020-training-example-case'),
  '0021-administration': () => import('./0021-administration'),
  '0022-workspace': () => import('./0022-workspace'),
  '0024-official-documents-chain': () => import('./0024-official-documents-chain'),
  '0025-project-office': () => import('./0025-project-office'),
  '0026-public-pages-votes': () => import('./0026-public-pages-votes'),
  '0028-unassigned-cases-repeated-reads-node-leases': () => import('./0028-unassigned-cases-repeated-reads-node-leases'),
  '0029-channel-health': () => import('./0029-channel-health'),
  '0030-progress-reports-plans': () => import('./0030-progress-reports-plans'),
  '0031-groups-roadmap-indicator-targets': () => import('./0031-groups-roadmap-indicator-targets'),
  '0032-seminars-knowledge': () => import('./0032-seminars-knowledge'),
  '0033-campaigns': () => import('./0033-campaigns'),
  '0035-intake-bus': () => import('./0035-intake-bus'),
  '0039-token-change-notify': () => import('./0039-token-change-notify'),
  '0040-case-counts': () => import('./0040-case-counts'),
  '0043-rate-limit-windows': () => import('./0043-rate-limit-windows'),
  '0044-case-counts-monthly': () => import('./0044-case-counts-monthly'),
  '0045-analysis-cache': () => import('./0045-analysis-cache'),
  '0046-open-cases-scope': () => import('./0046-open-cases-scope'),
  '0047-monthly-partitions': () => import('./0047-monthly-partitions'),
  '0048-partition-lock-order': () => import('./0048-partition-lock-order'),
  '0049-chat-author-index': () => import('./0049-chat-author-index'),
};

export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATION_LOADERS);

/** Every migration, loaded, by name (Kysely's Migrator takes them so). */
export async function loadMigrations(): Promise<Record<string, Migration>> {
  const loaded = await Promise.all(MIGRATION_NAMES.map(async (name) => [name, await MIGRATION_LOADERS[name]!()] as const));
  return Object.fromEntries(loaded);
}
