import { findMunicipality, type Gazetteer } from '../places';
import type { MunicipalityRef } from '../reference/reference.repository';
import { compilePhrase, findPhrase, tokenizeWords, type CompiledPhrase } from '../urgency/phrase-match';

// Which public posts become messages: a post must name a problem of some block (keyword sets), be about the
// region (a place of the gazetteer in the text, or a geotag inside the region), and read as a complaint or a
// request rather than news or an advertisement (relevance). Every decision carries its reasons.

export interface PublicPost {
  network: string;
  url: string;
  externalId: string;
  author: string | null;
  authorId: string | null;
  text: string;
  time: Date;
  geo: { lat: number; lon: number } | null;
}

export interface KeywordSet {
  blockCode: string;
  phrases: readonly CompiledPhrase[];
}

export interface PostDecision {
  accept: boolean;
  reason: string;
  blocks: string[];
  keywords: string[];
  municipality: { code: string; name: string } | null;
  relevance: number;
}

export const RELEVANCE_THRESHOLD = 0.5;

const COMPLAINT = [
  'жалоб', 'помогите', 'сколько ~ можно', 'безобрази', 'невозможно', 'опять', 'снова', 'до$ сих$ пор$', 'никто$ не$', 'когда$',
  'почему$', 'не$ работа', 'не$ убира', 'не$ вывоз', 'не$ чист', 'нет$', 'отсутству', 'сломал', 'разбит', 'теч', 'дует', 'холодно',
  'ужас', 'кошмар', 'обращал', 'куда ~ смотр', 'прошу', 'просим', 'требуем', 'невыносим', 'третий день', 'неделю$', 'месяц$',
].map(compilePhrase);
const ADVERTISING = [
  'продам', 'продаю', 'куплю', 'скидк', 'акция$', 'реклам', 'подписывайтесь', 'розыгрыш', 'промокод', 'доставк', 'цена$', 'руб$', 'прайс',
].map(compilePhrase);

export function compileKeywordSets(sets: readonly { blockCode: string; keywords: readonly string[] }[]): KeywordSet[] {
  return sets.map((s) => ({ blockCode: s.blockCode, phrases: s.keywords.map(compilePhrase) }));
}

export interface RegionBox { minLat: number; maxLat: number; minLon: number; maxLon: number }

/** The region's extent from the municipalities' centres, widened by a margin (districts reach past their centres). */
export function regionBox(municipalities: readonly MunicipalityRef[], margin = 0.6): RegionBox | null {
  const points = municipalities.filter((m) => m.lat !== null && m.lon !== null) as (MunicipalityRef & { lat: number; lon: number })[];
  if (!points.length) return null;
  return {
    minLat: Math.min(...points.map((p) => p.lat)) - margin, maxLat: Math.max(...points.map((p) => p.lat)) + margin,
    minLon: Math.min(...points.map((p) => p.lon)) - margin, maxLon: Math.max(...points.map((p) => p.lon)) + margin,
  };
}

export function assessPost(post: PublicPost, sets: readonly KeywordSet[], gazetteer: Gazetteer, box: RegionBox | null): PostDecision {
  const words = tokenizeWords(post.text);
  const hits = sets.flatMap((s) => s.phrases.filter((p) => findPhrase(words, p).length > 0).map((p) => ({ block: s.blockCode, phrase: p.source })));
  const blocks = [...new Set(hits.map((h) => h.block))];
  const keywords = [...new Set(hits.map((h) => h.phrase))];
  const place = findMunicipality(post.text, gazetteer);
  const municipality = place ? { code: place.code, name: place.name } : null;
  const inBox = post.geo !== null && box !== null && post.geo.lat >= box.minLat && post.geo.lat <= box.maxLat
    && post.geo.lon >= box.minLon && post.geo.lon <= box.maxLon;
  const complaint = COMPLAINT.filter((p) => findPhrase(words, p).length > 0).length;
  const ads = ADVERTISING.filter((p) => findPhrase(words, p).length > 0).length;
  const links = (post.text.match(/https?:\/\/|#\p{L}/gu) ?? []).length;
  const relevance = Math.max(0, Math.min(1, Math.round((
    0.3
    + Math.min(0.3, complaint * 0.15)
    + Math.min(0.2, Math.max(0, keywords.length - 1) * 0.1)
    + (/[?!]/.test(post.text) ? 0.1 : 0)
    - ads * 0.3
    - (post.text.length < 40 ? 0.3 : 0)
    - (links > 3 ? 0.2 : 0)) * 100) / 100));
  const base = { blocks, keywords, municipality, relevance };
  if (!keywords.length) return { ...base, accept: false, reason: 'нет ключевых слов ни одного блока' };
  if (!municipality && !inBox) return { ...base, accept: false, reason: 'не про регион: нет места из справочника и геометки в регионе' };
  if (relevance < RELEVANCE_THRESHOLD) return { ...base, accept: false, reason: `низкая релевантность (${relevance})` };
  return { ...base, accept: true, reason: 'ключевые слова, регион и релевантность' };
}
