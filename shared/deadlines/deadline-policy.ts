// Deadline policies: which first-response and final-answer terms apply to a message, depending on
// its channel and (once classified) its block and category of the taxonomy.
import type { Channel } from './channels';

export type DurationUnit = 'working_hours' | 'working_days' | 'calendar_days';

export const DURATION_UNITS: readonly DurationUnit[] = ['working_hours', 'working_days', 'calendar_days'];

export interface DeadlineDuration {
  amount: number;
  unit: DurationUnit;
}

export interface DeadlinePolicy {
  firstResponse: DeadlineDuration;
  finalAnswer: DeadlineDuration;
}

/** A rule applies when every field it sets equals the message's; unset fields match anything. */
export interface PolicyRule {
  channel?: string;
  block?: string;
  category?: string;
  policy: DeadlinePolicy;
  /** The regulation the terms come from, shown to operators. */
  source?: string;
}

export interface PolicyQuery {
  channel?: string | null;
  block?: string | null;
  category?: string | null;
}

export const SOURCE_OPEN_SOURCES =
  'Положение об организации работы с сообщениями из открытых источников, Ярославская область';
export const SOURCE_REGIONAL_PORTAL = 'Регламент работы с сообщениями регионального портала';
export const SOURCE_POS = 'ПП РФ от 10.11.2020 № 1802 (платформа обратной связи, Госуслуги); срок ответа настраивается';
export const SOURCE_59FZ = '59-ФЗ: регистрация в течение 3 дней (ст. 8 ч. 3), ответ в течение 30 дней (ст. 12 ч. 1)';
export const SOURCE_FALLBACK = 'Политика по умолчанию (как для портала)';

const duration = (amount: number, unit: DurationUnit): DeadlineDuration => ({ amount, unit });

const SOCIAL_POLICY: DeadlinePolicy = {
  firstResponse: duration(8, 'working_hours'),
  finalAnswer: duration(1, 'working_days'),
};
const PORTAL_POLICY: DeadlinePolicy = {
  firstResponse: duration(1, 'working_days'),
  finalAnswer: duration(8, 'working_days'),
};
const LETTER_POLICY: DeadlinePolicy = {
  firstResponse: duration(3, 'calendar_days'),
  finalAnswer: duration(30, 'calendar_days'),
};
export const DEFAULT_POS_FINAL_ANSWER: DeadlineDuration = duration(30, 'calendar_days');

/** Used by resolvePolicy when no rule matches. */
export const FALLBACK_POLICY_RULE: PolicyRule = {
  policy: { firstResponse: duration(1, 'working_days'), finalAnswer: duration(8, 'working_days') },
  source: SOURCE_FALLBACK,
};

export interface DefaultPolicyOptions {
  /** Final-answer term for ПОС (default 30 calendar days). */
  posFinalAnswer?: DeadlineDuration;
}

/** One channel-only rule per channel, encoding the regional defaults. */
export function createDefaultPolicyRules(options: DefaultPolicyOptions = {}): PolicyRule[] {
  const rule = (channel: Channel, policy: DeadlinePolicy, source: string): PolicyRule => ({
    channel,
    policy: { firstResponse: { ...policy.firstResponse }, finalAnswer: { ...policy.finalAnswer } },
    source,
  });
  const posPolicy: DeadlinePolicy = {
    firstResponse: duration(1, 'working_days'),
    finalAnswer: options.posFinalAnswer ?? DEFAULT_POS_FINAL_ANSWER,
  };
  return [
    rule('social_vk', SOCIAL_POLICY, SOURCE_OPEN_SOURCES),
    rule('social_ok', SOCIAL_POLICY, SOURCE_OPEN_SOURCES),
    rule('social_telegram', SOCIAL_POLICY, SOURCE_OPEN_SOURCES),
    rule('messenger_telegram', SOCIAL_POLICY, SOURCE_OPEN_SOURCES),
    rule('portal', PORTAL_POLICY, SOURCE_REGIONAL_PORTAL),
    rule('web', PORTAL_POLICY, SOURCE_REGIONAL_PORTAL),
    rule('open311', PORTAL_POLICY, SOURCE_REGIONAL_PORTAL),
    rule('phone', PORTAL_POLICY, SOURCE_REGIONAL_PORTAL),
    rule('pos', posPolicy, SOURCE_POS),
    rule('email', LETTER_POLICY, SOURCE_59FZ),
    rule('letter', LETTER_POLICY, SOURCE_59FZ),
    rule('other', PORTAL_POLICY, SOURCE_REGIONAL_PORTAL),
  ];
}

export const DEFAULT_POLICY_RULES: readonly PolicyRule[] = createDefaultPolicyRules();

/**
 * Specificity weights. A rule's specificity is the sum of the weights of the fields it sets, so
 * the precedence among matching rules is, from most to least specific:
 *   category+block+channel (7) > category+block (6) > category+channel (5) > category (4)
 *   > block+channel (3) > block (2) > channel (1) > catch-all rule with no fields (0).
 * A category always outweighs a block, a block always outweighs a channel, and a channel adds one
 * point on top of the same block/category combination. Category codes are only unique within a
 * block (e.g. `other`), so a category-only rule matches that code in every block.
 */
export const SPECIFICITY_WEIGHTS = { category: 4, block: 2, channel: 1 } as const;

export function ruleSpecificity(rule: PolicyRule): number {
  return (
    (rule.category !== undefined ? SPECIFICITY_WEIGHTS.category : 0) +
    (rule.block !== undefined ? SPECIFICITY_WEIGHTS.block : 0) +
    (rule.channel !== undefined ? SPECIFICITY_WEIGHTS.channel : 0)
  );
}

function fieldMatches(ruleValue: string | undefined, queryValue: string | null | undefined): boolean {
  return ruleValue === undefined || ruleValue === queryValue;
}

export function ruleMatches(rule: PolicyRule, query: PolicyQuery): boolean {
  return (
    fieldMatches(rule.channel, query.channel) &&
    fieldMatches(rule.block, query.block) &&
    fieldMatches(rule.category, query.category)
  );
}

/**
 * The most specific matching rule (see SPECIFICITY_WEIGHTS); among equally specific rules the one
 * listed first wins. When nothing matches, `fallback` is returned.
 */
export function resolvePolicy(
  rules: readonly PolicyRule[],
  query: PolicyQuery,
  fallback: PolicyRule = FALLBACK_POLICY_RULE,
): PolicyRule {
  let best: PolicyRule | undefined;
  let bestScore = -1;
  for (const rule of rules) {
    if (!ruleMatches(rule, query)) continue;
    const score = ruleSpecificity(rule);
    if (score > bestScore) {
      best = rule;
      bestScore = score;
    }
  }
  return best ?? fallback;
}
