// A pure, seeded generator of demo citizens' messages over the last months before `now`, each with the planned
// history of its case. The same options always give the same messages (no Math.random, no clock).
import type { IntakeMessage } from '../../../shared/api/messages';
import type { Channel } from '../../../shared/deadlines/channels';
import { YAROSLAVL_MUNICIPALITIES } from '../../../shared/reference/municipalities';
import { planHistory, type PlannedStep } from './demo-history';
import { DEMO_TOWNS, type DemoTown } from './demo-places';
import {
  DEMO_TEMPLATES,
  OFFTOPIC_TEMPLATES,
  UNLISTED_TEMPLATES,
  URGENT_TEMPLATES,
  type MessageTemplate,
} from './demo-templates';
import { decorate, fillSlots, makeAuthor, makeSlots, type Slots } from './demo-text';
import { addHours, citizenTime, inSeason } from './demo-time';
import { createRng, type Rng } from './prng';

export type { PlannedStep } from './demo-history';

export interface DemoMessage {
  readonly at: Date;
  readonly input: IntakeMessage;
  readonly block: string;
  readonly category: string;
  readonly municipality: string;
  readonly urgent: boolean;
  readonly offtopic: boolean;
  /** Index (in the returned list) of the earlier message about the same problem, sent through another channel. */
  readonly repeatOf: number | null;
  /** What happens to the case; for a repeat that joins the original's case this plan is not used. */
  readonly plan: readonly PlannedStep[];
}

export interface GenerateDemoOptions {
  count: number;
  now: Date;
  seed?: number;
  /** How far back the messages go (default 120 days). */
  days?: number;
}

export const DEFAULT_DEMO_SEED = 76_2026;

const CHANNEL_MIX: readonly (readonly [Channel, number])[] = [
  ['social_vk', 24],
  ['pos', 18],
  ['portal', 10],
  ['phone', 8],
  ['social_telegram', 8],
  ['messenger_telegram', 8],
  ['social_ok', 7],
  ['email', 7],
  ['web', 6],
  ['letter', 4],
];
const STRUCTURED: ReadonlySet<Channel> = new Set<Channel>(['pos', 'portal', 'web']);

const BLOCK_WEIGHTS: Readonly<Record<string, number>> = {
  zhkh: 22,
  roads: 14,
  improvement: 10,
  tko: 9,
  transport: 9,
  health: 9,
  energy: 8,
  education: 7,
  social: 7,
  other: 5,
};

interface Draft {
  at: Date;
  template: MessageTemplate;
  town: DemoTown;
  slots: Slots;
  channel: Channel;
  plan: readonly PlannedStep[];
  repeatOf: Draft | null;
}

function pickTemplate(rng: Rng, at: Date): MessageTemplate {
  const roll = rng.next();
  const pool = (
    roll < 0.03
      ? URGENT_TEMPLATES
      : roll < 0.045
        ? OFFTOPIC_TEMPLATES
        : roll < 0.13
          ? UNLISTED_TEMPLATES
          : DEMO_TEMPLATES
  ).filter((t) => inSeason(t.season, at));
  const blocks = [...new Set(pool.map((t) => t.block))];
  const block = rng.weighted(blocks.map((b) => [b, BLOCK_WEIGHTS[b] ?? 1] as const));
  return rng.pick(pool.filter((t) => t.block === block));
}

function whereOf(template: MessageTemplate, slots: Slots): string {
  if (template.text.includes('{addr}')) return `по адресу ${slots.addr ?? ''}`;
  if (template.text.includes('{street}')) return `на ${slots.street ?? ''}`;
  return 'по указанному адресу';
}

const isRecent = (at: Date, now: Date): boolean => now.getTime() - at.getTime() < 2 * 86_400_000;

