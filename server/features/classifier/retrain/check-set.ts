// The fixed check set: short messages written for this project (never taken from real data), labelled with
// block and category of the default taxonomy. Every retrained model and the active one are scored on it, so
// a model that forgets the basics is not switched on even when the held-out corrections look fine.
import type { HierarchicalExample } from '../hierarchy';

type Row = readonly [block: string, category: string, text: string];

const ROWS: readonly Row[] = [
  ['zhkh', 'heating', 'Третий день холодные батареи в квартире, в комнатах четырнадцать градусов'],
  ['zhkh', 'water', 'Из крана течёт ржавая вода, горячей воды нет с понедельника'],
  ['zhkh', 'roof', 'После дождя снова течёт крыша, на потолке в подъезде пятна'],
  ['zhkh', 'sewage', 'В подвале дома стоит канализационная вода, запах на весь подъезд'],
  ['tko', 'collection', 'Мусор с контейнерной площадки не вывозят уже неделю, баки переполнены'],
  ['tko', 'dumps', 'В лесу за посёлком образовалась стихийная свалка строительного мусора'],
  ['tko', 'tko_fee', 'Пришла квитанция за вывоз мусора на умершего родственника, прошу сделать перерасчёт'],
  ['energy', 'outage', 'С утра нет электричества во всей деревне, холодильники разморозились'],
  ['energy', 'street_light', 'На нашей улице не горят фонари, вечером идти страшно'],
  ['energy', 'gas', 'Во дворе пахнет газом возле газовой трубы, просим проверить'],
  ['education', 'kindergarten', 'Ребёнку не дают место в детском саду рядом с домом, очередь не двигается'],
  ['education', 'meals', 'В школьной столовой детей кормят холодной и невкусной едой'],
  ['education', 'school_transport', 'Школьный автобус не приехал за детьми, они ждали на остановке час'],
  ['health', 'appointment', 'Невозможно записаться к терапевту в поликлинике, талонов нет на две недели'],
  ['health', 'drugs', 'В аптеке нет льготного инсулина, который положен по рецепту'],
  ['health', 'ambulance', 'Скорая помощь ехала к пожилой маме больше часа'],
  ['roads', 'potholes', 'На дороге огромные ямы, вчера пробил колесо'],
  ['roads', 'road_snow', 'Дорогу к посёлку не чистят от снега, машины застревают'],
  ['roads', 'sidewalks', 'Тротуар вдоль улицы разбит, пешеходы идут по проезжей части'],
  ['transport', 'schedule', 'Автобус по маршруту ходит реже, чем в расписании, пропустил последний рейс'],
  ['transport', 'fares', 'Подорожал проезд в автобусе, а льготы по проездному не действуют'],
  ['transport', 'stops', 'На остановке нет павильона, люди мокнут под дождём'],
  ['social', 'payments', 'Не пришло пособие за прошлый месяц, в соцзащите не отвечают'],
  ['social', 'families', 'Многодетной семье не выдают удостоверение, требуют лишние справки'],
  ['social', 'disability', 'Инвалиду не могут установить пандус у подъезда'],
  ['improvement', 'yards', 'Во дворе разломана детская площадка, дети могут пораниться'],
  ['improvement', 'greenery', 'Аварийное дерево во дворе вот-вот упадёт на машины, просим спилить'],
  ['improvement', 'cleaning', 'В парке не убирают мусор и листья, урны переполнены'],
  ['other', 'animals', 'Стая бездомных собак бросается на детей возле школы'],
  ['other', 'telecom', 'В деревне нет мобильной связи и интернета'],
  ['other', 'ecology', 'Предприятие сбрасывает отходы в реку, вода стала мутной'],
];

export const CHECK_SET: readonly HierarchicalExample[] = ROWS.map(([block, category, text]) => ({
  block,
  category,
  text,
}));
