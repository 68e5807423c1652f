import { describe, expect, it } from 'vitest';
import { assessUrgency } from './assess-urgency';
import type { FlagDef } from './lexicon';

const WINTER = new Date('2025-01-15T09:00:00Z');
const SUMMER = new Date('2025-07-15T09:00:00Z');

const codes = (text: string, at: Date = SUMMER): string[] =>
  assessUrgency(text, { at })
    .flags.map((f) => f.code)
    .sort();

describe('assessUrgency: flags', () => {
  it.each([
    ['Во дворе висят оголённые провода', ['life_threat']],
    ['Обрушился балкон на третьем этаже', ['life_threat']],
    ['Сильный запах газа в подъезде', ['life_threat']],
    ['Пахнет газом на лестнице', ['life_threat']],
    ['Упало дерево на машину', ['life_threat']],
    ['Огромные сосульки над входом', ['life_threat']],
    ['Пожар в соседнем доме, дым валит', ['life_threat']],
    ['Ждёте, пока не рухнет крыша?', ['life_threat']],
    ['Открыт канализационный люк у школы', ['children', 'life_threat']],
    ['ДТП на перекрёстке, столкнулись две машины', ['accident']],
    ['Авария на водопроводе, затопило улицу', ['accident']],
    ['Третий день нет света', ['outage']],
    ['Отключили воду без предупреждения', ['outage']],
    ['Горячей воды нет вторую неделю', ['outage']],
    ['Дети играют на стройке', ['children']],
    ['В детском саду холодно', ['children']],
    ['Да вы там охренели совсем, бля', ['obscenity']],
    ['Это пиздец, а не дорога', ['obscenity']],
    ['Если не сделаете, я вас найду, пожалеете', ['threat']],
    ['Сосед угрожает расправой', ['threat']],
    ['Если не сделаете дорогу, перекроем трассу и выйдем на митинг', ['protest']],
    ['Жители угрожают перекрыть дорогу на Ярославль', ['protest']],
    ['Уроды из управляющей компании, сволочи', ['insult']],
    ['Чиновники — воры и бездельники', ['insult']],
  ])('%s → %j', (text, expected) => {
    expect(codes(text)).toEqual(expected);
  });

  it.each([
    'Отопление дали, спасибо',
    'Свет не отключали, вопрос по квитанции',
    'Запаха газа нет, проверяли',
    'Угрозы жизни нет, но неприятно',
    'Пожарный гидрант заставлен машинами',
    'Газон разрыт, водитель автобуса грубит',
    'Светофор на перекрёстке не работает',
    'Аварийный дом на ул. Свободы ждёт расселения',
    'Купил хлеб, небо ясное, учебник потерял',
    'Бляха ремня сломалась, сучок торчит из забора',
    'Куда деть старую мебель?',
    'Без аварий и пострадавших, всё спокойно',
    'Дорогу перекрыли на ремонт, где объезд?',
    'Пикет ГИБДД стоит на переходе',
    'Мусор после митинга, посвящённого Дню Победы',
    'Воры украли крышку люка у дома',
    'Уродливый забор у стройки, в подвале крысы',
  ])('no flag in «%s»', (text) => {
    expect(codes(text, WINTER)).toEqual([]);
  });

  it('reports the words that fired, merged when they overlap', () => {
    const r = assessUrgency('Висят оголённые провода у подъезда', { at: SUMMER });
    expect(r.flags[0]?.triggers).toEqual(['Висят оголённые провода']);
    expect(r.flags[0]?.label).toBe('Угроза жизни или здоровью');
  });
});

describe('assessUrgency: season and priority', () => {
  it.each([
    ['Нет отопления, батареи ледяные', WINTER, 'critical', true],
    ['Нет отопления, батареи ледяные', SUMMER, 'high', false],
    ['Нет горячей воды', WINTER, 'high', true],
    ['Нет горячей воды', SUMMER, 'high', false],
    ['Не топят третий день', new Date('2024-10-20T09:00:00Z'), 'critical', true],
    ['Нет отопления', undefined, 'high', false],
  ] as const)('%s at %s → %s (winter flag: %s)', (text, at, priority, winter) => {
    const r = assessUrgency(text, at ? { at } : {});
    expect(r.priority).toBe(priority);
    expect(r.flags.some((f) => f.code === 'winter_no_heat')).toBe(winter);
  });

  it.each([
    ['Всё хорошо, спасибо за работу', 'normal'],
    ['Нецензурно: бля', 'normal'],
    ['Дети гуляют во дворе', 'normal'],
    ['ДТП у моста', 'high'],
    ['ДТП у школы, сбили ребёнка', 'critical'],
    ['Зимой нет горячей воды, в доме маленькие дети', 'critical'],
    ['Оголённые провода', 'critical'],
  ] as const)('%s → %s', (text, priority) => {
    expect(assessUrgency(text, { at: WINTER }).priority).toBe(priority);
  });

  it('honours custom cold months and a custom lexicon', () => {
    expect(codes('Нет отопления', new Date('2025-05-20T09:00:00Z'))).not.toContain('winter_no_heat');
    const may = assessUrgency('Нет отопления', { at: new Date('2025-05-20T09:00:00Z'), coldMonths: [5] });
    expect(may.flags.map((f) => f.code)).toContain('winter_no_heat');
    const lexicon: FlagDef[] = [{ code: 'bees', label: 'Пчёлы', priority: 'high', phrases: ['пчел', 'ос$'] }];
    expect(assessUrgency('Рой пчёл у школы', { lexicon })).toEqual({
      priority: 'high',
      flags: [{ code: 'bees', label: 'Пчёлы', triggers: ['пчёл'] }],
    });
  });
});
