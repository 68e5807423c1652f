// Places of Ярославская область as citizens write them, for the demo generator. Each town lists a few ways a
// message names it (the gazetteer must resolve every phrase to the municipality: see demo-places.test.ts) and
// plausible streets. Street names are written with the abbreviation first («ул. Свободы»), so any preposition fits,
// and never after a town name («ул. Ярославская» would point the place detector at the wrong municipality).
export interface DemoTown {
  readonly municipality: string;
  /** Locative phrases used inside a sentence: «в Рыбинске», «в посёлке Семибратово Ростовского округа». */
  readonly phrases: readonly string[];
  readonly streets: readonly string[];
  /** Relative weight: big towns write more. */
  readonly weight: number;
}

const VILLAGE_STREETS = [
  'ул. Центральная', 'ул. Школьная', 'ул. Молодёжная', 'ул. Садовая', 'ул. Новая', 'ул. Полевая', 'ул. Лесная',
  'ул. Заречная', 'ул. Советская', 'ул. Мира', 'ул. Набережная', 'пер. Почтовый',
] as const;

const YAROSLAVL_STREETS = [
  'ул. Свободы', 'пр. Ленина', 'пр. Октября', 'ул. Кирова', 'ул. Чкалова', 'ул. Урицкого', 'ул. Труфанова', 'ул. Громова',
  'ул. Панина', 'ул. Сахарова', 'ул. Республиканская', 'пр. Фрунзе', 'пр. Машиностроителей', 'пр. Дзержинского',
  'ул. Большая Октябрьская', 'ул. Комсомольская', 'ул. Гагарина', 'ул. Суздальская', 'ул. Нефтяников', 'ул. Батова',
  'ул. Ньютона', 'ул. Блюхера', 'ул. Победы', 'ул. Жукова', 'ул. Бабича', 'ул. Строителей', 'ул. Серго Орджоникидзе',
] as const;

