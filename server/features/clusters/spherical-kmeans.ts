// Spherical k-means (cosine similarity on L2-normalised sparse vectors) with k-means++ seeding from a seeded
// generator, and the number of clusters chosen by the mean silhouette (cosine distance). Deterministic.
import { createRandom, shuffleInPlace, type Random } from '../classifier/random';
import type { SparseVector } from '../classifier/vectorizer';

export interface Clustering {
  readonly k: number;
  /** Cluster of each vector. */
  readonly assignment: Int32Array;
  /** Unit-length centroids, `dims` values each. */
  readonly centroids: readonly Float64Array[];
  /** Mean silhouette of this clustering (−1..1). */
  readonly silhouette: number;
}

export interface KMeansOptions {
  readonly minK?: number;
  readonly maxK?: number;
  readonly seed?: number;
  readonly iterations?: number;
  /** Silhouette is computed on at most this many vectors (a seeded sample). */
  readonly silhouetteSample?: number;
}

export const dotSparse = (a: SparseVector, b: SparseVector): number => {
  // Both index lists are in vectorizer order, not sorted: a small map of the shorter one.
  const [small, large] = a.indices.length <= b.indices.length ? [a, b] : [b, a];
  const m = new Map<number, number>();
  for (let i = 0; i < small.indices.length; i += 1) m.set(small.indices[i] ?? 0, small.values[i] ?? 0);
  let s = 0;
  for (let i = 0; i < large.indices.length; i += 1) {
    const v = m.get(large.indices[i] ?? 0);
    if (v !== undefined) s += v * (large.values[i] ?? 0);
  }
  return s;
};

export const dotDense = (v: SparseVector, centroid: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < v.indices.length; i += 1) s += (v.values[i] ?? 0) * (centroid[v.indices[i] ?? 0] ?? 0);
  return s;
};

const normalise = (c: Float64Array): Float64Array => {
  let n = 0;
  for (const x of c) n += x * x;
  const scale = n > 0 ? 1 / Math.sqrt(n) : 0;
  for (let i = 0; i < c.length; i += 1) c[i] = (c[i] ?? 0) * scale;
  return c;
};

const toDense = (v: SparseVector, dims: number): Float64Array => {
  const c = new Float64Array(dims);
  for (let i = 0; i < v.indices.length; i += 1) c[v.indices[i] ?? 0] = v.values[i] ?? 0;
  return c;
};

/** k-means++: each next seed drawn with probability proportional to its cosine distance from the nearest seed. */
const seedCentroids = (vectors: readonly SparseVector[], k: number, dims: number, random: Random): Float64Array[] => {
  const first = Math.floor(random() * vectors.length);
  const centroids = [normalise(toDense(vectors[first] as SparseVector, dims))];
  const nearest = vectors.map((v) => 1 - dotDense(v, centroids[0] as Float64Array));
  while (centroids.length < k) {
    const total = nearest.reduce((s, d) => s + Math.max(0, d), 0);
    let pick = 0;
    if (total > 0) {
      let r = random() * total;
      for (pick = 0; pick < nearest.length - 1; pick += 1) {
        r -= Math.max(0, nearest[pick] ?? 0);
        if (r <= 0) break;
      }
    }
    const c = normalise(toDense(vectors[pick] as SparseVector, dims));
    centroids.push(c);
    vectors.forEach((v, i) => {
      nearest[i] = Math.min(nearest[i] ?? 1, 1 - dotDense(v, c));
    });
  }
  return centroids;
};

const assign = (vectors: readonly SparseVector[], centroids: readonly Float64Array[], out: Int32Array): boolean => {
  let changed = false;
  vectors.forEach((v, i) => {
    let best = 0;
    let bestSim = -Infinity;
    centroids.forEach((c, j) => {
      const s = dotDense(v, c);
      if (s > bestSim) {
        bestSim = s;
        best = j;
      }
    });
    if (out[i] !== best) changed = true;
    out[i] = best;
  });
  return changed;
};

/** One spherical k-means run for a given k. */
export const sphericalKMeans = (
  vectors: readonly SparseVector[],
  dims: number,
  k: number,
  seed = 1,
  iterations = 30,
): { assignment: Int32Array; centroids: Float64Array[] } => {
  const random = createRandom(seed);
  let centroids = seedCentroids(vectors, k, dims, random);
  const assignment = new Int32Array(vectors.length).fill(-1);
  for (let it = 0; it < iterations; it += 1) {
    if (!assign(vectors, centroids, assignment) && it > 0) break;
    const sums = Array.from({ length: k }, () => new Float64Array(dims));
    vectors.forEach((v, i) => {
      const s = sums[assignment[i] ?? 0] as Float64Array;
      for (let p = 0; p < v.indices.length; p += 1)
        s[v.indices[p] ?? 0] = (s[v.indices[p] ?? 0] ?? 0) + (v.values[p] ?? 0);
    });
    // An emptied cluster keeps its previous centroid.
    centroids = sums.map((s, j) => (s.some((x) => x !== 0) ? normalise(s) : (centroids[j] as Float64Array)));
  }
  return { assignment, centroids };
};

/** Mean silhouette with cosine distance over the given members (sample). */
export const silhouette = (
  vectors: readonly SparseVector[],
  assignment: Int32Array,
  k: number,
  members: readonly number[],
): number => {
  if (k < 2) return 0;
  let total = 0;
  for (const i of members) {
    const sums = new Float64Array(k);
    const counts = new Int32Array(k);
    for (const j of members) {
      if (i === j) continue;
      const c = assignment[j] ?? 0;
      sums[c] = (sums[c] ?? 0) + 1 - dotSparse(vectors[i] as SparseVector, vectors[j] as SparseVector);
      counts[c] = (counts[c] ?? 0) + 1;
    }
    const own = assignment[i] ?? 0;
    if ((counts[own] ?? 0) === 0) continue; // a singleton scores 0
    const a = (sums[own] ?? 0) / (counts[own] ?? 1);
    let b = Infinity;
    for (let c = 0; c < k; c += 1)
      if (c !== own && (counts[c] ?? 0) > 0) b = Math.min(b, (sums[c] ?? 0) / (counts[c] ?? 1));
    if (Number.isFinite(b)) total += (b - a) / Math.max(a, b, 1e-12);
  }
  return members.length === 0 ? 0 : total / members.length;
};

/** Runs k = minK..maxK and keeps the clustering with the best mean silhouette (ties: the smaller k). */
export const clusterBySilhouette = (
  vectors: readonly SparseVector[],
  dims: number,
  options: KMeansOptions = {},
): Clustering => {
  const seed = options.seed ?? 1;
  const maxK = Math.max(1, Math.min(options.maxK ?? 12, vectors.length - 1));
  const minK = Math.min(Math.max(2, options.minK ?? 2), maxK);
  const sample = shuffleInPlace([...vectors.keys()], createRandom(seed + 7))
    .slice(0, options.silhouetteSample ?? 400)
    .sort((a, b) => a - b);
  let best: Clustering | null = null;
  for (let k = minK; k <= maxK; k += 1) {
    const run = sphericalKMeans(vectors, dims, k, seed, options.iterations ?? 30);
    const score = silhouette(vectors, run.assignment, k, sample);
    if (!best || score > best.silhouette + 1e-9)
      best = { k, assignment: run.assignment, centroids: run.centroids, silhouette: score };
  }
  return best ?? { k: 1, assignment: new Int32Array(vectors.length), centroids: [], silhouette: 0 };
};
