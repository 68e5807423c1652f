import { describe, expect, it } from 'vitest';
import { DEFAULT_TAXONOMY } from '../../../../shared/reference/taxonomy';
import { classifyMessage } from '../hierarchy';
import { loadDefaultClassifier } from './load-default';
import { DEFAULT_SEEDS, seedExamples } from './seeds';

// Sentences written for this test (none of them is a training seed): [text, block, category?].
const CASES: readonly (readonly [string, string, string?])[] = [
  ['В Рыбинске на улице Крестовой третью неделю не вывозят мусор, контейнеры переполнены', 'tko', 'collection'],
  ['огромные ямы на дороге', 'roads', 'potholes'],
  ['в поликлинике невозможно записаться к терапевту', 'health', 'appointment'],
  ['в школе холодно, не работает отопление', 'education', 'school_conditions'],
  ['автобус не ходит по расписанию', 'transport', 'schedule'],
  ['задерживают выплату пособия многодетной семье', 'social'],
  ['В квартире на Урицкого батареи ледяные, отопления нет с понедельника', 'zhkh', 'heating'],
  ['В Ростове вторые сутки нет холодной воды', 'zhkh', 'water'],
  ['В подвале прорвало канализацию, запах по всему дому', 'zhkh', 'sewage'],
  ['Крыша протекает, после дождя в квартире лужи на полу', 'zhkh', 'roof'],
  ['Управляющая компания полгода не убирает подъезд', 'zhkh', 'building'],
  ['Во дворе не чистят снег, к подъезду не подойти', 'zhkh', 'yard_snow'],
  ['Неправильно начислили плату за горячую воду в квитанции', 'zhkh', 'bills'],
  ['Подрядчик бросил капремонт фасада нашего дома', 'zhkh', 'capital_repair'],
  ['В лесу у Тутаева выросла свалка строительного мусора', 'tko', 'dumps'],
  ['Просим поставить новые мусорные контейнеры, старые сгнили', 'tko', 'sites'],
  ['Пришла квитанция за вывоз мусора на умершего родственника', 'tko', 'tko_fee'],
  ['В Угличе пропал свет на всей улице Ленина', 'energy', 'outage'],
  ['На улице Победы не горят фонари, вечером темно', 'energy', 'street_light'],
  ['Когда в деревню проведут газ? Ждём газификацию много лет', 'energy', 'gasification'],
  ['В подъезде чувствуется запах газа', 'energy', 'gas'],
  ['Не дают место в детском саду для ребёнка двух лет', 'education', 'kindergarten'],
  ['В школьной столовой детей кормят холодной едой', 'education', 'meals'],
  ['В школе нет учителя физики с сентября', 'education', 'learning'],
  ['Скорая ехала к ребёнку больше часа', 'health', 'ambulance'],
  ['В аптеке не выдают льготные лекарства по рецепту', 'health', 'drugs'],
  ['В районной больнице не осталось ни одного педиатра', 'health', 'staff_shortage'],
  ['Не работает светофор на перекрёстке у рынка', 'roads', 'traffic_control'],
  ['Вдоль дороги к школе нет тротуара, дети идут по обочине', 'roads', 'sidewalks'],
  ['Дорогу не чистят от снега, машины застревают', 'roads', 'road_snow'],
  ['После дождя дорогу на улице Мира затопило', 'roads', 'road_flooding'],
  ['Водитель маршрутки хамит пассажирам', 'transport', 'crew'],
  ['В автобусе не принимают оплату транспортной картой', 'transport', 'fares'],
  ['Остановка без навеса, ждём автобус под снегом', 'transport', 'stops'],
  ['Наш дом аварийный, когда нас расселят?', 'social', 'housing'],
  ['Для инвалида-колясочника нет пандуса у подъезда', 'social', 'disability'],
  ['Семье участника СВО отказали в льготе', 'social', 'benefits'],
  ['На детской площадке сломана карусель', 'improvement', 'yards'],
  ['Сухое дерево может упасть на детей во дворе школы', 'improvement', 'greenery'],
  ['Бездомные собаки нападают на прохожих у остановки', 'other', 'animals'],
  ['В посёлке пропала мобильная связь и интернет', 'other', 'telecom'],
];

describe('default classifier', () => {
  const models = loadDefaultClassifier();

  it('has seeds for every block and category of the default taxonomy (incl. each «прочие»)', () => {
    const seeded = new Map(DEFAULT_SEEDS.map((s) => [s.block, Object.keys(s.categories).sort()]));
    for (const block of DEFAULT_TAXONOMY) expect(seeded.get(block.code)).toEqual(block.categories.map((c) => c.code).sort());
    for (const seed of DEFAULT_SEEDS) {
      for (const [code, category] of Object.entries(seed.categories)) {
        expect(category.examples.length, `${seed.block}.${code}`).toBeGreaterThanOrEqual(8);
      }
    }
    expect(seedExamples().length).toBeGreaterThan(900);
  });

  it('places the issue\'s typical messages correctly', () => {
    for (const [text, block, category] of CASES.slice(0, 6)) {
      const result = classifyMessage(models, text);
      expect(result.block, text).toBe(block);
      if (category) expect(result.category, text).toBe(category);
    }
    expect(['payments', 'families']).toContain(classifyMessage(models, CASES[5]?.[0] ?? '').category);
  });

  it('places the test table with high accuracy', () => {
    let blocks = 0;
    let categories = 0;
    const misses: string[] = [];
    for (const [text, block, category] of CASES) {
      const r = classifyMessage(models, text);
      if (r.block === block) blocks += 1;
      if (!category || (r.block === block && r.category === category)) categories += 1;
      else misses.push(`${text} → ${r.block}.${r.category}`);
    }
    expect(blocks / CASES.length, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(categories / CASES.length, misses.join('\n')).toBeGreaterThanOrEqual(0.85);
  });

  it('returns a calibrated confidence and ordered alternatives', () => {
    const r = classifyMessage(models, 'огромные ямы на дороге', { top: 4 });
    expect(r.confidence).toBeGreaterThan(0.3);
    expect(r.confidence).toBeLessThanOrEqual(1);
    expect(r.top).toHaveLength(4);
    expect(r.top[0]).toEqual({ block: r.block, category: r.category, score: r.confidence });
    const empty = classifyMessage(models, '');
    expect(empty.confidence).toBeLessThan(0.5);
  });

  it('is cached', () => {
    expect(loadDefaultClassifier()).toBe(models);
  });
});
