// Text similarity that survives rewording: a small tokenizer, a light Russian suffix stripper, cosine
// over stem sets and Jaccard over character 3-grams of the stems (which catches the endings the
// stripper misses). Also a coarse topic tagger: two texts about disjoint topics (свет vs яма) are
// never the same problem, however much else they share. Self-contained on purpose.

const STOP_WORDS = new Set(
  `
а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже для до его ее ей
если есть еще же за здесь и из или им их к как какая какой ко когда который которая которые кто ли либо мне
мной мы на над наш наша наше наши него нее ней ним них но ну о об он она они оно от очень по под при про с со
так также такой там те тем то того тоже той только том ты у уже чем что чтобы эта эти это этого этой этом этот я
мой моя мое мои свой своя свое свои себе себя ему нам вами ими нашей нашего нашем нашу ваш ваша ваше ваши тот та
тут будет будут может можно нужно просим прошу просьба помогите пожалуйста здравствуйте добрый день уважаемые
уважаемый спасибо заранее примите меры решить решите вопрос проблема проблему обращение жители жителей дом дома
доме улица улице улицы ул д г город города городе район района районе около возле рядом напротив снова опять
уже еще когда сколько можно почему кв квартира
`
    .split(/\s+/u)
    .filter((w) => w.length > 0),
);

const ENDINGS = [
  'иями',
  'ями',
  'ами',
  'ого',
  'его',
  'ому',
  'ему',
  'ыми',
  'ими',
  'ией',
  'иях',
  'иям',
  'ешь',
  'ишь',
  'ете',
  'ите',
  'ила',
  'ала',
  'яла',
  'ело',
  'ило',
  'или',
  'али',
  'ели',
  'ыли',
  'ять',
  'ать',
  'еть',
  'ить',
  'ях',
  'ах',
  'ям',
  'ам',
  'ой',
  'ей',
  'ий',
  'ый',
  'ая',
  'яя',
  'ое',
  'ее',
  'ые',
  'ие',
  'ую',
  'юю',
  'ом',
  'ем',
  'ов',
  'ев',
  'ия',
  'ью',
  'ья',
  'ье',
  'ьи',
  'ть',
  'ет',
  'ут',
  'ют',
  'ит',
  'ат',
  'ят',
  'им',
  'ли',
  'ла',
  'ло',
  'ал',
  'ил',
  'ел',
  'ы',
  'и',
  'а',
  'я',
  'о',
  'е',
  'у',
  'ю',
  'ь',
  'й',
];

const MIN_STEM = 3;
const MAX_STEM = 6;

/** Lower-case words of two or more letters, ё → е, without stop words and numbers; hyphenated
 *  names stay whole («гаврилов-ям» is not «ям»). */
export function contentWords(text: string): string[] {
  const words =
    text
      .toLowerCase()
      .replaceAll('ё', 'е')
      .match(/\p{L}+(?:-\p{L}+)*/gu) ?? [];
  return words.filter((w) => w.length > 1 && !STOP_WORDS.has(w));
}

/** A light stem: reflexive suffix and one inflectional ending off, then at most `maxLength` letters. */
export function stemWord(word: string, maxLength = MAX_STEM): string {
  let w = word.length > 5 ? word.replace(/(ся|сь)$/u, '') : word;
  const ending = ENDINGS.find((e) => w.endsWith(e) && w.length - e.length >= MIN_STEM);
  if (ending) w = w.slice(0, w.length - ending.length);
  return w.slice(0, maxLength);
}

/** Proper names (places, streets) say where, not what: a capitalised word inside a sentence, or a
 *  capitalised heading word before «,» «:» «—» («Ярославль, …», «Кузнечиха: …»). */
const PROPER_NAME = new RegExp(
  '(?<=[\\p{L}\\d,;)»"]\\s+|(?:^|[^\\p{L}])(?:ул|пр|просп|пер|наб|ш|пл|мкр|г|п|пос|с|д)\\.\\s*)\\p{Lu}\\p{L}*(?:-\\p{L}+)*' +
    '|^\\p{Lu}\\p{L}*(?:-\\p{L}+)*(?=\\s*[,:—–-]\\s)',
  'gmu',
);

/** The text without proper names, so two messages about one street do not look alike for that alone. */
export function problemText(text: string): string {
  return text.replace(PROPER_NAME, ' ');
}

export function stemSet(text: string): Set<string> {
  return new Set(contentWords(problemText(text)).map((w) => stemWord(w)));
}

function trigrams(stems: ReadonlySet<string>): Set<string> {
  const grams = new Set<string>();
  for (const s of stems) {
    const padded = `_${s}_`;
    for (let i = 0; i + 3 <= padded.length; i += 1) grams.add(padded.slice(i, i + 3));
  }
  return grams;
}

function intersectionSize<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n += 1;
  return n;
}

export function cosine<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  return a.size === 0 || b.size === 0 ? 0 : intersectionSize(a, b) / Math.sqrt(a.size * b.size);
}

export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  const inter = intersectionSize(a, b);
  const union = a.size + b.size - inter;
  return union === 0 ? 0 : inter / union;
}

