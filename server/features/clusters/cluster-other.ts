// Decomposition of «прочие» (decree, section V): the messages of a block's catch-all category over a period,
// grouped into candidate problems by spherical k-means on TF-IDF word vectors (the classifier's own pipeline:
// normalisation, Snowball stems, stop words), k chosen by silhouette; each with size, growth against the
// previous period of the same length, top terms and the most typical messages. Too few messages for k-means
// (under MIN_MESSAGES) still make groups when they are very similar (cosine ≥ SIMILAR, linked pairwise).
import { parseMoscowTimestamp } from '../../../shared/api/messages';
import type { Cluster, ClustersQuery, ClustersResult } from '../../../shared/api/clusters';
import { maskPersonalText } from '../../../shared/personal-data/masking';
import type { Ctx } from '../../lib/context';
import { viewOf } from '../personal-data/case-view';
import { AppError } from '../../lib/errors';
import {
  analyzeText,
  extractFeatures,
  tokenFeatures,
  wordBucket,
  type FeatureOptions,
} from '../classifier/text/features';
import { buildRowLookup, fitVocabulary, vectorize, type SparseVector, type Vocabulary } from '../classifier/vectorizer';
import { hashString } from '../classifier/text/hash';
import { clusterBySilhouette, dotDense, dotSparse, type Clustering } from './spherical-kmeans';

const FEATURES: FeatureOptions = { hashBits: 20, wordNgrams: 1, charMode: 'none', charMin: 5, charMax: 6 };
const DAY_MS = 86_400_000;
const MAX_MESSAGES = 5000;
const MIN_MESSAGES = 6;
const MIN_CLUSTER = 2;
/** Cosine similarity from which two messages of a small set are grouped together. */
const SIMILAR = 0.5;
/** A message of the previous period counts for a cluster from this cosine similarity to its centroid. */
const PREVIOUS_MIN_SIMILARITY = 0.3;
const TERMS = 6;
const EXAMPLES = 3;

interface Item {
  messageId: string;
  caseId: string;
  text: string;
  author: string | null;
}

export interface PeriodBounds {
  from: Date;
  to: Date;
  previousFrom: Date;
}

export function periodOf(query: Pick<ClustersQuery, 'from' | 'to'>): PeriodBounds {
  const from = parseMoscowTimestamp(query.from);
  const to = new Date(parseMoscowTimestamp(query.to).getTime() + DAY_MS);
  if (!(to > from)) throw new AppError('validation_failed', 'Конец периода раньше начала');
  return { from, to, previousFrom: new Date(from.getTime() - (to.getTime() - from.getTime())) };
}

async function loadItems(ctx: Ctx, block: string, category: string, from: Date, to: Date): Promise<Item[]> {
  const rows = await ctx.db
    .selectFrom('messages')
    .innerJoin('cases', 'cases.id', 'messages.case_id')
    .select([
      'messages.id as messageId',
      'messages.case_id as caseId',
      'messages.text as text',
      'messages.author_name as author',
    ])
    .where('cases.block_code', '=', block)
    .where('cases.category_code', '=', category)
    .where('cases.merged_into_id', 'is', null)
    .where('messages.created_at', '>=', from)
    .where('messages.created_at', '<', to)
    .orderBy('messages.created_at', 'desc')
    .orderBy('messages.id', 'desc')
    .limit(MAX_MESSAGES)
    .execute();
  return rows.reverse();
}

/** Most frequent written form of each word bucket, for readable top terms. */
function surfaceForms(texts: readonly string[]): Map<number, string> {
  const counts = new Map<number, Map<string, number>>();
  for (const text of texts) {
    for (const token of analyzeText(text)) {
      if (token.startsWith('_') || token.length < 3) continue;
      const f = tokenFeatures(token, FEATURES);
      if (f.stemHash === null) continue;
      const bucket = wordBucket(f.stemHash, FEATURES);
      const forms = counts.get(bucket) ?? new Map<string, number>();
      forms.set(token, (forms.get(token) ?? 0) + 1);
      counts.set(bucket, forms);
    }
  }
  const out = new Map<number, string>();
  for (const [bucket, forms] of counts)
    out.set(bucket, [...forms].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '');
  return out;
}

const shortId = (block: string, ids: readonly string[]): string =>
  `${block}-${(hashString([...ids].sort().join(','), 0x2c1b3c6d) >>> 0).toString(36)}`;

function vectorsOf(texts: readonly string[], vocabulary: Vocabulary): SparseVector[] {
  const lookup = buildRowLookup(vocabulary);
  return texts.map((t) => vectorize(extractFeatures(t, FEATURES), vocabulary, lookup));
}

