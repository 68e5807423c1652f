import { startSingletonPoller } from '../../lib/node-lease';
import { recordChannelRun } from '../channels/channel-health';
import http from 'node:http';
import type https from 'node:https';
import { API } from 'vk-io';
import type { Db } from '../../db/database';
import { rootContext, type Actor, type Services } from '../../lib/context';
import { YAROSLAVL_GAZETTEER, type Gazetteer } from '../places';
import { ingestPosts, loadKeywordSets, postExternalId, type PostOutcome } from './ingest-posts';
import type { PublicPost } from './post-filter';

// The VK newsfeed poller: searches public posts (newsfeed.search through vk-io) for keyword × place queries
// built from the block keyword sets and the region's towns, a few queries per run in rotation, each from the
// time it was last asked. The found posts go through the monitoring filters and the one intake path.

export const VK_POLLER_ACTOR: Actor = { kind: 'system', label: 'Мониторинг VK' };
const STATE_KEY = 'vk_newsfeed';
/** Queries per run: newsfeed.search is rate-limited per token, so the full list is walked over several runs. */
export const QUERIES_PER_RUN = 20;
const FIRST_LOOK_BACK_S = 24 * 3600;
const MAX_PAGES = 3;

/** Plain words of a keyword phrase usable as a search query (stems and gaps of the filter syntax dropped). */
function queryWord(phrase: string): string | null {
  if (phrase.includes('/') || phrase.includes('~')) return null;
  const words = phrase.split(/\s+/).map((w) => w.replace(/\$$/, ''));
  return words.every((w) => w.length >= 3) ? words.join(' ') : null;
}

/** keyword × town queries: every block's searchable keywords with every city and town of the gazetteer. */
export function buildQueries(
  sets: readonly { blockCode: string; keywords: readonly string[] }[],
  gazetteer: Gazetteer,
): string[] {
  const towns = [
    ...new Set(
      gazetteer.municipalities.flatMap((m) =>
        m.places.filter((p) => p.type === 'city' || p.type === 'town').map((p) => p.name),
      ),
    ),
  ];
  const words = [...new Set(sets.flatMap((s) => s.keywords.map(queryWord).filter((w): w is string => w !== null)))];
  return towns.flatMap((town) => words.map((w) => `${w} ${town}`));
}

interface VkOwner {
  id: number;
  first_name?: string;
  last_name?: string;
  name?: string;
}
interface VkItem {
  id: number;
  owner_id: number;
  from_id?: number;
  date: number;
  text?: string;
  geo?: { coordinates?: string };
}

export function vkItemToPost(
  item: VkItem,
  profiles: readonly VkOwner[],
  groups: readonly VkOwner[],
): PublicPost | null {
  const text = item.text?.trim();
  if (!text) return null;
  const authorId = item.from_id ?? item.owner_id;
  const owner = authorId < 0 ? groups.find((g) => g.id === -authorId) : profiles.find((p) => p.id === authorId);
  const author = owner ? (owner.name ?? [owner.first_name, owner.last_name].filter(Boolean).join(' ')) || null : null;
  const [lat, lon] = (item.geo?.coordinates ?? '').split(/\s+/).map(Number);
  const url = `https://vk.com/wall${item.owner_id}_${item.id}`;
  return {
    network: 'vk',
    url,
    externalId: postExternalId('vk', url),
    author,
    authorId: String(authorId),
    text,
    time: new Date(item.date * 1000),
    geo:
      lat !== undefined && lon !== undefined && Number.isFinite(lat) && Number.isFinite(lon) && item.geo?.coordinates
        ? { lat, lon }
        : null,
  };
}

interface PollState {
  next: number;
  lastRun: Record<string, number>;
}

async function readState(db: Db): Promise<PollState> {
  const row = await db.selectFrom('monitoring_state').select('value').where('key', '=', STATE_KEY).executeTakeFirst();
  const v = row?.value ?? {};
  return { next: typeof v.next === 'number' ? v.next : 0, lastRun: (v.lastRun ?? {}) as Record<string, number> };
}

async function writeState(db: Db, state: PollState): Promise<void> {
  const value = JSON.stringify(state);
  await db
    .insertInto('monitoring_state')
    .values({ key: STATE_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: new Date() }))
    .execute();
}

export interface PollSummary {
  queries: string[];
  found: number;
  outcomes: PostOutcome[];
}

export function createVkApi(token: string, apiBaseUrl?: string): API {
  // vk-io's default agent speaks only https; a plain-http base (a loopback stand-in, a proxy) needs an http agent.
  // vk-io types the option as an https.Agent but hands it to its fetch, which takes either kind.
  const agent = apiBaseUrl?.startsWith('http:')
    ? { agent: new http.Agent({ keepAlive: true }) as unknown as https.Agent }
    : {};
  return new API({ token, ...(apiBaseUrl ? { apiBaseUrl } : {}), ...agent, apiRetryLimit: 1, apiTimeout: 20_000 });
}

/** One run: the next queries of the rotation, each from when it was last asked (a day back the first time). */
export async function pollVkNewsfeed(
  services: Services,
  api: API,
  queriesPerRun = QUERIES_PER_RUN,
): Promise<PollSummary> {
  const db = services.database.db;
  const queries = buildQueries(await loadKeywordSets(db), YAROSLAVL_GAZETTEER);
  if (!queries.length) return { queries: [], found: 0, outcomes: [] };
  const state = await readState(db);
  const now = Math.floor(services.clock.now().getTime() / 1000);
  const batch = Array.from(
    { length: Math.min(queriesPerRun, queries.length) },
    (_, i) => queries[(state.next + i) % queries.length] as string,
  );
  const posts = new Map<string, PublicPost>();
  for (const q of batch) {
    let startFrom: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await api.newsfeed.search({
        q,
        extended: 1,
        count: 200,
        start_time: state.lastRun[q] ?? now - FIRST_LOOK_BACK_S,
        end_time: now,
        ...(startFrom ? { start_from: startFrom } : {}),
      });
      const profiles = (res.profiles ?? []) as VkOwner[];
      const groups = (res.groups ?? []) as VkOwner[];
      for (const item of res.items as unknown as VkItem[]) {
        const post = vkItemToPost(item, profiles, groups);
        if (post) posts.set(post.externalId, post);
      }
      startFrom = res.next_from || undefined;
      if (!startFrom) break;
    }
    state.lastRun[q] = now;
  }
  const outcomes = await ingestPosts(rootContext(services, VK_POLLER_ACTOR), [...posts.values()], 'vk_newsfeed');
  state.next = (state.next + batch.length) % queries.length;
  await writeState(db, state);
  return { queries: batch, found: posts.size, outcomes };
}

/** Runs the poller every intervalMs until stopped, on one app node at a time; a failed run is logged and retried at the next tick. */
export function startVkPoller(services: Services, api: API, intervalMs: number): () => Promise<void> {
  return startSingletonPoller(services.database.db, services.clock, {
    name: 'vk:newsfeed',
    intervalMs,
    firstDelayMs: 1000,
    async run() {
      const s = await pollVkNewsfeed(services, api);
      const created = s.outcomes.filter((o) => o.accepted && !o.repeated).length;
      services.log.info({ queries: s.queries.length, found: s.found, created }, 'VK newsfeed polled');
      await recordChannelRun(services.database.db, 'monitoring', services.clock.now());
    },
    onError: (error) => {
      services.log.warn({ error: error instanceof Error ? error.message : String(error) }, 'VK newsfeed poll failed');
      recordChannelRun(services.database.db, 'monitoring', services.clock.now(), error).catch(() => undefined);
    },
  });
}
