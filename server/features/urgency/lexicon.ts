// Urgency and tone flags as data: each flag is a list of phrases in the syntax of phrase-match.ts
// (stems, exact words `нет$`, regexes `/…/`, gaps `~`). Words with several senses are written as
// regexes of their exact forms: «газ» must not match «газон», «свет» not «светофор», «вод» not «водитель».
import { OBSCENITY_PHRASES, OBSCENITY_EXCEPT } from './obscenity.lexicon';

export type Priority = 'critical' | 'high' | 'normal';

export interface FlagDef {
  readonly code: string;
  /** Russian label shown to the operator. */
  readonly label: string;
  readonly priority: Priority;
  readonly phrases: readonly string[];
  /** Phrases that make this flag critical on their own. */
  readonly criticalPhrases?: readonly string[];
  /** Words up to two before a hit that cancel it («нет угрозы жизни»), unless a breaker precedes them. */
  readonly negators?: readonly string[];
  /** Words right after a hit that cancel it («запаха газа нет»). */
  readonly postNegators?: readonly string[];
  /** Stems of innocent words that a phrase would otherwise catch (бляха). */
  readonly except?: readonly string[];
  /** `cold`: only counts when the message date is in the heating season. */
  readonly season?: 'cold';
  /** One level more urgent when one of these flags is present too (ДТП + дети → critical). */
  readonly escalateWith?: readonly string[];
}

/** Words before a negator that keep the meaning positive: «пока не рухнет», «чуть не сбила». */
export const NEGATION_BREAKERS: readonly string[] = ['пока', 'чуть', 'едва', 'чтобы', 'чтоб', 'ли'];

const LIGHT = '/^(свет|света|свету|светом|электричеств\\p{L}*|электроэнерги\\p{L}*|электроснабжени\\p{L}*)$/';
const WATER = '/^(вода|воды|воду|водой|воде|водоснабжени\\p{L}*)$/';
const GAS = '/^(газ|газа|газу|газом|газоснабжени\\p{L}*)$/';
const HEAT = '/^(отоплени\\p{L}*|тепл[оау]|теплом|теплоснабжени\\p{L}*)$/';

/** «нет света», «без воды», «света нет», «отсутствует газ» for each utility. */
function missing(utility: string): string[] {
  return [`нет ~ ${utility}`, `без ~ ${utility}`, `${utility} ~ нет$`, `отсутств ~ ${utility}`, `${utility} ~ отсутств`];
}

