import type { Passport } from '../../../shared/api/projects';

// A passport as a block owner fills it in: one indicator computed from the platform (on-time share by month), one
// counting a category's cases in a municipality, one entered by hand.
export function samplePassport(name = 'Тёплый дом', municipalityId: number | null = null): Passport {
  return {
    name,
    goals: ['Сократить число жалоб на отопление'],
    socialResults: ['Жители получают тепло без перебоев'],
    indicators: [
      {
        code: 'on_time',
        title: 'Доля ответов в срок',
        unit: '%',
        direction: 'up',
        method: 'Доля обращений с ответом не позднее срока',
        source: { kind: 'platform', figure: 'on_time_share', categoryCode: null, municipalityId: null },
        plan: [
          { year: 2026, month: 3, value: 90 },
          { year: 2026, month: 4, value: 90 },
          { year: 2026, month: null, value: 95 },
        ],
      },
      {
        code: 'heating_cases',
        title: 'Жалобы на отопление',
        unit: 'шт.',
        direction: 'down',
        method: 'Число обращений категории «Отопление» в муниципалитете',
        source: { kind: 'platform', figure: 'case_volume', categoryCode: 'heating', municipalityId },
        plan: [{ year: 2026, month: 3, value: 1 }],
      },
      {
        code: 'boilers',
        title: 'Модернизированные котельные',
        unit: 'шт.',
        direction: 'up',
        method: 'По данным департамента',
        source: { kind: 'manual' },
        plan: [{ year: 2026, month: 6, value: 3 }],
      },
    ],
    results: [{ title: 'Котельные модернизированы', year: 2026, value: 12, unit: 'шт.' }],
    controlPoints: [
      { title: 'Проект котельной согласован', date: '2026-04-15' },
      { title: 'Пуск котельной', date: '2026-10-01' },
    ],
    curator: 'Куратор К. К.',
    head: 'Руководитель Р. Р.',
    administrator: 'Администратор А. А.',
    team: [{ name: 'Иванов И. И.', role: 'Аналитик', share: 50 }],
    risks: ['Срыв поставки оборудования'],
    successCriteria: ['Доля ответов в срок не ниже 95%'],
  };
}
