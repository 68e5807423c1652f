// Where the dashboard's numbers come from: GET /api/cases/facets counts every figure of a period in one request,
// with the same filters as the inbox, so each bar leads to exactly the cases it counts. Another backend (an
// analytics API) only needs to implement AnalyticsSource and be returned from analyticsSource().
import type { CaseQuery } from '../api/case-query';
import { DASHBOARD_FACETS, periodQuery } from './period';
import { fetchFacets } from '../api/cases-api';
import { DEADLINE_STATES, type CaseFacet, type CaseFacets } from '../../../shared/api/cases';
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
export interface PlaceFigure extends Figure {
  lat: number;
  lon: number;
  /** Residents (reference data), for cases per 10,000; null when unknown. */
  population: number | null;
}

export interface Period {
  from?: string | undefined;
  to?: string | undefined;
}

export interface AnalyticsSource {
  total(period: Period, signal: AbortSignal): Promise<Figure>;
  byBlock(period: Period, signal: AbortSignal): Promise<Figure[]>;
  byChannel(period: Period, signal: AbortSignal): Promise<Figure[]>;
  byMunicipality(period: Period, signal: AbortSignal): Promise<PlaceFigure[]>;
  topCategories(period: Period, signal: AbortSignal, limit: number): Promise<Figure[]>;
  /** Open cases by the state of their final-answer clock. */
  compliance(period: Period, signal: AbortSignal): Promise<Figure[]>;
}

/**
 * Every figure of a period from one GET /api/cases/facets (the server counts all of them in one scan), shared by
 * the figures and kept for a minute so that «Обновить» re-reads.
 */
export function facetSource(ref: Reference): AnalyticsSource {
  const cache = new Map<string, Promise<CaseFacets>>();
  const load = (period: Period, signal: AbortSignal): Promise<CaseFacets> => {
    if (signal.aborted) return Promise.reject(new DOMException('Прервано', 'AbortError'));
    const key = JSON.stringify(periodQuery(period));
    const hit = cache.get(key);
    if (hit) return hit;
    // not tied to the signal of the figure that asked first: the other figures wait for the same answer
    const promise = fetchFacets(periodQuery(period), DASHBOARD_FACETS);
    cache.set(key, promise);
    promise.catch(() => cache.delete(key));
    window.setTimeout(() => cache.delete(key), 60_000);
    return promise;
  };
  const figures = async (
    period: Period,
    signal: AbortSignal,
    facet: CaseFacet,
    items: { key: string; label: string; query: CaseQuery }[],
  ) => {
    const facets = await load(period, signal);
    const counts = new Map((facets.facets[facet] ?? []).map((c) => [c.key, c.count]));
    return items.map((i) => ({ ...i, query: { ...periodQuery(period), ...i.query }, count: counts.get(i.key) ?? 0 }));
  };

  return {
    async total(period, signal) {
      const facets = await load(period, signal);
      return { key: 'all', label: 'Всего обращений', count: facets.total, query: periodQuery(period) };
    },
    byBlock: (period, signal) =>
      figures(
        period,
        signal,
        'block',
        ref.blocks.map((b) => ({ key: b.code, label: b.name, query: { block: [b.code] } })),
      ),
    byChannel: (period, signal) =>
      figures(
        period,
        signal,
        'channel',
        CHANNELS.map((c) => ({ key: c, label: CHANNEL_LABELS[c], query: { channel: [c] } })),
      ),
    async byMunicipality(period, signal) {
      const munis = ref.municipalities.filter((m) => m.lat !== null && m.lon !== null);
      const rows = await figures(
        period,
        signal,
        'municipality',
        munis.map((m) => ({ key: m.code, label: m.shortName, query: { municipality: [m.code] } })),
      );
      return rows.map((r, i) => ({
        ...r,
        lat: munis[i]?.lat ?? 0,
        lon: munis[i]?.lon ?? 0,
        population: munis[i]?.population ?? null,
      }));
    },
    async topCategories(period, signal, limit) {
      const names = new Map(ref.blocks.map((b) => [b.code, b.name]));
      const rows = await figures(
        period,
        signal,
        'category',
        ref.categories.map((c) => ({
          key: `${c.blockCode}.${c.code}`,
          label: `${c.name} (${names.get(c.blockCode) ?? c.blockCode})`,
          query: { block: [c.blockCode], category: [`${c.blockCode}.${c.code}`] },
        })),
      );
      return rows
        .filter((r) => r.count > 0)
        .sort((a, b) => b.count - a.count)
        .slice(0, limit);
    },
    compliance: (period, signal) =>
      figures(
        period,
        signal,
        'deadline',
        DEADLINE_STATES.map((s) => ({
          key: s,
          label: DEADLINE_FILTER_LABELS[s],
          query: { deadline: s },
        })),
      ),
  };
}

/** The source the dashboard uses. */
export function analyticsSource(ref: Reference): AnalyticsSource {
  return facetSource(ref);
}