/** What a text contributes to every comparison: its stems, their 3-grams and its topics. */
interface TextFeatures {
  readonly stems: ReadonlySet<string>;
  readonly grams: ReadonlySet<string>;
  readonly topics: ReadonlySet<string>;
}

/** Memoised by text: a new message is compared with up to hundreds of open cases, and each open case with every new
 *  message of its place, so the words of a text are read once, not once per pair (same results, bounded memory). */
const FEATURE_CACHE_LIMIT = 20_000;
const features = new Map<string, TextFeatures>();
function featuresOf(text: string): TextFeatures {
  let f = features.get(text);
  if (!f) {
    const stems = stemSet(text);
    f = { stems, grams: trigrams(stems), topics: new Set(contentWords(text).flatMap(wordTopics)) };
    if (features.size >= FEATURE_CACHE_LIMIT) features.clear();
    features.set(text, f);
  }
  return f;
}

/** 0..1: the mean of stem cosine and 3-gram Jaccard. */
export function textSimilarity(a: string, b: string): number {
  const fa = featuresOf(a);
  const fb = featuresOf(b);
  return (cosine(fa.stems, fb.stems) + jaccard(fa.grams, fb.grams)) / 2;
}

/** Coarse problem topics by word stems (prefixes of lower-case words, ё → е); `x$` is an exact word,
 *  for short or ambiguous ones («газ» ⊂ «газон», «долг» ⊂ «долго»). */
const TOPICS: Readonly<Record<string, readonly string[]>> = {
  heating: ['отоплен', 'батаре', 'радиатор', 'топят', 'топит', 'тепл', 'замерза', 'мерзн'],
  water: [
    'вода$',
    'воды$',
    'воду$',
    'водой$',
    'водоснаб',
    'водопровод',
    'кран$',
    'напор',
    'горяч',
    'прорыв',
    'прорвал',
    'порыв',
    'труб',
  ],
  sewage: ['канализ', 'засор', 'фекал', 'септик', 'стоки$', 'нечистот'],
  power: ['свет$', 'света$', 'свету$', 'электр', 'напряжен', 'обесточ', 'лэп$', 'подстанц'],
  street_light: ['фонар', 'освещ', 'темно', 'темнот'],
  gas: ['газ$', 'газа$', 'газом$', 'газоснаб', 'газопровод', 'газифик'],
  road: ['яма$', 'ямы$', 'ям$', 'ямой$', 'ямку$', 'ямки$', 'ямок$', 'выбоин', 'асфальт', 'покрыти', 'колдоб', 'провал'],
  // Where, not what: «на дороге», «на проезжей части» (see WHERE_TOPICS).
  roadway: ['дорог', 'проезж'],
  traffic: ['светофор', 'знак$', 'знака$', 'знаки$', 'знаков$', 'разметк'],
  sidewalk: ['тротуар', 'пешеход', 'переход', 'бордюр'],
  snow: ['снег', 'снеж', 'сугроб', 'налед', 'гололед', 'посып', 'скольз'],
  waste: ['мусор', 'контейнер', 'тко$', 'свалк', 'отход', 'вывоз', 'бак$', 'баки$', 'баков$'],
  transport: ['автобус', 'маршрут', 'троллейб', 'трамва', 'останов', 'расписан'],
  trees: ['дерев', 'спил', 'ветк', 'кустарн', 'покос', 'трава$', 'траву$', 'травы$'],
  // Not «течёт»/«протекает» alone: a tap or a pipe leaks too.
  roof: ['крыш', 'кровл', 'потолок', 'потолк', 'сосул'],
  entrance: ['домофон', 'подъездн', 'двер'],
  hatch: ['люк'],
  lift: ['лифт'],
  playground: ['качел', 'горк', 'песочниц', 'игров', 'карусел'],
  animals: ['собак', 'стая$', 'стаи$', 'бездомн', 'животн'],
  parking: ['парков', 'парку', 'стоянк', 'эвакуат'],
  noise: ['шум', 'громк', 'музык'],
  health: ['врач', 'поликлин', 'больниц', 'запис', 'лекарств', 'скорая$', 'скорой$', 'скорую$', 'фельдшер'],
  bills: ['квитанц', 'начислен', 'оплат', 'тариф', 'перерасч', 'долг$', 'долга$', 'долги$', 'долгов$'],
};

/** Topics that say where the problem is rather than what it is («снег на тротуаре», «люк на тротуаре»). */
export const WHERE_TOPICS: ReadonlySet<string> = new Set(['roadway', 'sidewalk']);

const TOPIC_STEMS: readonly (readonly [string, string])[] = Object.entries(TOPICS).flatMap(([topic, stems]) =>
  stems.map((s) => [topic, s] as const),
);

function wordTopics(word: string): string[] {
  return TOPIC_STEMS.filter(([, stem]) =>
    stem.endsWith('$') ? word === stem.slice(0, -1) : word.startsWith(stem),
  ).map(([topic]) => topic);
}

/** The topics a text talks about (a copy: the memoised set is shared). */
export function topicsOf(text: string): Set<string> {
  return new Set(featuresOf(text).topics);
}

/** The topics a text talks about, read-only and memoised (the scorer's per-pair path). */
export function topicsOfText(text: string): ReadonlySet<string> {
  return featuresOf(text).topics;
}
