// Ярославская область: 19 municipal formations since December 2024 (2 городских округа + 17 муниципальных
// округов). Names, types and administrative centres follow the project's reference file; `population` is an
// approximate resident count (census 2021, rounded) and `lat`/`lon` a point for the offline map — both are
// seed values an admin can edit. Points marked `approximatePoint` are the centre's village, not a surveyed value.
export interface MunicipalityDef {
  readonly code: string;
  readonly name: string;
  readonly short: string;
  readonly kind: 'городской округ' | 'муниципальный округ';
  readonly adminCentre: string;
  readonly lat: number;
  readonly lon: number;
  readonly population: number;
  readonly approximatePoint?: boolean;
}

export const REGION_NAME = 'Ярославская область';

export const YAROSLAVL_MUNICIPALITIES: readonly MunicipalityDef[] = [
  { code: 'yaroslavl', name: 'Ярославль', short: 'Ярославль', kind: 'городской округ', adminCentre: 'г. Ярославль', lat: 57.6215, lon: 39.8977, population: 577000 },
  { code: 'rybinsk', name: 'Рыбинск', short: 'Рыбинск', kind: 'городской округ', adminCentre: 'г. Рыбинск', lat: 58.0485, lon: 38.8584, population: 179000 },
  { code: 'pereslavl', name: 'Переславль-Залесский муниципальный округ', short: 'Переславль-Залесский', kind: 'муниципальный округ', adminCentre: 'г. Переславль-Залесский', lat: 56.7361, lon: 38.8544, population: 53000 },
  { code: 'bolshoe_selo', name: 'Большесельский муниципальный округ', short: 'Большесельский', kind: 'муниципальный округ', adminCentre: 'с. Большое Село', lat: 57.933, lon: 39.067, population: 8500, approximatePoint: true },
  { code: 'borisoglebsky', name: 'Борисоглебский муниципальный округ', short: 'Борисоглебский', kind: 'муниципальный округ', adminCentre: 'рп Борисоглебский', lat: 57.265, lon: 39.138, population: 9900, approximatePoint: true },
  { code: 'breitovo', name: 'Брейтовский муниципальный округ', short: 'Брейтовский', kind: 'муниципальный округ', adminCentre: 'с. Брейтово', lat: 58.302, lon: 37.86, population: 6700, approximatePoint: true },
  { code: 'gavrilov_yam', name: 'Гаврилов-Ямский муниципальный округ', short: 'Гаврилов-Ямский', kind: 'муниципальный округ', adminCentre: 'г. Гаврилов-Ям', lat: 57.3091, lon: 39.8546, population: 24000 },
  { code: 'danilov', name: 'Даниловский муниципальный округ', short: 'Даниловский', kind: 'муниципальный округ', adminCentre: 'г. Данилов', lat: 58.186, lon: 40.1795, population: 23000 },
  { code: 'lyubim', name: 'Любимский муниципальный округ', short: 'Любимский', kind: 'муниципальный округ', adminCentre: 'г. Любим', lat: 58.362, lon: 40.6868, population: 9500 },
  { code: 'myshkin', name: 'Мышкинский муниципальный округ', short: 'Мышкинский', kind: 'муниципальный округ', adminCentre: 'г. Мышкин', lat: 57.7882, lon: 38.4544, population: 9000 },
  { code: 'nekouz', name: 'Некоузский муниципальный округ', short: 'Некоузский', kind: 'муниципальный округ', adminCentre: 'с. Новый Некоуз', lat: 57.906, lon: 38.066, population: 14000, approximatePoint: true },
  { code: 'nekrasovskoe', name: 'Некрасовский муниципальный округ', short: 'Некрасовский', kind: 'муниципальный округ', adminCentre: 'рп Некрасовское', lat: 57.663, lon: 40.367, population: 21000, approximatePoint: true },
  { code: 'pervomaisky', name: 'Первомайский муниципальный округ', short: 'Первомайский', kind: 'муниципальный округ', adminCentre: 'рп Пречистое', lat: 58.455, lon: 40.235, population: 9000, approximatePoint: true },
  { code: 'poshekhonye', name: 'Пошехонский муниципальный округ', short: 'Пошехонский', kind: 'муниципальный округ', adminCentre: 'г. Пошехонье', lat: 58.5063, lon: 39.1208, population: 12500 },
  { code: 'rostov', name: 'Ростовский муниципальный округ', short: 'Ростовский', kind: 'муниципальный округ', adminCentre: 'г. Ростов', lat: 57.2051, lon: 39.4379, population: 63000 },
  { code: 'rybinsky', name: 'Рыбинский муниципальный округ', short: 'Рыбинский', kind: 'муниципальный округ', adminCentre: 'г. Рыбинск (не входит в состав)', lat: 58.16, lon: 38.6, population: 25000, approximatePoint: true },
  { code: 'tutaev', name: 'Тутаевский муниципальный округ', short: 'Тутаевский', kind: 'муниципальный округ', adminCentre: 'г. Тутаев', lat: 57.8675, lon: 39.537, population: 53000 },
  { code: 'uglich', name: 'Угличский муниципальный округ', short: 'Угличский', kind: 'муниципальный округ', adminCentre: 'г. Углич', lat: 57.5224, lon: 38.302, population: 46000 },
  { code: 'yaroslavsky', name: 'Ярославский муниципальный округ', short: 'Ярославский', kind: 'муниципальный округ', adminCentre: 'г. Ярославль (не входит в состав)', lat: 57.72, lon: 39.7, population: 68000, approximatePoint: true },
];