export const DEMO_TOWNS: readonly DemoTown[] = [
  { municipality: 'yaroslavl', weight: 40, streets: YAROSLAVL_STREETS, phrases: [
    'в Ярославле', 'в Заволжском районе Ярославля', 'во Фрунзенском районе Ярославля', 'в Дзержинском районе Ярославля',
    'в Красноперекопском районе Ярославля', 'в Ленинском районе Ярославля', 'в Кировском районе Ярославля',
    'в Ярославле, в Брагино', 'на Липовой Горе в Ярославле', 'в Ярославле (Суздалка)', 'в Ярославле в Тверицах',
  ] },
  { municipality: 'rybinsk', weight: 14, phrases: ['в Рыбинске', 'в Рыбинске на Переборах', 'в городе Рыбинске'], streets: [
    'ул. Крестовая', 'пр. Серова', 'ул. Бабушкина', 'ул. Плеханова', 'ул. Ворошилова', 'ул. Гагарина', 'пр. Ленина',
    'ул. Моторостроителей', 'ул. Глеба Успенского', 'ул. Луначарского', 'ул. 9 Мая', 'ул. Кирова', 'ул. Волжская набережная',
  ] },
  { municipality: 'pereslavl', weight: 5, phrases: ['в Переславле-Залесском', 'в Переславле'], streets: [
    'ул. Кардовского', 'ул. Свободы', 'ул. Магистральная', 'ул. Московская', 'ул. Менделеева', 'ул. Маяковского', 'ул. Строителей',
  ] },
  { municipality: 'pereslavl', weight: 1, phrases: ['в посёлке Берендеево Переславль-Залесского округа', 'в селе Купанское'], streets: VILLAGE_STREETS },
  { municipality: 'bolshoe_selo', weight: 1, phrases: ['в Большом Селе', 'в Большесельском округе'], streets: VILLAGE_STREETS },
  { municipality: 'borisoglebsky', weight: 1, phrases: ['в посёлке Борисоглебский', 'в Борисоглебском округе'], streets: VILLAGE_STREETS },
  { municipality: 'breitovo', weight: 1, phrases: ['в селе Брейтово', 'в Брейтовском округе', 'в селе Прозорово'], streets: VILLAGE_STREETS },
  { municipality: 'gavrilov_yam', weight: 2, phrases: ['в Гаврилов-Яме', 'в Гаврилов-Ямском округе'], streets: [
    'ул. Советская', 'ул. Кирова', 'ул. Патарина', 'ул. Менжинского', 'ул. Молодёжная', 'ул. Труфанова',
  ] },
  { municipality: 'gavrilov_yam', weight: 1, phrases: ['в селе Шопша Гаврилов-Ямского округа'], streets: VILLAGE_STREETS },
  { municipality: 'danilov', weight: 2, phrases: ['в Данилове', 'в посёлке Середа Даниловского округа'], streets: [
    'ул. Ленина', 'ул. Карла Маркса', 'ул. Володарского', 'ул. Строителей', 'ул. Циолковского', 'ул. Кооперативная',
  ] },
  { municipality: 'lyubim', weight: 1, phrases: ['в Любиме', 'в Любимском округе'], streets: ['ул. Ленина', 'ул. Карла Либкнехта', 'ул. Набережная', 'ул. Советская'] },
  { municipality: 'myshkin', weight: 1, phrases: ['в Мышкине', 'в Мышкинском округе'], streets: ['ул. Никольская', 'ул. Успенская', 'ул. Ленина', 'ул. Нагорная'] },
  { municipality: 'nekouz', weight: 1, phrases: ['в Новом Некоузе', 'в посёлке Борок Некоузского округа', 'в Некоузском округе'], streets: VILLAGE_STREETS },
  { municipality: 'nekrasovskoe', weight: 2, phrases: [
    'в посёлке Некрасовское', 'в Красном Профинтерне', 'в посёлке Бурмакино Некрасовского округа',
  ], streets: VILLAGE_STREETS },
  { municipality: 'pervomaisky', weight: 1, phrases: ['в посёлке Пречистое', 'в Первомайском округе', 'в селе Кукобой'], streets: VILLAGE_STREETS },
  { municipality: 'poshekhonye', weight: 1, phrases: ['в Пошехонье', 'в Пошехонском округе'], streets: [
    'ул. Преображенского', 'ул. Войнова', 'ул. Красноармейская', 'ул. Советская', 'пл. Свободы',
  ] },
  { municipality: 'rostov', weight: 4, phrases: ['в Ростове Великом', 'в Ростове', 'в г. Ростове'], streets: [
    'ул. Фрунзе', 'ул. Ленинская', 'ул. Спартаковская', 'ул. Пролетарская', 'ул. 50 лет ВЛКСМ', 'ул. Маршала Алексеева', 'ул. Льва Толстого',
  ] },
  { municipality: 'rostov', weight: 2, phrases: [
    'в посёлке Семибратово Ростовского округа', 'в посёлке Петровское Ростовского округа', 'в посёлке Ишня',
  ], streets: VILLAGE_STREETS },
  { municipality: 'rybinsky', weight: 2, phrases: [
    'в посёлке Песочное Рыбинского округа', 'в посёлке Тихменево Рыбинского округа', 'в селе Арефино Рыбинского округа',
  ], streets: VILLAGE_STREETS },
  { municipality: 'tutaev', weight: 5, phrases: ['в Тутаеве', 'в Тутаеве на левом берегу', 'в Тутаевском округе'], streets: [
    'пр. 50-летия Победы', 'ул. Моторостроителей', 'ул. Толбухина', 'ул. Комсомольская', 'ул. Луначарского', 'ул. Строителей',
  ] },
  { municipality: 'tutaev', weight: 1, phrases: ['в посёлке Константиновский Тутаевского округа'], streets: VILLAGE_STREETS },
  { municipality: 'uglich', weight: 4, phrases: ['в Угличе', 'в городе Угличе'], streets: [
    'ул. Победы', 'ул. Академика Опарина', 'ул. Северная', 'ул. Островского', 'ул. Первомайская', 'ул. Зины Золотовой',
  ] },
  { municipality: 'uglich', weight: 1, phrases: ['в селе Улейма Угличского округа', 'в посёлке Отрадный Угличского округа'], streets: VILLAGE_STREETS },
  { municipality: 'yaroslavsky', weight: 5, phrases: [
    'в посёлке Красные Ткачи', 'в Карабихе', 'в селе Туношна Ярославского округа', 'в посёлке Дубки Ярославского округа',
    'в Кузнечихе', 'в селе Курба Ярославского округа', 'в посёлке Лесная Поляна',
  ], streets: VILLAGE_STREETS },
];
