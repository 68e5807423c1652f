// Where the dashboard's numbers come from. Until /api/analytics exists, every figure is a set of totals read
// from GET /api/cases with pageSize=1 (one count per bar), throttled and cached per load. To switch, implement
// AnalyticsSource over the analytics endpoints and return it from analyticsSource(); the screen stays the same.
import type { CaseQuery } from '../api/case-query';
import { countCases } from '../api/cases-api';
import { DEADLINE_STATES } from '../../../shared/api/cases';
import { CHANNELS, CHANNEL_LABELS } from '../../../shared/deadlines/channels';
import type { Reference } from '../api/contract';
import { DEADLINE_FILTER_LABELS } from '../common/labels';

/** One bar, slice or point: its label, its count, and the inbox filter that lists the cases behind it. */
export interface Figure {
  key: string;
  label: string;
  count: number;
  query: CaseQuery;
}
export interface PlaceFigure extends Figure { lat: number; lon: number }

export interface Period { from?: string | undefined; to?: string | undefined }

export interface AnalyticsSource {
  total(period: Period, signal: AbortSignal): Promise<Figure>;
  byBlock(period: Period, signal: AbortSignal): Promise<Figure[]>;
  byChannel(period: Period, signal: AbortSignal): Promise<Figure[]>;
  byMunicipality(period: Period, signal: AbortSignal): Promise<PlaceFigure[]>;
  topCategories(period: Period, signal: AbortSignal, limit: number): Promise<Figure[]>;
  /** Open cases by the state of their final-answer clock. */
  compliance(period: Period, signal: AbortSignal): Promise<Figure[]>;
}

const periodQuery = (p: Period): CaseQuery => ({ ...(p.from ? { from: p.from } : {}), ...(p.to ? { to: p.to } : {}) });

/** Runs at most `limit` requests at once (the server and the machine are shared). */
function limiter(limit: number) {
  let active = 0;
  const queue: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => queue.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      active -= 1;
      queue.shift()?.();
    }
  };
}

export function countingSource(ref: Reference, concurrency = 4): AnalyticsSource {
  const run = limiter(concurrency);
  const cache = new Map<string, Promise<number>>();
  // Counts are shared between figures (top categories reuse the block totals), so a request is not tied to the
  // signal of the figure that started it; an aborted figure simply ignores the result.
  const count = (query: CaseQuery, signal: AbortSignal): Promise<number> => {
    if (signal.aborted) return Promise.reject(new DOMException('Прервано', 'AbortError'));
    const key = JSON.stringify(query);
    const hit = cache.get(key);
    if (hit) return hit;
    const promise = run(() => countCases(query));
    cache.set(key, promise);
    promise.catch(() => cache.delete(key));
    // Numbers age: forget them after a minute so "Обновить" re-reads.
    window.setTimeout(() => cache.delete(key), 60_000);
    return promise;
  };
  const figures = async (period: Period, signal: AbortSignal, items: { key: string; label: string; query: CaseQuery }[]) => {
    const counts = await Promise.all(items.map((i) => count({ ...periodQuery(period), ...i.query }, signal)));
    return items.map((i, n) => ({ ...i, query: { ...periodQuery(period), ...i.query }, count: counts[n] ?? 0 }));
  };

  const source: AnalyticsSource = {
    async total(period, signal) {
      const [f] = await figures(period, signal, [{ key: 'all', label: 'Всего обращений', query: {} }]);
      return f ?? { key: 'all', label: 'Всего обращений', count: 0, query: periodQuery(period) };
    },
    byBlock: (period, signal) => figures(period, signal, ref.blocks.map((b) => ({ key: b.code, label: b.name, query: { block: [b.code] } }))),
    byChannel: (period, signal) => figures(period, signal, CHANNELS.map((c) => ({ key: c, label: CHANNEL_LABELS[c], query: { channel: [c] } }))),
    async byMunicipality(period, signal) {
      const munis = ref.municipalities.filter((m) => m.lat !== null && m.lon !== null);
      const rows = await figures(period, signal, munis.map((m) => ({ key: m.code, label: m.shortName, query: { municipality: [m.code] } })));
      return rows.map((r, i) => ({ ...r, lat: munis[i]?.lat ?? 0, lon: munis[i]?.lon ?? 0 }));
    },
    async topCategories(period, signal, limit) {
      // Only blocks that have cases in the period are broken down, to keep the number of requests down.
      const blocks = (await source.byBlock(period, signal)).filter((b) => b.count > 0).map((b) => b.key);
      const names = new Map(ref.blocks.map((b) => [b.code, b.name]));
      const cats = ref.categories.filter((c) => blocks.includes(c.blockCode));
      const rows = await figures(period, signal, cats.map((c) => ({
        key: `${c.blockCode}.${c.code}`, label: `${c.name} (${names.get(c.blockCode) ?? c.blockCode})`,
        query: { block: [c.blockCode], category: [`${c.blockCode}.${c.code}`] },
      })));
      return rows.filter((r) => r.count > 0).sort((a, b) => b.count - a.count).slice(0, limit);
    },
    compliance: (period, signal) => figures(period, signal, DEADLINE_STATES.map((s) => ({
      key: s, label: DEADLINE_FILTER_LABELS[s], query: { deadline: s },
    }))),
  };
  return source;
}

/** The source the dashboard uses. Replace with an /api/analytics implementation when it is available. */
export function analyticsSource(ref: Reference): AnalyticsSource {
  return countingSource(ref);
}
