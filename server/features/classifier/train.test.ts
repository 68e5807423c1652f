import { describe, expect, it } from 'vitest';
import { predict, scoreText } from './model';
import { deserializeModel, serializeModel } from './serialize';
import { trainModel, type TrainingExample } from './train';

// A small synthetic data set written for these tests: four labels, varied wording.
const SYNTHETIC: Readonly<Record<string, readonly string[]>> = {
  water: [
    'Нет горячей воды в доме',
    'Третий день нет холодной воды',
    'Из крана течёт ржавая вода',
    'Отключили воду без предупреждения',
    'Слабый напор воды на пятом этаже',
    'Вода идёт только холодная',
    'Когда дадут горячую воду?',
    'Грязная вода из-под крана',
    'Нет воды во всём подъезде',
    'Прорвало водопровод, воды нет',
  ],
  waste: [
    'Не вывозят мусор неделю',
    'Контейнеры переполнены мусором',
    'Мусор валяется вокруг баков',
    'Мусоровоз не приезжал',
    'Переполнена контейнерная площадка',
    'Вывоз мусора сорван',
    'Баки стоят полные, мусор не вывезли',
    'Свалка мусора у контейнеров',
    'Мусор не забирают с площадки',
    'Когда вывезут мусор?',
  ],
  roads: [
    'Огромные ямы на дороге',
    'Разбитый асфальт на проезжей части',
    'Яма на перекрёстке, повредил колесо',
    'Дорогу не ремонтировали десять лет',
    'Провал асфальта на улице',
    'Сплошные выбоины на дороге',
    'Отремонтируйте дорогу к школе',
    'Ямы после зимы на дороге',
    'Колея и ямы на трассе',
    'Асфальт разрушен, ямы',
  ],
  bus: [
    'Автобус не ходит по расписанию',
    'Маршрутка не пришла, ждали час',
    'Большие интервалы движения автобуса',
    'Отменили рейс автобуса',
    'Автобус номер пять ходит редко',
    'Нет вечерних рейсов автобуса',
    'Автобус опаздывает каждый день',
    'Расписание автобуса не соблюдается',
    'Маршрутки ходят раз в час',
    'Автобус проехал мимо остановки',
  ],
};

const examples: TrainingExample[] = Object.entries(SYNTHETIC).flatMap(([label, texts]) =>
  texts.map((text) => ({ text, label })),
);
const now = () => new Date('2026-01-02T03:04:05Z');

describe('trainModel / predict', () => {
  const model = trainModel(examples, { now, description: 'synthetic' });

  it('learns the synthetic labels', () => {
    expect(predict(model, 'во дворе третью неделю не вывозят мусор').label).toBe('waste');
    expect(predict(model, 'на дороге огромная яма').label).toBe('roads');
    expect(predict(model, 'нет горячей воды').label).toBe('water');
    expect(predict(model, 'автобус опять не пришёл по расписанию').label).toBe('bus');
  });

  it('returns calibrated probabilities, best first', () => {
    const p = predict(model, 'мусор не вывозят', { top: 3 });
    expect(p.top).toHaveLength(3);
    expect(p.top[0]?.label).toBe(p.label);
    expect(p.confidence).toBe(p.top[0]?.score);
    expect(p.confidence).toBeGreaterThan(0.25);
    expect(p.confidence).toBeLessThanOrEqual(1);
    for (let i = 1; i < p.top.length; i += 1) expect(p.top[i]?.score).toBeLessThanOrEqual(p.top[i - 1]?.score ?? 1);
    const all = predict(model, 'мусор не вывозят', { top: 10 });
    expect(all.top.reduce((sum, t) => sum + t.score, 0)).toBeCloseTo(1, 6);
  });

  it('handles empty text', () => {
    const p = predict(model, '');
    expect(model.labels).toContain(p.label);
    expect(p.confidence).toBeGreaterThan(0);
  });

  it('records metadata with held-out evaluation', () => {
    expect(model.metadata.createdAt).toBe('2026-01-02T03:04:05.000Z');
    expect(model.metadata.trainingSize).toBe(40);
    expect(model.metadata.labelCounts).toEqual({ bus: 10, roads: 10, waste: 10, water: 10 });
    expect(model.metadata.evaluation?.method).toContain('cross-validation');
    expect(model.metadata.evaluation?.macroF1).toBeGreaterThan(0.5);
    expect(model.metadata.description).toBe('synthetic');
    expect(model.temperature).toBeGreaterThan(0);
  });

  it('chooses character n-grams, balancing and centroid blend on the cross-validation folds, unless they are fixed', () => {
    const tried = model.metadata.evaluation?.tuning ?? [];
    // all-position n-grams (slower to predict) must win by 0.005
    const chars = (tried[1]?.macroF1 ?? 0) >= (tried[0]?.macroF1 ?? 0) + 0.005 ? 'all' : 'prefix';
    expect(tried.map((t) => `${t.charMode}/${t.balancePower}/${t.centroidWeight}`)).toEqual([
      'prefix/0.75/0',
      'all/0.75/0',
      `${chars}/1/0`,
      `${chars}/0.75/0.5`,
      `${chars}/1/0.5`,
    ]);
    const eligible = tried.filter((t, i) => i !== 1 || chars === 'all');
    expect(model.metadata.evaluation?.macroF1).toBe(Math.max(...eligible.map((t) => t.macroF1)));
    const fixedBalance = trainModel(examples, { now, svm: { balancePower: 1 }, features: { charMode: 'prefix' } });
    expect(fixedBalance.metadata.evaluation?.tuning?.map((t) => t.balancePower)).toEqual([1, 1]);
    const fixed = trainModel(examples, { now, svm: { balancePower: 1 }, centroidWeight: 0 });
    expect(fixed.metadata.evaluation?.tuning?.map((t) => t.charMode)).toEqual(['prefix', 'all']);
    const allFixed = trainModel(examples, {
      now,
      svm: { balancePower: 1 },
      centroidWeight: 0,
      features: { charMode: 'prefix' },
    });
    expect(allFixed.metadata.evaluation?.tuning).toBeUndefined();
    expect(trainModel(examples, { now, tune: false }).metadata.evaluation?.tuning).toBeUndefined();
    const holdout = trainModel(examples, { now, evaluation: { holdout: 0.25 } });
    expect(holdout.metadata.evaluation?.tuning?.map((t) => t.charMode)).toEqual(['prefix', 'all']);
  });

  it('ignores examples without a label and rejects an empty set', () => {
    const m = trainModel([...examples, { text: 'без метки', label: '' }], { evaluation: 'none', now });
    expect(m.metadata.trainingSize).toBe(40);
    expect(() => trainModel([{ text: 'x', label: '' }])).toThrow(/no labelled examples/);
  });

  it('works with a single label', () => {
    const m = trainModel([
      { text: 'один', label: 'only' },
      { text: 'два', label: 'only' },
    ]);
    expect(predict(m, 'что угодно')).toMatchObject({ label: 'only', confidence: 1 });
  });

  it('is reproducible', () => {
    const again = trainModel(examples, { now, description: 'synthetic' });
    expect(
      Buffer.from(serializeModel(again)).equals(
        Buffer.from(
          serializeModel({ ...model, metadata: { ...model.metadata, trainSeconds: again.metadata.trainSeconds } }),
        ),
      ),
    ).toBe(true);
  });
});

