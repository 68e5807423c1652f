// Urgency and tone: priority of a message and the flags (with their trigger words) behind it.
export { assessUrgency, type AssessUrgencyOptions, type UrgencyAssessment, type UrgencyFlag } from './assess-urgency';
export { NEGATION_BREAKERS, URGENCY_LEXICON, type FlagDef, type Priority } from './lexicon';
export {
  compilePhrase,
  findPhrase,
  tokenizeWords,
  type CompiledPhrase,
  type PhraseHit,
  type Word,
} from './phrase-match';
export {
  applyUrgencyEffects,
  DEFAULT_URGENCY_EFFECTS,
  parseUrgencyEffects,
  type AppliedUrgency,
  type UrgencyEffect,
} from './effects';
