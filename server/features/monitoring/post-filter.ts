import { findMunicipality, type Gazetteer, type Geography } from '../places';
import { compilePhrase, findPhrase, tokenizeWords, type CompiledPhrase } from '../urgency/phrase-match';

// Which public posts become messages: a post must name a problem of some block (keyword sets), be about the
// region (a geotagged post: its point inside the region's boundaries; otherwise a place of the gazetteer in the
// text), and read as a complaint or a request rather than news, a greeting or an advertisement (relevance). News
// about finished work («отремонтировали», «завершён ремонт») is news. Every decision carries its reasons.

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
  'жалоб',
  'помогите',
  'сколько ~ можно',
  'безобрази',
  'невозможно',
  'опять',
  'снова',
  'до$ сих$ пор$',
  'никто$ не$',
  'когда$',
  'почему$',
  'не$ работа',
  'не$ убира',
  'не$ вывоз',
  'не$ чист',
  'нет$',
  'отсутству',
  'сломал',
  'разбит',
  'теч',
  'дует',
  'холодно',
  'ужас',
  'кошмар',
  'обращал',
  'куда ~ смотр',
  'прошу',
  'просим',
  'требуем',
  'невыносим',
  'третий день',
  'неделю$',
  'месяц$',
].map(compilePhrase);
const ADVERTISING = [
  'продам',
  'продаю',
  'куплю',
  'скидк',
  'акция$',
  'реклам',
  'подписывайтесь',
  'розыгрыш',
  'промокод',
  'доставк',
  'цена$',
  'руб$',
  'прайс',
].map(compilePhrase);
/** Reports of work done, announcements, greetings: what a newsroom or an official page writes, not a citizen's problem. */
const NEWS = [
  'отремонтировал',
  'отремонтирован',
  'завершен ~ ремонт',
  'завершил',
  'завершено',
  'закончили ремонт',
  'выполнен',
  'выполнили',
  'восстановлен',
  'восстановили',
  'заменили',
  'заменен',
  'благоустроил',
  'открыт$',
  'открыли',
  'открылс',
  'введен ~ эксплуатац',
  'сдан$',
  'состоял',
  'пройдет',
  'пройдут',
  'сообщает',
  'сообщили',
  'по ~ информаци',
  'пресс',
  'в ~ рамках',
  'нацпроект',
  'программ',
  'губернатор',
  'поздравля',
  'с ~ праздник',
  'с ~ днем',
  'приглашаем',
  'анонс',
  'график ~ отключени',
  'плановое',
].map(compilePhrase);

export function compileKeywordSets(sets: readonly { blockCode: string; keywords: readonly string[] }[]): KeywordSet[] {
  return sets.map((s) => ({ blockCode: s.blockCode, phrases: s.keywords.map(compilePhrase) }));
}

/** The region a post must be about: its gazetteer (texts) and its boundaries (geotags). */
export interface PostRegion {
  readonly gazetteer: Gazetteer;
  readonly geography: Pick<Geography, 'locate'>;
}

export function assessPost(post: PublicPost, sets: readonly KeywordSet[], region: PostRegion): PostDecision {
  const words = tokenizeWords(post.text);
  const hits = sets.flatMap((s) =>
    s.phrases.filter((p) => findPhrase(words, p).length > 0).map((p) => ({ block: s.blockCode, phrase: p.source })),
  );
  const blocks = [...new Set(hits.map((h) => h.block))];
  const keywords = [...new Set(hits.map((h) => h.phrase))];
  const unit = post.geo ? region.geography.locate(post.geo.lat, post.geo.lon) : null;
  const place = unit ? null : findMunicipality(post.text, region.gazetteer);
  const municipality = unit
    ? { code: unit.code, name: unit.name }
    : place
      ? { code: place.code, name: place.name }
      : null;
  const complaint = COMPLAINT.filter((p) => findPhrase(words, p).length > 0).length;
  const ads = ADVERTISING.filter((p) => findPhrase(words, p).length > 0).length;
  const news = NEWS.filter((p) => findPhrase(words, p).length > 0).length;
  const links = (post.text.match(/https?:\/\/|#\p{L}/gu) ?? []).length;
  const relevance = Math.max(
    0,
    Math.min(
      1,
      Math.round(
        (0.3 +
          Math.min(0.3, complaint * 0.15) +
          Math.min(0.2, Math.max(0, keywords.length - 1) * 0.1) +
          (/[?!]/.test(post.text) ? 0.1 : 0) -
          ads * 0.3 -
          Math.min(0.5, news * 0.25) -
          (post.text.length < 40 ? 0.3 : 0) -
          (links > 3 ? 0.2 : 0)) *
          100,
      ) / 100,
    ),
  );
  const base = { blocks, keywords, municipality, relevance };
  if (!keywords.length) return { ...base, accept: false, reason: 'нет ключевых слов ни одного блока' };
  if (post.geo && !unit) return { ...base, accept: false, reason: 'не про регион: геометка за границами области' };
  if (!municipality)
    return { ...base, accept: false, reason: 'не про регион: нет места из справочника и геометки в регионе' };
  if (relevance < RELEVANCE_THRESHOLD) return { ...base, accept: false, reason: `низкая релевантность (${relevance})` };
  return { ...base, accept: true, reason: 'ключевые слова, регион и релевантность' };
}