describe('centroid blend', () => {
  // Same seed and no pruning, so two models differ only by the centroid term.
  const fit = (centroidWeight: number, centroidReach = 1000) =>
    trainModel(examples, { evaluation: 'none', pruneRatio: 0, centroidWeight, centroidReach });
  const plain = fit(0);
  const full = fit(1);
  const half = fit(1, 2.5);
  const diff = (model: ReturnType<typeof fit>, text: string): number[] => {
    const a = scoreText(model, text);
    const b = scoreText(plain, text);
    return [...a].map((v, k) => v - (b[k] ?? 0));
  };

  it("adds each class's cosine to its centroid, largest for the text's own class", () => {
    for (const [label, texts] of Object.entries(SYNTHETIC)) {
      const text = texts[0] ?? '';
      const d = diff(full, text);
      for (const v of d) {
        expect(v).toBeGreaterThanOrEqual(-1e-3);
        expect(v).toBeLessThanOrEqual(Math.SQRT2 + 1e-3); // the word and character blocks are unit length each
      }
      const own = plain.labels.indexOf(label);
      expect(Math.max(...d)).toBe(d[own]);
      expect(d[own]).toBeGreaterThan(0.2);
    }
  });

  it('shrinks the centroid of classes with more examples than its reach', () => {
    // Ten examples per class, reach 2.5: each centroid counts √(2.5 / 10) = half.
    const text = SYNTHETIC.bus?.[3] ?? '';
    const own = plain.labels.indexOf('bus');
    expect((diff(half, text)[own] ?? 0) / (diff(full, text)[own] ?? 1)).toBeCloseTo(0.5, 2);
  });
});

describe('serializeModel / deserializeModel', () => {
  const model = trainModel(examples, { now });

  it('round-trips exactly', () => {
    const bytes = serializeModel(model);
    const copy = deserializeModel(bytes);
    expect(copy.labels).toEqual(model.labels);
    expect(copy.metadata).toEqual(model.metadata);
    expect(copy.temperature).toBe(model.temperature);
    for (const text of ['нет воды', 'яма', 'мусор', 'автобус', ''])
      expect(predict(copy, text)).toEqual(predict(model, text));
    expect(Buffer.from(serializeModel(copy)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('rejects foreign, damaged and future files', () => {
    const bytes = serializeModel(model);
    expect(() => deserializeModel(new TextEncoder().encode('{"not":"a model"}'))).toThrow(/not an Otklik classifier/);
    expect(() => deserializeModel(bytes.subarray(0, bytes.length - 16))).toThrow(/truncated|inconsistent/);
    const future = serializeModel({ ...model, formatVersion: 99 });
    expect(() => deserializeModel(future)).toThrow(/unsupported model format version 99/);
  });
});
