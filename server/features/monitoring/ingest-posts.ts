import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Channel } from '../../../shared/deadlines/channels';
import type { Ctx } from '../../lib/context';
import type { Db } from '../../db/database';
import { receiveMessage } from '../intake/receive-message';
import { YAROSLAVL_GAZETTEER, YAROSLAVL_GEOGRAPHY } from '../places';
import defaults from './default-keyword-sets.json' with { type: 'json' };
import { assessPost, compileKeywordSets, type KeywordSet, type PostDecision, type PublicPost } from './post-filter';
import { channelTime } from '../channels/channel-time';

// Public posts from the monitoring provider's endpoint and from the VK newsfeed poller go through the same
// filters and the one intake path. The external id is network + owner + post id, so a post found by both
// sources, or posted twice, is one message.

export const NETWORK_CHANNELS: Readonly<Record<string, Channel>> = {
  vk: 'social_vk',
  ok: 'social_ok',
  telegram: 'social_telegram',
};

const providerPostSchema = z.object({
  network: z.string().trim().toLowerCase().min(1, 'network: укажите соцсеть (vk, ok, telegram, …)').max(40),
  url: z.string().trim().url('url: ожидается ссылка на публикацию').max(2000),
  id: z.union([z.string(), z.number()]).optional(),
  author: z
    .union([
      z.string().max(500),
      z.object({ name: z.string().max(500).nullish(), id: z.union([z.string(), z.number()]).nullish() }),
    ])
    .nullish(),
  text: z.string().trim().min(1, 'text: пустая публикация').max(100_000),
  time: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'time: ожидается дата и время ISO 8601 со смещением'),
  geo: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).nullish(),
});
export const providerBatchSchema = z.object({
  posts: z
    .array(providerPostSchema)
    .min(1, 'posts: пустой пакет')
    .max(1000, 'posts: не больше 1000 публикаций в пакете'),
});
export type ProviderPost = z.infer<typeof providerPostSchema>;

/** network + owner + post id from the link when the network's link format is known, else the provider's id or the link. */
export function postExternalId(network: string, url: string, id?: string | number | null): string {
  const vk = /vk\.(?:com|ru)\/wall(-?\d+)_(\d+)/i.exec(url);
  if (network === 'vk' && vk) return `vk:${vk[1]}_${vk[2]}`;
  const ok = /ok\.ru\/(?:group|profile)\/(\d+)\/(?:topic|statuses)\/(\d+)/i.exec(url);
  if (network === 'ok' && ok) return `ok:${ok[1]}_${ok[2]}`;
  const tg = /t\.me\/(?:s\/)?([A-Za-z0-9_]+)\/(\d+)/i.exec(url);
  if (network === 'telegram' && tg) return `telegram:${tg[1]?.toLowerCase()}_${tg[2]}`;
  if (id !== undefined && id !== null && String(id).trim()) return `${network}:${String(id).trim()}`;
  return `${network}:url:${createHash('sha256').update(url).digest('hex').slice(0, 32)}`;
}

export function providerPost(p: ProviderPost): PublicPost {
  const author = typeof p.author === 'string' ? { name: p.author, id: null } : (p.author ?? { name: null, id: null });
  return {
    network: p.network,
    url: p.url,
    externalId: postExternalId(p.network, p.url, p.id),
    author: author.name ?? null,
    authorId: author.id !== null && author.id !== undefined ? String(author.id) : null,
    text: p.text,
    time: new Date(p.time),
    geo: p.geo ?? null,
  };
}

/** The keyword sets shipped with the platform, per block (what a new database starts with). */
export function shippedKeywordSets(): { blockCode: string; keywords: string[] }[] {
  return Object.entries(defaults as Record<string, unknown>).flatMap(([blockCode, keywords]) =>
    Array.isArray(keywords)
      ? [{ blockCode, keywords: keywords.filter((k): k is string => typeof k === 'string') }]
      : [],
  );
}