function draftOriginal(rng: Rng, now: Date, days: number): Draft {
  let at = citizenTime(now, rng.next() * days, rng);
  if (at >= now) at = addHours(now, -0.2 - rng.next() * 3);
  const template = pickTemplate(rng, at);
  const town = rng.weighted(DEMO_TOWNS.map((t) => [t, t.weight] as const));
  const slots = makeSlots(rng, town);
  const channel = rng.weighted(CHANNEL_MIX);
  const plan = planHistory(rng, {
    at,
    channel,
    block: template.block,
    category: template.category,
    urgent: template.urgent === true,
    offtopic: template.offtopic === true,
    recent: isRecent(at, now),
    where: whereOf(template, slots),
  });
  return { at, template, town, slots, channel, plan, repeatOf: null };
}

/** The same problem again through another channel, while the first case is still unanswered. */
function draftRepeat(rng: Rng, now: Date, original: Draft): Draft | null {
  if (original.template.offtopic) return null;
  const firstFinal = original.plan.find((s) => s.kind === 'final')?.at.getTime() ?? Number.POSITIVE_INFINITY;
  const latest = Math.min(firstFinal - 3_600_000, original.at.getTime() + 3 * 86_400_000, now.getTime() - 300_000);
  const earliest = original.at.getTime() + 1_800_000;
  if (latest <= earliest) return null;
  const at = new Date(earliest + rng.next() * (latest - earliest));
  const channel = rng.weighted(CHANNEL_MIX.filter(([c]) => c !== original.channel));
  const { template, slots } = original;
  const plan = planHistory(rng, {
    at,
    channel,
    block: template.block,
    category: template.category,
    urgent: template.urgent === true,
    offtopic: false,
    recent: isRecent(at, now),
    where: whereOf(template, slots),
  });
  return { ...original, at, channel, plan, repeatOf: original };
}

function toMessage(rng: Rng, draft: Draft, index: number, indexOf: ReadonlyMap<Draft, number>): DemoMessage {
  const { template, slots, channel, town } = draft;
  const author = makeAuthor(rng, channel);
  const text = decorate(fillSlots(template.text, slots), channel, author, rng, draft.repeatOf !== null);
  const municipality = YAROSLAVL_MUNICIPALITIES.find((m) => m.code === town.municipality);
  const location =
    STRUCTURED.has(channel) && municipality
      ? {
          municipality: municipality.name,
          ...(template.text.includes('{addr}') ? { address: slots.addr ?? null } : {}),
        }
      : null;
  return {
    at: draft.at,
    input: {
      channel,
      externalId: `demo-${String(index + 1).padStart(5, '0')}`,
      text,
      createdAt: draft.at.toISOString(),
      author,
      location,
      labels: { demo: true },
    },
    block: template.block,
    category: template.category,
    municipality: town.municipality,
    urgent: template.urgent === true,
    offtopic: template.offtopic === true,
    repeatOf: draft.repeatOf ? (indexOf.get(draft.repeatOf) ?? null) : null,
    plan: draft.plan,
  };
}

/** `count` messages (about a tenth of them repeats of earlier ones), oldest first. */
export function generateDemo(options: GenerateDemoOptions): DemoMessage[] {
  const rng = createRng(options.seed ?? DEFAULT_DEMO_SEED);
  const days = options.days ?? 120;
  const originals: Draft[] = [];
  const repeats: Draft[] = [];
  const wantedRepeats = Math.round(options.count * 0.1);
  while (originals.length + repeats.length < options.count) {
    const original = draftOriginal(rng, options.now, days);
    originals.push(original);
    if (repeats.length < wantedRepeats && rng.chance(0.12)) {
      const repeat = draftRepeat(rng, options.now, original);
      if (repeat && originals.length + repeats.length < options.count) repeats.push(repeat);
    }
  }
  const drafts = [...originals, ...repeats].sort((a, b) => a.at.getTime() - b.at.getTime());
  const indexOf = new Map(drafts.map((d, i) => [d, i]));
  return drafts.map((d, i) => toMessage(rng, d, i, indexOf));
}