export const URGENCY_LEXICON: readonly FlagDef[] = [
  {
    code: 'life_threat', label: 'Угроза жизни или здоровью', priority: 'critical',
    phrases: [
      'угроз ~ жизн', 'угрожа ~ жизн', 'опасн ~ для жизн', 'угроз ~ здоров', 'угрожа ~ здоров', 'опасно для здоров',
      'обруш', 'обвал', 'рухнул', 'рухнет', 'рухнуть',
      'оголен ~ провод', 'провод ~ оголен', 'оборван ~ провод', 'провод ~ оборван', 'провод ~ висят', 'висят ~ провод',
      'провод ~ искр', 'искрит', 'бьет током', 'ударил ~ током', 'удар током',
      '/^пожар(а|ы|у|ом|е|ов|ами|ах)?$/', 'пожарищ', 'возгоран', 'задымлен', 'пламя', 'подожгли',
      'горит ~ дом', 'горит ~ квартир', 'горит ~ подъезд', 'горит ~ трав', 'горит ~ мусор',
      `утечк ~ ${GAS}`, `запах ~ ${GAS}`, `пахнет ~ ${GAS}`, `${GAS} ~ пахнет`, `воняет ~ ${GAS}`,
      'упал ~ дерев', 'упало ~ дерев', 'дерев ~ упал', 'дерев ~ упадет', 'дерев ~ упасть', 'падени ~ дерев',
      'аварийн ~ дерев', 'дерев ~ аварийн', 'сосульк', 'глыб ~ льд', 'сход ~ снег', 'падени ~ налед',
      'открыт ~ люк', 'люк ~ открыт', 'люк ~ без', 'провалил ~ в ~ яму', '/^кипят(ок|ка|ком)$/',
      'пострадал', 'травм', 'погиб', 'госпитализ', 'укусил', 'укус',
      'покончу с собой', 'покончить с собой', 'на себя руки', 'повешусь', 'суицид', 'самоубийств',
    ],
    negators: ['не', 'нет', 'без', 'никакой', 'никакого', 'никаких'],
    postNegators: ['нет', 'не'],
    except: ['травмпункт'],
  },
  {
    code: 'winter_no_heat', label: 'Нет отопления или воды в холодный сезон', priority: 'high', season: 'cold',
    criticalPhrases: [
      ...missing(HEAT), `отключ ~ ${HEAT}`, `${HEAT} ~ отключ`, `${HEAT} ~ не ~ работа`, 'не ~ топят', 'не ~ топит',
      'батаре ~ холодн', 'холодн ~ батаре', 'батаре ~ ледян', 'ледян ~ батаре', 'замерза', 'мерзн',
      'холодно ~ квартир', 'квартир ~ холодно', 'дома холодно', 'холодно дома',
    ],
    phrases: [...missing(WATER), `отключ ~ ${WATER}`, `${WATER} ~ отключ`, `не ~ подают ~ ${WATER}`],
    escalateWith: ['children'],
  },
  {
    code: 'children', label: 'Затронуты дети', priority: 'normal',
    phrases: [
      '/^(дети|детей|детям|детьми|детях)$/', 'детск', 'детсад', 'ребен', 'ребятишк', 'малыш', 'младен', 'школьник',
      '/^(ученик|ученика|ученики|учеников|ученикам|ученица|ученицы)$/', '/^(школа|школы|школе|школу|школой)$/',
      '/^садик/', 'воспитанник', 'подрост', 'несовершеннолет', 'коляск',
    ],
  },
  {
    code: 'accident', label: 'ДТП или авария', priority: 'high',
    phrases: [
      'дтп', '/^авари(я|и|ю|ей|ям|ях)$/', 'столкнов', '/^сбил[аио]?$/', 'наезд ~ на', 'перевернул',
      'врезал', '/^разбил(ся|ась|ись)$/',
    ],
    negators: ['не', 'нет', 'без'],
    postNegators: ['нет', 'не'],
    escalateWith: ['children'],
  },
  {
    code: 'outage', label: 'Отключение коммунальных услуг', priority: 'high',
    phrases: [
      ...[LIGHT, WATER, GAS, HEAT].flatMap(missing),
      'отключ', 'обесточ', 'перебои', `не ~ подают ~ ${WATER}`, `не ~ подают ~ ${HEAT}`,
    ],
    // «запаха газа нет» is about a smell, not a supply.
    negators: ['не', 'запах', 'запаха'],
  },
  {
    code: 'obscenity', label: 'Нецензурная лексика', priority: 'normal',
    phrases: OBSCENITY_PHRASES,
    except: OBSCENITY_EXCEPT,
  },
  {
    code: 'threat', label: 'Угрозы и агрессия', priority: 'high',
    phrases: [
      '/^(убью|убьем|прибью|пристрелю|зарежу|придушу|покалечу|перестреляю|взорву|подожгу|урою)$/',
      'убить ~ вас', 'вас ~ убить', 'найду ~ вас', 'вас ~ найду', 'разнесу', 'набью ~ морд', 'пожалеете', 'самосуд',
      'приду ~ с ~ топор', 'приду ~ с ~ ружь', 'будет ~ кровь', 'пеняйте на себя', 'мало ~ не ~ покажется',
      '/^расправ/', 'угрожа ~ убийств', 'угрожа ~ нож', 'угрожа ~ физическ',
    ],
  },
];
