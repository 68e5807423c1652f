import { describe, expect, it } from 'vitest';
import { analyzeText, extractFeatures } from './features';
import { decodeEntities, stripHtml } from './html';
import { normalizeText, prepareText, SPECIAL_TOKENS } from './normalize';
import { StemmerRu } from '@nlpjs/lang-ru';
import { foldTokenChar, hasUnfoldable, isStopWord, isTokenChar, snowballStem, stemWord, tokenize } from './tokenize';

describe('stripHtml', () => {
  it.each([
    ['<p>Нет&nbsp;воды</p><p>в доме</p>', ' Нет воды  в доме '],
    ['<script>alert(1)</script>Яма<style>p{}</style>', ' Яма '],
    ['a<br/>b', 'a b'],
    ['5 &lt; 7 &amp; &laquo;да&raquo; &#1071; &#x42F; &unknown;', '5 < 7 & «да» Я Я &unknown;'],
    ['без тегов', 'без тегов'],
  ])('%s', (html, text) => {
    expect(stripHtml(html)).toBe(text);
  });

  it('keeps a lone < and unclosed tags from swallowing the text', () => {
    expect(stripHtml('если a < b то <b>жирный')).toBe('если a < b то  жирный');
  });

  it('decodes entities without tags', () => {
    expect(decodeEntities('&quot;Водоканал&quot;')).toBe('"Водоканал"');
  });
});

describe('normalizeText', () => {
  it('lower-cases and replaces ё', () => {
    expect(normalizeText('ЁЛКИ Зелёные')).toBe('елки зеленые');
  });

  it('replaces portal masks, links, e-mails and numbers with placeholder words', () => {
    const text = normalizeText(
      'Звонил XXXX XX XXXXXX по тел. 8-999-123, см. https://gorod.ru/a?b=1 и mail@site.ru в 2023 году',
    );
    expect(text).toContain(SPECIAL_TOKENS.mask);
    expect(text).toContain(SPECIAL_TOKENS.url);
    expect(text).toContain(SPECIAL_TOKENS.email);
    expect(text).toContain(SPECIAL_TOKENS.num);
    expect(text).not.toMatch(/x{2}|https|gorod|\d/);
  });

  it('handles empty and missing text', () => {
    expect(normalizeText('')).toBe('');
    expect(normalizeText(null)).toBe('');
    expect(normalizeText(undefined)).toBe('');
    expect(analyzeText('')).toEqual([]);
    expect(extractFeatures('').buckets.length).toBe(0);
    expect(extractFeatures(null).buckets.length).toBe(0);
  });

  it('handles 1 MB of HTML quickly', () => {
    const chunk = '<div class="x"><p>Во дворе дома&nbsp;№5 не вывозят <b>мусор</b>, XXXX XXX.</p><br>';
    const html = chunk.repeat(Math.ceil(1_000_000 / chunk.length)) + '<<<<' + '<a'.repeat(50_000);
    const started = performance.now();
    const features = extractFeatures(html);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(features.buckets.length).toBeGreaterThan(0);
  });
});

describe('tokens and stems', () => {
  it('splits words and keeps placeholders whole', () => {
    expect(tokenize('нет воды, _num_ дней!')).toEqual(['нет', 'воды', '_num_', 'дней']);
  });

  it('stems with the Snowball Russian algorithm', () => {
    expect(stemWord('контейнеры')).toBe('контейнер');
    expect(stemWord('контейнеров')).toBe('контейнер');
    expect(stemWord('переполнены')).toBe('переполн');
    expect(stemWord('_num_')).toBe('_num_');
    expect(stemWord('wifi')).toBe('wifi');
  });

  it("stems every word as the library's own (memoising) stemWord does", () => {
    const library = new StemmerRu();
    const endings = ['', 'а', 'ами', 'ов', 'ой', 'ыми', 'ешь', 'ться', 'лись', 'ость', 'ейший', 'ующих', 'ёй', 'ия'];
    const roots = ['контейнер', 'дорог', 'переполн', 'отоплени', 'жкх', 'управляющ', 'ям', 'свет', 'подъезд', 'мусор'];
    const words = roots.flatMap((root) => endings.map((ending) => root + ending));
    for (const word of [...words, 'а', 'и', 'ёлка', 'быстрее', 'красивейший']) {
      expect(snowballStem(word), word).toBe(library.stemWord(word));
      expect(snowballStem(word), word).toBe(snowballStem(word));
    }
  });

  it('drops function words but keeps negation', () => {
    expect(isStopWord('и')).toBe(true);
    expect(isStopWord('не')).toBe(false);
    expect(isStopWord('нет')).toBe(false);
  });

  it('gives inflected forms shared features', () => {
    const a = new Set(extractFeatures('не вывозят мусор').buckets);
    const b = extractFeatures('мусора не вывозили');
    expect([...b.buckets].some((bucket) => a.has(bucket))).toBe(true);
  });
});

describe('case folding while scanning', () => {
  /** Tokens as defined: runs of token characters of the lower-cased text with ё → е. */
  const plainTokens = (text: string): string[] => {
    const tokens: string[] = [];
    let current = '';
    for (const ch of normalizeText(text) + ' ') {
      if (ch.length === 1 && isTokenChar(ch.charCodeAt(0))) current += ch;
      else if (current) {
        tokens.push(current);
        current = '';
      }
    }
    return tokens;
  };

  it.each([
    'ЁЛКИ Зелёные ЁЖИК',
    'Нет ВОДЫ в доме №5, звонил XXXX XX',
    'İstanbul KELVIN Kelvin-sign',
    'ÀÉÎ Ölçer straße ΣΊΣΥΦΟΣ',
    'ЇЖАК Ґанок ЄВРО ЎЗЕЛ І',
    '<P>ЯМА&nbsp;НА ДОРОГЕ</P> WWW.GOROD.RU MAIL@SITE.RU',
    'aЁb_ЦЕ_x',
    '',
  ])('%s', (text) => {
    expect(analyzeText(text)).toEqual(plainTokens(text));
  });

  it('folds every code point as toLowerCase and ё → е would, or leaves it to prepareText', () => {
    const wrong: number[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp += 1) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      const lower = ch.toLowerCase();
      let givesToken = false;
      for (let i = 0; i < lower.length; i += 1)
        if (isTokenChar(lower.charCodeAt(i) === 0x451 ? 0x435 : lower.charCodeAt(i))) givesToken = true;
      const single = lower.length === 1 ? (lower.charCodeAt(0) === 0x451 ? 0x435 : lower.charCodeAt(0)) : 0;
      const expected = isTokenChar(single) ? single : 0;
      const ok = hasUnfoldable(ch) ? givesToken : ch.length === 1 ? foldTokenChar(cp) === expected : !givesToken;
      if (!ok) wrong.push(cp);
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('keeps the case in prepared text and lower-cases only what it cannot fold', () => {
    expect(prepareText('Нет ВОДЫ 5')).toBe('Нет ВОДЫ  _num_ ');
    expect(prepareText('İzmir')).toBe('i̇zmir');
  });
});