/** The keyword sets in the database; the shipped defaults are copied in for blocks that have none yet. */
export async function loadKeywordSets(db: Db): Promise<{ blockCode: string; keywords: string[] }[]> {
  const blocks = await db.selectFrom('blocks').select('code').where('active', '=', true).execute();
  const shipped = defaults as Record<string, unknown>;
  const seeds = blocks.flatMap((b) =>
    Array.isArray(shipped[b.code]) ? [{ block_code: b.code, keywords: JSON.stringify(shipped[b.code]) }] : [],
  );
  if (seeds.length)
    await db
      .insertInto('monitoring_keyword_sets')
      .values(seeds)
      .onConflict((oc) => oc.column('block_code').doNothing())
      .execute();
  const rows = await db
    .selectFrom('monitoring_keyword_sets')
    .select(['block_code', 'keywords'])
    .where('active', '=', true)
    .orderBy('block_code')
    .execute();
  return rows.map((r) => ({
    blockCode: r.block_code,
    keywords: r.keywords.filter((k): k is string => typeof k === 'string' && k.trim() !== ''),
  }));
}

export interface PostOutcome {
  externalId: string;
  url: string;
  accepted: boolean;
  reason: string;
  relevance: number;
  messageId?: string;
  caseId?: string;
  /** The post had already been taken in (from this or another source). */
  repeated?: boolean;
}

/** Compiled keyword sets per database, re-read after a minute so edits in the table take effect without a restart. */
const compiledCache = new WeakMap<object, { at: number; sets: KeywordSet[] }>();
const CACHE_MS = 60_000;

/** Edited keyword sets take effect at once on this node (other nodes re-read them within a minute). */
export function forgetKeywordSets(database: object): void {
  compiledCache.delete(database);
}

async function keywordSets(ctx: Ctx): Promise<KeywordSet[]> {
  const key = ctx.services.database;
  const now = Date.now();
  const hit = compiledCache.get(key);
  if (hit && now - hit.at < CACHE_MS) return hit.sets;
  const sets = compileKeywordSets(await loadKeywordSets(ctx.services.database.db));
  compiledCache.set(key, { at: now, sets });
  return sets;
}

export async function ingestPosts(ctx: Ctx, posts: readonly PublicPost[], source: string): Promise<PostOutcome[]> {
  const sets = await keywordSets(ctx);
  const outcomes: PostOutcome[] = [];
  for (const post of posts) {
    const decision = assessPost(post, sets, { gazetteer: YAROSLAVL_GAZETTEER, geography: YAROSLAVL_GEOGRAPHY });
    const base = {
      externalId: post.externalId,
      url: post.url,
      accepted: decision.accept,
      reason: decision.reason,
      relevance: decision.relevance,
    };
    if (!decision.accept) {
      outcomes.push(base);
      continue;
    }
    const received = await receiveMessage(ctx, {
      channel: NETWORK_CHANNELS[post.network] ?? 'other',
      externalId: post.externalId,
      text: post.text.slice(0, 100_000),
      createdAt: channelTime(post.time.getTime(), ctx.services.clock.now()),
      author: { name: post.author, externalId: post.authorId },
      location: post.geo ? { lat: post.geo.lat, lon: post.geo.lon } : null,
      labels: { monitoring: monitoringLabel(post, decision, source) },
      attachments: [{ url: post.url, name: 'Публикация' }],
    });
    outcomes.push({
      ...base,
      messageId: received.result.messageId,
      caseId: received.result.caseId,
      repeated: !received.created,
    });
  }
  return outcomes;
}

function monitoringLabel(post: PublicPost, d: PostDecision, source: string): Record<string, unknown> {
  return {
    source,
    network: post.network,
    url: post.url,
    blocks: d.blocks,
    keywords: d.keywords,
    municipality: d.municipality?.code ?? null,
    relevance: d.relevance,
  };
}
