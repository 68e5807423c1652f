// Turns a template into a citizen's message: fills the slots, adds the manner of the channel, invents an author.
// Contacts are masked or use reserved example domains: demo data never holds a real person's phone or address.
import { plural as pluralForm } from '../../../shared/text/plural';
import type { Channel } from '../../../shared/deadlines/channels';
import type { DemoTown } from './demo-places';
import type { Rng } from './prng';

export type Slots = Readonly<Record<string, string>>;

/** Russian plural: 1 день, 2 дня, 5 дней. */
export function pluralWord(n: number, one: string, few: string, many: string): string {
  return pluralForm(n, [one, few, many]);
}

export function plural(n: number, one: string, few: string, many: string): string {
  return `${n} ${pluralWord(n, one, few, many)}`;
}

function rubles(rng: Rng): string {
  const n = rng.int(18, 250) * 50;
  const digits = n >= 1000 ? `${Math.floor(n / 1000)} ${String(n % 1000).padStart(3, '0')}` : String(n);
  return `${digits} ${pluralWord(n, 'рубль', 'рубля', 'рублей')}`;
}

function house(rng: Rng): string {
  const n = String(rng.int(1, 120));
  return rng.chance(0.15) ? `${n}, корп. ${rng.int(1, 3)}` : n;
}

export function makeSlots(rng: Rng, town: DemoTown): Slots {
  const bigTown = town.municipality === 'yaroslavl' || town.municipality === 'rybinsk';
  const street = rng.pick(town.streets);
  const houseNo = house(rng);
  return {
    place: rng.pick(town.phrases),
    street,
    house: houseNo,
    addr: `${street}, д. ${houseNo}`,
    flat: String(rng.int(1, 180)),
    entrance: String(rng.int(1, 8)),
    n: String(bigTown ? rng.int(1, 90) : rng.int(1, 6)),
    route: String(bigTown ? rng.int(1, 99) : rng.int(100, 190)),
    days: plural(rng.int(2, 10), 'день', 'дня', 'дней'),
    hours: plural(rng.int(3, 14), 'час', 'часа', 'часов'),
    weeks: plural(rng.int(2, 6), 'неделю', 'недели', 'недель'),
    months: plural(rng.int(2, 8), 'месяц', 'месяца', 'месяцев'),
    temp: `+${rng.int(11, 16)}`,
    sum: rubles(rng),
    time: `${rng.int(6, 8)}:${rng.pick(['05', '15', '20', '35', '40', '50'])}`,
  };
}

export function fillSlots(text: string, slots: Slots): string {
  const filled = text.replace(/\{(\w+)\}/g, (whole, key: string) => slots[key] ?? whole);
  const tidy = filled
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.!?:)])/g, '$1')
    .trim();
  return tidy.charAt(0).toUpperCase() + tidy.slice(1);
}

const FEMALE = [
  'Ирина',
  'Елена',
  'Наталья',
  'Ольга',
  'Татьяна',
  'Светлана',
  'Анна',
  'Марина',
  'Юлия',
  'Галина',
  'Людмила',
  'Дарья',
];
const MALE = [
  'Сергей',
  'Андрей',
  'Алексей',
  'Дмитрий',
  'Николай',
  'Владимир',
  'Михаил',
  'Игорь',
  'Павел',
  'Виктор',
  'Евгений',
  'Олег',
];
const SURNAMES = [
  'Смирнов',
  'Кузнецов',
  'Соколов',
  'Волков',
  'Лебедев',
  'Морозов',
  'Новиков',
  'Павлов',
  'Козлов',
  'Белов',
  'Голубев',
  'Тихомиров',
  'Крылов',
  'Жуков',
];
const PATRONYMIC_ROOTS = [
  'Александров',
  'Сергеев',
  'Викторов',
  'Николаев',
  'Владимиров',
  'Петров',
  'Иванов',
  'Михайлов',
];

export interface Author {
  name: string;
  contact: string | null;
  externalId: string | null;
}

function person(rng: Rng): { first: string; last: string; patronymic: string; latin: string } {
  const female = rng.chance(0.6);
  const root = rng.pick(PATRONYMIC_ROOTS);
  const surname = rng.pick(SURNAMES);
  return {
    first: female ? rng.pick(FEMALE) : rng.pick(MALE),
    last: female ? `${surname}а` : surname,
    patronymic: female ? `${root}на` : `${root}ич`,
    latin: `user${rng.int(1000, 9999)}`,
  };
}

export function makeAuthor(rng: Rng, channel: Channel): Author {
  const p = person(rng);
  const id = String(rng.int(10_000_000, 899_999_999));
  switch (channel) {
    case 'social_vk':
      return { name: `${p.first} ${p.last}`, contact: null, externalId: `id${id}` };
    case 'social_ok':
      return { name: `${p.first} ${p.last}`, contact: null, externalId: `ok${id}` };
    case 'social_telegram':
    case 'messenger_telegram':
      return { name: rng.chance(0.5) ? p.first : `@${p.latin}`, contact: null, externalId: id };
    case 'phone':
      return {
        name: `${p.last} ${p.first} ${p.patronymic}`,
        contact: `+7 (9**) ***-**-${String(rng.int(10, 99))}`,
        externalId: null,
      };
    case 'letter':
      return {
        name: `${p.last} ${p.first.charAt(0)}. ${p.patronymic.charAt(0)}.`,
        contact: 'почтовый адрес указан в письме',
        externalId: null,
      };
    default:
      return { name: `${p.last} ${p.first} ${p.patronymic}`, contact: `${p.latin}@example.com`, externalId: null };
  }
}

const SOCIAL_PREFIXES = [
  '',
  '',
  '',
  'Администрация, обратите внимание! ',
  'Доброго дня. ',
  'Помогите, пожалуйста! ',
  'ЦУР, обращаемся к вам. ',
];
const SOCIAL_SUFFIXES = [
  '',
  '',
  ' Сколько можно?!',
  ' Примите меры!',
  ' Надеюсь на ответ.',
  ' Фото в комментариях.',
  ' Спасибо заранее.',
];
const FORMAL_SUFFIXES = [
  '',
  ' Прошу принять меры и сообщить о результатах.',
  ' Прошу дать письменный ответ.',
  ' Прошу взять вопрос на контроль.',
];
const REPEAT_PREFIXES = [
  'Повторно обращаюсь! ',
  'Пишу уже второй раз. ',
  'Дублирую обращение, ответа нет. ',
  'Снова о той же проблеме. ',
];

/** The body as it arrives through the channel: social posts are terse and emotional, letters are formal. */
export function decorate(text: string, channel: Channel, author: Author, rng: Rng, repeat: boolean): string {
  const body = repeat ? `${rng.pick(REPEAT_PREFIXES)}${text}` : text;
  switch (channel) {
    case 'social_vk':
    case 'social_ok':
    case 'social_telegram':
      return `${rng.pick(SOCIAL_PREFIXES)}${body}${rng.pick(SOCIAL_SUFFIXES)}`;
    case 'messenger_telegram':
      return body;
    case 'phone':
      return `Обращение по телефону горячей линии. ${body}`;
    case 'email':
      return `Здравствуйте!\n\n${body}${rng.pick(FORMAL_SUFFIXES)}\n\nС уважением, ${author.name}`;
    case 'letter':
      return `Уважаемые сотрудники!\n\n${body}${rng.pick(FORMAL_SUFFIXES)}\n\n${author.name}`;
    default:
      return `${body}${rng.pick(FORMAL_SUFFIXES)}`;
  }
}
