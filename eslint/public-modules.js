// The public modules of each feature: what another feature may import besides the feature's index.ts. Any other
// file of a feature is internal to it (rule `otklik/boundaries`, eslint/boundaries.js). Adding a module here is a
// decision about a feature's public surface — keep the lists short.
export const PUBLIC_MODULES = {
  analytics: ['aggregates', 'case-points', 'period', 'ratings', 'spikes'],
  attachments: ['answer-files', 'attachments.repository', 'delete-blobs.job', 'fetch-attachment.job', 'message-attachments', 'store-file'],
  auth: ['authorize', 'passwords', 'tokens', 'users'],
  cases: ['answer-case', 'case-events', 'cases.policy', 'cases.repository', 'change-status', 'citizen-follow-up', 'extension-notice', 'get-case', 'load-case', 'rate-case', 'rating-link', 'rating-page', 'review-answer', 'route-case'],
  channels: ['channel-adapter', 'channel-time', 'registry', 'require-adapter'],
  classifier: ['bundle', 'default-model/load-default', 'hierarchy', 'random', 'text/features', 'text/hash', 'vectorizer'],
  duplicates: ['candidate-cases', 'rank-candidates'],
  email: ['email.adapter', 'mail-servers.test-support', 'send-answer-letter'],
  'import-export': ['export-messages', 'export-rows', 'import-batch'],
  intake: ['citizen-category', 'intake.routes', 'place-flags', 'receive-message', 'resolve-municipality'],
  kpi: ['evaluate-kpi', 'kpi.repository'],
  monitoring: ['monitoring.adapter'],
  notifications: ['notifications-tick.job', 'telegram-link'],
  open311: ['open311.adapter'],
  'personal-data': ['access-journal', 'case-view', 'export-view'],
  places: ['find-municipality', 'geo/yaroslavl-settlements', 'yaroslavl-gazetteer'],
  reference: ['default-organisations', 'organisation-aliases', 'reference.repository', 'routing'],
  reports: ['test-fixture'],
  telegram: ['telegram-call.job', 'telegram.adapter'],
  understanding: ['analyze-message', 'message-analyzer'],
  urgency: ['phrase-match'],
  vk: ['vk.adapter'],
  widget: ['widget.adapter'],
};