export async function clusterOther(ctx: Ctx, query: ClustersQuery): Promise<ClustersResult> {
  const ref = await ctx.services.reference.get(ctx.db);
  if (!ref.blocks.some((b) => b.code === query.block))
    throw new AppError('validation_failed', `Нет блока «${query.block}»`);
  const other = ref.categories.find((c) => c.blockCode === query.block && c.isOther);
  if (!other) throw new AppError('validation_failed', `В блоке «${query.block}» нет категории «прочие»`);
  const period = periodOf(query);
  const items = await loadItems(ctx, query.block, other.code, period.from, period.to);
  const base = {
    block: query.block,
    category: other.code,
    from: query.from,
    to: query.to,
    messages: items.length,
    minMessages: MIN_MESSAGES,
    minGroupSize: MIN_CLUSTER,
    similarity: SIMILAR,
  };
  const none = { ...base, method: 'none' as const, unclustered: items.length, k: 0, silhouette: 0, clusters: [] };
  if (items.length < MIN_CLUSTER) return none;

  const bags = items.map((i) => extractFeatures(i.text, FEATURES));
  // In a handful of messages the words they share are the point: no upper limit on a word's share then.
  const small = items.length < MIN_MESSAGES;
  const vocabulary = fitVocabulary(bags, FEATURES, { minDf: 2, maxDfShare: small ? 1 : 0.5, charWeight: 0 });
  const all = vectorsOf(
    items.map((i) => i.text),
    vocabulary,
  );
  const usable = [...all.keys()].filter((i) => (all[i]?.indices.length ?? 0) > 0);
  if (usable.length < MIN_CLUSTER) return none;
  const vectors = usable.map((i) => all[i] as SparseVector);
  const dims = vocabulary.buckets.length;
  const method = usable.length < MIN_MESSAGES ? ('similar' as const) : ('kmeans' as const);
  const clustering =
    method === 'similar'
      ? similarGroups(vectors, dims)
      : clusterBySilhouette(vectors, dims, { maxK: Math.min(12, Math.floor(vectors.length / 3)), seed: 1 });

  const previousItems = await loadItems(ctx, query.block, other.code, period.previousFrom, period.from);
  const previousCounts = new Int32Array(clustering.k);
  for (const v of vectorsOf(
    previousItems.map((i) => i.text),
    vocabulary,
  )) {
    let best = -1;
    let bestSim = PREVIOUS_MIN_SIMILARITY;
    clustering.centroids.forEach((c, j) => {
      const s = dotDense(v, c);
      if (s >= bestSim) {
        bestSim = s;
        best = j;
      }
    });
    if (best >= 0) previousCounts[best] = (previousCounts[best] ?? 0) + 1;
  }

  const forms = surfaceForms(items.map((i) => i.text));
  const clusters: Cluster[] = [];
  clustering.centroids.forEach((centroid, j) => {
    const members = vectors.map((v, p) => ({ p, v })).filter(({ p }) => clustering.assignment[p] === j);
    if (members.length < MIN_CLUSTER) return;
    const rows = [...centroid.keys()].sort((a, b) => (centroid[b] ?? 0) - (centroid[a] ?? 0)).slice(0, TERMS * 2);
    const terms = [
      ...new Set(rows.map((r) => forms.get(vocabulary.buckets[r] ?? 0)).filter((t): t is string => Boolean(t))),
    ].slice(0, TERMS);
    const typical = members
      .map(({ p, v }) => ({ p, s: dotDense(v, centroid) }))
      .sort((a, b) => b.s - a.s || a.p - b.p)
      .slice(0, EXAMPLES);
    const memberItems = members.map(({ p }) => items[usable[p] ?? 0] as Item);
    const caseIds = [...new Set(memberItems.map((i) => i.caseId))];
    const previous = previousCounts[j] ?? 0;
    clusters.push({
      id: shortId(
        query.block,
        memberItems.map((i) => i.messageId),
      ),
      size: members.length,
      previous,
      growthPercent: previous > 0 ? Math.round(((members.length - previous) / previous) * 100) : null,
      terms,
      examples: typical.map(({ p }) => {
        const item = items[usable[p] ?? 0] as Item;
        // Examples are read by analysts too: contacts and the author's name masked for roles without access.
        const text = viewOf(ctx.actor).textContacts ? item.text : maskPersonalText(item.text, [item.author]);
        return { messageId: item.messageId, caseId: item.caseId, text: text.slice(0, 400) };
      }),
      caseIds,
    });
  });
  clusters.sort((a, b) => b.size - a.size || a.id.localeCompare(b.id));
  return {
    ...base,
    method,
    unclustered: items.length - vectors.length,
    k: clustering.k,
    silhouette: Math.round(clustering.silhouette * 1000) / 1000,
    clusters,
  };
}

/**
 * Groups of a small set: messages linked by a chain of pairs with cosine similarity ≥ SIMILAR; a message without
 * such a neighbour stays alone (a group of one, dropped as below MIN_CLUSTER). Centroids are the groups' means.
 */
function similarGroups(vectors: readonly SparseVector[], dims: number): Clustering {
  const parent = vectors.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i] ?? i)));
  for (let i = 0; i < vectors.length; i += 1) {
    for (let j = i + 1; j < vectors.length; j += 1) {
      if (dotSparse(vectors[i] as SparseVector, vectors[j] as SparseVector) >= SIMILAR) parent[root(j)] = root(i);
    }
  }
  const roots = [...new Set(vectors.map((_, i) => root(i)))];
  const assignment = Int32Array.from(vectors, (_, i) => roots.indexOf(root(i)));
  const centroids = roots.map(() => new Float64Array(dims));
  vectors.forEach((v, i) => {
    const c = centroids[assignment[i] ?? 0] as Float64Array;
    for (let p = 0; p < v.indices.length; p += 1)
      c[v.indices[p] ?? 0] = (c[v.indices[p] ?? 0] ?? 0) + (v.values[p] ?? 0);
  });
  for (const c of centroids) {
    const norm = Math.sqrt(c.reduce((a, x) => a + x * x, 0)) || 1;
    for (let d = 0; d < dims; d += 1) c[d] = (c[d] ?? 0) / norm;
  }
  return { k: roots.length, assignment, centroids, silhouette: 0 };
}
