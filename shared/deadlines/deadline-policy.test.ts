import { describe, expect, it } from 'vitest';
import { CHANNELS, CHANNEL_LABELS, isChannel } from './channels';
import type { Channel } from './channels';
import {
  DEFAULT_POLICY_RULES,
  FALLBACK_POLICY_RULE,
  createDefaultPolicyRules,
  resolvePolicy,
  ruleSpecificity,
} from './deadline-policy';
import type { DeadlinePolicy, PolicyQuery, PolicyRule } from './deadline-policy';

const policy = (firstHours: number): DeadlinePolicy => ({
  firstResponse: { amount: firstHours, unit: 'working_hours' },
  finalAnswer: { amount: 1, unit: 'working_days' },
});

describe('DEFAULT_POLICY_RULES', () => {
  const SOCIAL = 'Положение об организации работы с сообщениями из открытых источников, Ярославская область';
  it.each<[Channel, string, string, RegExp]>([
    ['social_vk', '8 working_hours', '1 working_days', new RegExp(SOCIAL)],
    ['social_ok', '8 working_hours', '1 working_days', new RegExp(SOCIAL)],
    ['social_telegram', '8 working_hours', '1 working_days', new RegExp(SOCIAL)],
    ['messenger_telegram', '8 working_hours', '1 working_days', new RegExp(SOCIAL)],
    ['portal', '1 working_days', '8 working_days', /портал/],
    ['web', '1 working_days', '8 working_days', /портал/],
    ['open311', '1 working_days', '8 working_days', /портал/],
    ['phone', '1 working_days', '8 working_days', /портал/],
    ['other', '1 working_days', '8 working_days', /портал/],
    ['pos', '1 working_days', '30 calendar_days', /1802/],
    ['email', '3 calendar_days', '30 calendar_days', /59-ФЗ.*ст\. 8.*ст\. 12/],
    ['letter', '3 calendar_days', '30 calendar_days', /59-ФЗ.*ст\. 8.*ст\. 12/],
  ])('%s: first %s, final %s', (channel, first, final, source) => {
    const rule = resolvePolicy(DEFAULT_POLICY_RULES, { channel, block: 'zhkh', category: 'heating' });
    const { firstResponse, finalAnswer } = rule.policy;
    expect(`${firstResponse.amount} ${firstResponse.unit}`).toBe(first);
    expect(`${finalAnswer.amount} ${finalAnswer.unit}`).toBe(final);
    expect(rule.channel).toBe(channel);
    expect(rule.source).toMatch(source);
  });

  it('has exactly one rule per channel', () => {
    expect(DEFAULT_POLICY_RULES.map((r) => r.channel).sort()).toEqual([...CHANNELS].sort());
  });

  it('lets the ПОС final-answer term be configured', () => {
    const rules = createDefaultPolicyRules({ posFinalAnswer: { amount: 15, unit: 'working_days' } });
    expect(resolvePolicy(rules, { channel: 'pos' }).policy.finalAnswer).toEqual({ amount: 15, unit: 'working_days' });
    expect(resolvePolicy(DEFAULT_POLICY_RULES, { channel: 'pos' }).policy.finalAnswer).toEqual({
      amount: 30,
      unit: 'calendar_days',
    });
  });

  it('falls back to the portal-like policy for an unknown channel', () => {
    const rule = resolvePolicy(DEFAULT_POLICY_RULES, { channel: 'fax' });
    expect(rule).toBe(FALLBACK_POLICY_RULE);
    expect(rule.policy).toEqual({
      firstResponse: { amount: 1, unit: 'working_days' },
      finalAnswer: { amount: 8, unit: 'working_days' },
    });
  });
});

