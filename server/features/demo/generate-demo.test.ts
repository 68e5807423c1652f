import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../shared/deadlines/channels';
import { YAROSLAVL_MUNICIPALITIES } from '../../../shared/reference/municipalities';
import { DEFAULT_TAXONOMY, OTHER_CATEGORY_CODE } from '../../../shared/reference/taxonomy';
import { findMunicipality } from '../places/find-municipality';
import { YAROSLAVL_GAZETTEER } from '../places/yaroslavl-gazetteer';
import { DEMO_TOWNS } from './demo-places';
import { DEMO_TEMPLATES, OFFTOPIC_TEMPLATES, URGENT_TEMPLATES } from './demo-templates';
import { generateDemo } from './generate-demo';

const now = new Date('2026-11-26T09:00:00Z');

describe('demo templates and places', () => {
  it('cover every block and most categories of the default taxonomy with real categories only', () => {
    const all = [...DEMO_TEMPLATES, ...URGENT_TEMPLATES, ...OFFTOPIC_TEMPLATES];
    for (const t of all) {
      const block = DEFAULT_TAXONOMY.find((b) => b.code === t.block);
      expect(
        block?.categories.some((c) => c.code === t.category),
        `${t.block}.${t.category}`,
      ).toBe(true);
    }
    const categories = DEFAULT_TAXONOMY.flatMap((b) =>
      b.categories.filter((c) => c.code !== OTHER_CATEGORY_CODE).map((c) => `${b.code}.${c.code}`),
    );
    const covered = categories.filter(
      (key) => DEMO_TEMPLATES.filter((t) => `${t.block}.${t.category}` === key).length >= 3,
    );
    expect(covered.length / categories.length).toBeGreaterThan(0.9);
    for (const b of DEFAULT_TAXONOMY)
      expect(
        DEMO_TEMPLATES.some((t) => t.block === b.code),
        b.code,
      ).toBe(true);
  });

  it('name all 19 municipalities, and the place detector resolves every phrase to its municipality', () => {
    expect(new Set(DEMO_TOWNS.map((t) => t.municipality))).toEqual(
      new Set(YAROSLAVL_MUNICIPALITIES.map((m) => m.code)),
    );
    for (const town of DEMO_TOWNS) {
      for (const phrase of town.phrases) {
        expect(
          findMunicipality(`Проблема ${phrase}, ${town.streets[0] ?? ''}, д. 5`, YAROSLAVL_GAZETTEER)?.code,
          phrase,
        ).toBe(town.municipality);
      }
    }
  });
});

describe('generateDemo', () => {
  const messages = generateDemo({ count: 300, now });

  it('is deterministic for a seed and differs for another seed', () => {
    expect(generateDemo({ count: 300, now })).toEqual(messages);
    expect(generateDemo({ count: 300, now, seed: 7 })[0]?.input.text).not.toBe(messages[0]?.input.text);
  });

  it('gives exactly `count` messages, oldest first, in the last four months, with unique external ids', () => {
    expect(messages).toHaveLength(300);
    const times = messages.map((m) => m.at.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(now.getTime() - 122 * 86_400_000);
    expect(Math.max(...times)).toBeLessThan(now.getTime());
    expect(new Set(messages.map((m) => m.input.externalId)).size).toBe(300);
  });

  it('mixes every channel and names the place in the text', () => {
    const channels = new Set(messages.map((m) => m.input.channel));
    for (const c of CHANNELS.filter((x) => x !== 'open311' && x !== 'other')) expect(channels.has(c), c).toBe(true);
    const placed = messages.filter((m) => findMunicipality(m.input.text, YAROSLAVL_GAZETTEER)?.code === m.municipality);
    expect(placed.length).toBe(messages.filter((m) => !m.offtopic).length);
  });

  it('repeats some problems through another channel shortly after, and has a few emergencies', () => {
    const repeats = messages.filter((m) => m.repeatOf !== null);
    expect(repeats.length).toBeGreaterThanOrEqual(20);
    for (const r of repeats) {
      const original = messages[r.repeatOf ?? -1];
      expect(original && original.at < r.at && original.input.channel !== r.input.channel).toBe(true);
      expect(original?.municipality).toBe(r.municipality);
    }
    expect(messages.filter((m) => m.urgent).length).toBeGreaterThanOrEqual(3);
  });

  it('plans a history after the message: answers, returns, ratings including low ones', () => {
    const steps = messages.flatMap((m) => m.plan.map((s) => ({ m, s })));
    for (const { m, s } of steps) expect(s.at.getTime()).toBeGreaterThan(m.at.getTime());
    const kinds = new Set(steps.map(({ s }) => (s.kind === 'review' ? `review:${s.decision}` : s.kind)));
    for (const k of ['triage', 'take', 'interim', 'final', 'review:accept', 'review:return', 'rate', 'close', 'reject'])
      expect(kinds.has(k), k).toBe(true);
    expect(steps.some(({ s }) => s.kind === 'rate' && s.score <= 2)).toBe(true);
    expect(steps.some(({ s }) => s.kind === 'final' && s.formal)).toBe(true);
    expect(messages.some((m) => !m.plan.some((s) => s.kind === 'final'))).toBe(true);
  });

  it('brings recurring problems without a category of their own into «прочие» of several blocks every month', () => {
    const month = generateDemo({ count: 600, now }).filter(
      (m) => m.category === OTHER_CATEGORY_CODE && !m.offtopic && now.getTime() - m.at.getTime() < 30 * 86_400_000,
    );
    const byBlock = new Map<string, number>();
    for (const m of month) byBlock.set(m.block, (byBlock.get(m.block) ?? 0) + 1);
    // «Разбор „прочих“» shows a group from two similar messages; it opens on ЖКХ and the last 30 days
    expect(byBlock.get('zhkh') ?? 0, JSON.stringify([...byBlock])).toBeGreaterThanOrEqual(3);
    expect([...byBlock.values()].filter((n) => n >= 2).length, JSON.stringify([...byBlock])).toBeGreaterThanOrEqual(2);
  });
});
