// Default regional problem taxonomy (blocks and categories), after the ЦУР practice summarised in
// the project's reference notes. It is only the seed: the taxonomy lives in the database and admins edit it.
export interface CategoryDef {
  readonly code: string;
  readonly name: string;
}
export interface BlockDef {
  readonly code: string;
  readonly name: string;
  /** Blocks named by the decree are mandatory; the rest are extras common in practice. */
  readonly mandatory: boolean;
  readonly categories: readonly CategoryDef[];
}

/** Every block also has a catch-all «прочие» bucket with this category code. */
export const OTHER_CATEGORY_CODE = 'other';
export const OTHER_CATEGORY_NAME = 'Прочие по направлению';

const cats = (pairs: readonly (readonly [string, string])[]): CategoryDef[] => [
  ...pairs.map(([code, name]) => ({ code, name })),
  { code: OTHER_CATEGORY_CODE, name: OTHER_CATEGORY_NAME },
];

export const DEFAULT_TAXONOMY: readonly BlockDef[] = [
  {
    code: 'zhkh',
    name: 'ЖКХ',
    mandatory: true,
    categories: cats([
      ['heating', 'Отопление'],
      ['water', 'Холодное и горячее водоснабжение'],
      ['sewage', 'Водоотведение и канализация'],
      ['building', 'Содержание МКД и работа управляющих компаний'],
      ['roof', 'Кровля, протечки, наледь и сосульки'],
      ['capital_repair', 'Капитальный ремонт'],
      ['bills', 'Плата за ЖКУ и начисления'],
      ['yard_snow', 'Уборка дворов от снега и наледи'],
    ]),
  },
  {
    code: 'tko',
    name: 'ТКО',
    mandatory: true,
    categories: cats([
      ['collection', 'Несвоевременный вывоз ТКО'],
      ['sites', 'Контейнерные площадки и контейнеры'],
      ['dumps', 'Стихийные свалки'],
      ['tko_fee', 'Плата за вывоз ТКО'],
      ['bulky', 'Крупногабаритные отходы и раздельный сбор'],
    ]),
  },
  {
    code: 'energy',
    name: 'Энергетика',
    mandatory: true,
    categories: cats([
      ['outage', 'Отключения электроэнергии'],
      ['power_quality', 'Качество электроснабжения, ЛЭП и опоры'],
      ['gas', 'Газоснабжение'],
      ['gasification', 'Газификация (подключение, сроки, стоимость)'],
      ['street_light', 'Уличное освещение'],
    ]),
  },
  {
    code: 'education',
    name: 'Образование',
    mandatory: true,
    categories: cats([
      ['kindergarten', 'Детские сады: места и очередь'],
      ['school_conditions', 'Школы: здания, ремонт, отопление'],
      ['meals', 'Питание в школах и детских садах'],
      ['school_transport', 'Подвоз и безопасность детей'],
      ['learning', 'Учебный процесс, экзамены, кадры'],
      ['extra_ed', 'Дополнительное образование и летний отдых'],
    ]),
  },
  {
    code: 'health',
    name: 'Здравоохранение',
    mandatory: true,
    categories: cats([
      ['appointment', 'Запись к врачу и очереди'],
      ['drugs', 'Лекарственное обеспечение и льготные лекарства'],
      ['staff_shortage', 'Нехватка врачей и доступность медпомощи'],
      ['ambulance', 'Скорая помощь'],
      ['care_quality', 'Качество медпомощи и этика'],
      ['facilities', 'Состояние медицинских учреждений'],
    ]),
  },
  {
    code: 'roads',
    name: 'Дороги',
    mandatory: true,
    categories: cats([
      ['potholes', 'Ямы и ремонт дорог'],
      ['road_snow', 'Уборка дорог от снега и наледи'],
      ['sidewalks', 'Тротуары и пешеходные переходы'],
      ['traffic_control', 'Светофоры, знаки, разметка'],
      ['parking', 'Парковки'],
      ['road_flooding', 'Ливнёвка и подтопление дорог'],
    ]),
  },
  {
    code: 'transport',
    name: 'Транспорт',
    mandatory: true,
    categories: cats([
      ['schedule', 'Расписание и интервалы движения'],
      ['routes', 'Маршруты: открыть, изменить, сохранить'],
      ['vehicles', 'Состояние транспорта и условия проезда'],
      ['crew', 'Поведение водителей и кондукторов'],
      ['fares', 'Оплата проезда, льготы, транспортные карты'],
      ['stops', 'Остановочные пункты'],
    ]),
  },
  {
    code: 'social',
    name: 'Социальная защита',
    mandatory: true,
    categories: cats([
      ['payments', 'Выплаты и пособия'],
      ['families', 'Поддержка семей с детьми и многодетных'],
      ['benefits', 'Льготы пенсионерам, ветеранам, участникам СВО и их семьям'],
      ['disability', 'Инвалиды и доступная среда'],
      ['social_services', 'Социальное обслуживание и учреждения'],
      ['housing', 'Улучшение жилищных условий, аварийное жильё'],
    ]),
  },
  {
    code: 'improvement',
    name: 'Благоустройство',
    mandatory: false,
    categories: cats([
      ['yards', 'Дворы и детские площадки'],
      ['greenery', 'Зелёные насаждения, аварийные деревья, покос'],
      ['public_spaces', 'Парки и общественные пространства'],
      ['cleaning', 'Уборка общественных территорий'],
    ]),
  },
  {
    code: 'other',
    name: 'Прочее',
    mandatory: false,
    categories: cats([
      ['animals', 'Безнадзорные животные'],
      ['telecom', 'Связь и интернет'],
      ['trade', 'Торговля'],
      ['culture_sport', 'Культура и спорт'],
      ['ecology', 'Экология'],
    ]),
  },
];