describe('resolvePolicy precedence', () => {
  const rules: PolicyRule[] = [
    { policy: policy(0), source: 'catch-all' },
    { channel: 'email', policy: policy(1), source: 'channel' },
    { block: 'zhkh', policy: policy(2), source: 'block' },
    { block: 'zhkh', channel: 'email', policy: policy(3), source: 'block+channel' },
    { category: 'other', policy: policy(4), source: 'category' },
    { category: 'other', channel: 'email', policy: policy(5), source: 'category+channel' },
    { block: 'zhkh', category: 'heating', policy: policy(6), source: 'category+block' },
    { block: 'zhkh', category: 'heating', channel: 'email', policy: policy(7), source: 'category+block+channel' },
  ];

  it.each<[PolicyQuery, string]>([
    [{ channel: 'email', block: 'zhkh', category: 'heating' }, 'category+block+channel'],
    [{ channel: 'portal', block: 'zhkh', category: 'heating' }, 'category+block'],
    [{ channel: 'email', block: 'roads', category: 'other' }, 'category+channel'],
    [{ channel: 'email', block: 'zhkh', category: 'other' }, 'category+channel'],
    [{ channel: 'portal', block: 'zhkh', category: 'other' }, 'category'],
    [{ channel: 'email', block: 'zhkh', category: 'water' }, 'block+channel'],
    [{ channel: 'portal', block: 'zhkh', category: 'water' }, 'block'],
    [{ channel: 'portal', block: 'zhkh' }, 'block'],
    [{ channel: 'email', block: 'roads', category: 'pits' }, 'channel'],
    [{ channel: 'email', block: null, category: null }, 'channel'],
    [{ channel: 'portal', block: 'roads', category: 'pits' }, 'catch-all'],
    [{}, 'catch-all'],
  ])('%j → %s', (query, source) => {
    expect(resolvePolicy(rules, query).source).toBe(source);
  });

  it('is independent of rule order except for ties', () => {
    expect(resolvePolicy([...rules].reverse(), { channel: 'email', block: 'zhkh', category: 'heating' }).source).toBe(
      'category+block+channel',
    );
  });

  it('takes the first of equally specific rules', () => {
    const tie: PolicyRule[] = [
      { block: 'zhkh', policy: policy(1), source: 'first' },
      { block: 'zhkh', policy: policy(2), source: 'second' },
    ];
    expect(resolvePolicy(tie, { block: 'zhkh' }).source).toBe('first');
  });

  it('uses the given fallback when nothing matches', () => {
    const fallback: PolicyRule = { policy: policy(9), source: 'custom fallback' };
    expect(resolvePolicy([{ channel: 'email', policy: policy(1) }], { channel: 'pos' }, fallback)).toBe(fallback);
    expect(resolvePolicy([], { channel: 'pos' })).toBe(FALLBACK_POLICY_RULE);
  });

  it.each<[Omit<PolicyRule, 'policy'>, number]>([
    [{}, 0],
    [{ channel: 'email' }, 1],
    [{ block: 'b' }, 2],
    [{ block: 'b', channel: 'c' }, 3],
    [{ category: 'x' }, 4],
    [{ category: 'x', block: 'b' }, 6],
    [{ category: 'x', block: 'b', channel: 'c' }, 7],
  ])('specificity of %j is %i', (fields, expected) => {
    expect(ruleSpecificity({ ...fields, policy: policy(1) })).toBe(expected);
  });
});

describe('channels', () => {
  it.each<[Channel, string]>([
    ['portal', 'Портал'],
    ['pos', 'ПОС (Госуслуги)'],
    ['social_vk', 'ВКонтакте'],
    ['social_ok', 'Одноклассники'],
    ['social_telegram', 'Telegram-канал'],
    ['messenger_telegram', 'Telegram-бот'],
    ['email', 'Электронная почта'],
    ['phone', 'Телефон'],
    ['letter', 'Письмо'],
    ['web', 'Сайт / виджет'],
    ['open311', 'Open311'],
    ['other', 'Другое'],
  ])('%s is labelled «%s»', (channel, label) => {
    expect(CHANNEL_LABELS[channel]).toBe(label);
    expect(isChannel(channel)).toBe(true);
  });

  it('lists the twelve channels in order and rejects unknown values', () => {
    expect(CHANNELS).toHaveLength(12);
    expect(CHANNELS[0]).toBe('portal');
    expect(isChannel('fax')).toBe(false);
    expect(isChannel(42)).toBe(false);
  });
});
