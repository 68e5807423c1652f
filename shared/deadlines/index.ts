// Public API of the deadline domain (isomorphic: no Node-only APIs, the clock is always passed in).
export { CHANNELS, CHANNEL_LABELS, isChannel } from './channels';
export type { Channel } from './channels';
export {
  DEFAULT_POLICY_RULES, DEFAULT_POS_FINAL_ANSWER, DURATION_UNITS, FALLBACK_POLICY_RULE, SOURCE_59FZ,
  SOURCE_FALLBACK, SOURCE_OPEN_SOURCES, SOURCE_POS, SOURCE_REGIONAL_PORTAL, SPECIFICITY_WEIGHTS,
  createDefaultPolicyRules, resolvePolicy, ruleMatches, ruleSpecificity,
} from './deadline-policy';
export type {
  DeadlineDuration, DeadlinePolicy, DefaultPolicyOptions, DurationUnit, PolicyQuery, PolicyRule,
} from './deadline-policy';
export {
  AT_RISK_REMAINING_SHARE, MAX_EXTENSIONS, MAX_EXTENSION_DAYS, addDuration, computeDeadlines, deadlineState,
  extendFinalDeadline, restartFinalClock,
} from './deadlines';
export type {
  CaseDeadlines, DeadlineState, ExtendFinalDeadlineInput, ExtendFinalDeadlineResult, ExtensionErrorCode, FinalClock,
} from './deadlines';
export { MOSCOW_UTC_OFFSET_MINUTES, moscowInstant, toMoscowIsoDate } from './moscow-time';
export {
  DEFAULT_SHORTENED_BY_MINUTES, DEFAULT_WORKING_HOURS, FIXED_FEDERAL_HOLIDAYS, createProductionCalendar,
} from './production-calendar';
export type {
  ProductionCalendar, ProductionCalendarData, ProductionCalendarOptions, ProductionCalendarYear, WorkingHours,
  WorkingWindow,
} from './production-calendar';
