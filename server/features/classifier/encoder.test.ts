import { describe, expect, it } from 'vitest';
import { createEncoder } from './encoder';
import { scoreText, scoreVector } from './model';
import { DEFAULT_FEATURE_OPTIONS, extractFeatures } from './text/features';
import { trainModel } from './train';
import { buildRowLookup, fitVocabulary, vectorize } from './vectorizer';

const corpus = [
  'Во дворе не вывозят мусор, контейнеры переполнены',
  'Мусор не вывозят третью неделю',
  '<p>Огромные ямы на дороге&nbsp;по улице Ленина</p>',
  'Яма на дороге у дома 5, ямы не ремонтируют',
  'В доме нет горячей воды, нет воды уже 3 дня',
  'Нет горячей воды в доме XXXX',
];

describe('prediction encoder', () => {
  it('produces exactly the training vectors (the same feature path)', () => {
    const bags = corpus.map((text) => extractFeatures(text));
    const vocabulary = fitVocabulary(bags, DEFAULT_FEATURE_OPTIONS, { minDf: 1, maxDfShare: 1, charWeight: 1 });
    const lookup = buildRowLookup(vocabulary);
    // the second encoder forgets its tokens every 5 new ones, so its records are rewritten many times
    for (const encoder of [createEncoder(vocabulary), createEncoder(vocabulary, undefined, 5)]) {
      for (const text of [...corpus, 'совсем другой текст про воду и мусор', '', 'мусор мусор мусор']) {
        const expected = vectorize(extractFeatures(text), vocabulary, lookup);
        for (let pass = 0; pass < 2; pass += 1) {
          const actual = encoder.encode(text);
          const asMap = (v: { indices: Int32Array; values: Float32Array }) =>
            new Map([...v.indices].map((row, i) => [row, v.values[i]]));
          expect(asMap(actual)).toEqual(asMap(expected));
        }
      }
    }
  });
});

describe('split scoring (memoised character scores per token)', () => {
  const labelled = corpus.map((text, i) => ({
    text,
    label: ['мусор', 'мусор', 'дороги', 'дороги', 'вода', 'вода'][i] ?? '',
  }));
  const texts = [
    ...corpus,
    'мусор мусор мусор, и снова мусор',
    'дорога дорогая, дороги дорожные',
    'ааааааааа аааааааа',
    '',
    'XXXX 5',
    // Hundreds of repeated n-grams (more than the encoder's first buffers hold).
    Array.from({ length: 40 }, (_, i) => `${corpus.join(' ')} слово${i} дорога${i % 7}`).join(' '),
  ];
  for (const features of [{}, { charMode: 'all', charMin: 3, charMax: 6 } as const]) {
    it(`scores exactly as the full vector (${JSON.stringify(features)})`, () => {
      const model = trainModel(labelled, { features, vocabulary: { minDf: 1 }, evaluation: 'none' });
      const encoder = createEncoder(model.vocabulary);
      // a text again exactly 255 and 555 texts later (the encoder's one-byte text numbers start again after 255)
      const [a = '', b = ''] = [corpus[2], corpus[0]];
      const many = [a, ...Array<string>(254).fill(b), a, ...Array<string>(299).fill(b), a, ...texts];
      for (let pass = 0; pass < 2; pass += 1) {
        for (const text of pass === 0 ? many : texts) {
          const expected = new Float64Array(model.labels.length);
          scoreVector(model, encoder.encode(text), expected);
          const actual = scoreText(model, text);
          expect(actual.length).toBe(expected.length);
          actual.forEach((score, j) => expect(score).toBeCloseTo(expected[j] ?? 0, 5));
        }
      }
    });
  }
});
