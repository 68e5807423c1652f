// An explainable lexicon classifier for the default taxonomy: word stems per category, scored by matches.
// It is the start-up default until a trained model is switched on; confidence reflects how clear the winner is.
const LEXICON: Record<string, string[]> = {
  'zhkh.heating': ['отоплен', 'батаре', 'радиатор', 'холодно в квартир', 'теплоснаб', 'котельн'],
  'zhkh.water': ['горяч вод', 'холодн вод', 'нет вод', 'водоснаб', 'напор вод', 'ржав вод', 'водопровод'],
  'zhkh.sewage': ['канализац', 'засор', 'водоотвед', 'затоплен подвал', 'стоки', 'септик'],
  'zhkh.building': ['управляющ компан', 'подъезд', 'лифт', 'домофон', 'ук ', 'мкд', 'тсж'],
  'zhkh.roof': ['кровл', 'крыш', 'протека', 'протечк', 'сосульк', 'наледь на крыш'],
  'zhkh.capital_repair': ['капремонт', 'капитальн ремонт', 'фонд капиталь'],
  'zhkh.bills': ['квитанц', 'начислен', 'перерасчет', 'тариф', 'оплат жку', 'коммунальн платеж'],
  'zhkh.yard_snow': ['снег во двор', 'не убира двор', 'сугроб', 'наледь во двор', 'уборк снег во двор'],
  'tko.collection': ['мусор', 'вывоз', 'не вывоз', 'переполн', 'отход'],
  'tko.sites': ['контейнерн площадк', 'контейнер', 'бак', 'мусорн площадк'],
  'tko.dumps': ['свалк', 'стихийн свалк', 'выброс мусор'],
  'tko.tko_fee': ['плат за вывоз', 'плат за тко', 'регоператор', 'квитанц за мусор'],
  'tko.bulky': ['крупногабарит', 'раздельн сбор', 'пластик', 'втор сырь'],
  'energy.outage': ['нет свет', 'отключ свет', 'отключен электроэнерг', 'без свет', 'отключили электричеств'],
  'energy.power_quality': ['напряжен', 'скачк напряж', 'лэп', 'опор', 'провод', 'электросет'],
  'energy.gas': ['газ', 'газоснаб', 'запах газ', 'газов плит'],
  'energy.gasification': ['газификац', 'подключен к газ', 'провести газ', 'догазификац'],
  'energy.street_light': ['уличн освещен', 'фонар', 'не горит свет на улиц', 'темно на улиц'],
  'education.kindergarten': ['детск сад', 'детсад', 'садик', 'очеред в сад'],
  'education.school_conditions': ['школ', 'в школе холодно', 'ремонт школ', 'спортзал'],
  'education.meals': ['питан', 'столов', 'завтрак', 'обед в школ'],
  'education.school_transport': ['школьн автобус', 'подвоз', 'довоз детей'],
  'education.learning': ['учител', 'экзамен', 'егэ', 'огэ', 'урок', 'программ обучен'],
  'education.extra_ed': ['кружок', 'секци', 'лагер', 'дополнительн образован', 'летн отдых'],
  'health.appointment': ['запис к врач', 'записаться', 'терапевт', 'талон', 'регистратур', 'очеред в поликлиник'],
  'health.drugs': ['лекарств', 'льготн препарат', 'аптек', 'рецепт', 'инсулин'],
  'health.staff_shortage': ['нет врач', 'нехватк врач', 'педиатр', 'фельдшер', 'фап'],
  'health.ambulance': ['скор помощ', 'скорая', 'вызов скор', 'неотложк'],
  'health.care_quality': ['хамств врач', 'грубост', 'лечен', 'диагноз', 'медицинск помощ'],
  'health.facilities': ['больниц', 'поликлиник', 'ремонт больниц', 'здание поликлиник'],
  'roads.potholes': ['ям', 'ямы', 'выбоин', 'асфальт', 'ремонт дорог', 'дорожн покрыт', 'дорог'],
  'roads.road_snow': ['не чист дорог', 'снег на дорог', 'гололед', 'посып', 'реагент', 'снегоуборк'],
  'roads.sidewalks': ['тротуар', 'пешеходн переход', 'зебр', 'пешеход'],
  'roads.traffic_control': ['светофор', 'дорожн знак', 'разметк', 'лежач полицейск'],
  'roads.parking': ['парковк', 'стоянк', 'паркуют'],
  'roads.road_flooding': ['ливнев', 'ливнёвк', 'лужа на дорог', 'подтоплен дорог', 'решетк ливнев'],
  'transport.schedule': ['расписан', 'интервал', 'не ходит', 'ждем автобус', 'опаздыва автобус'],
  'transport.routes': ['маршрут', 'отмен маршрут', 'нов маршрут', 'продлить маршрут'],
  'transport.vehicles': ['автобус', 'троллейбус', 'трамва', 'маршрутк', 'холодно в автобус', 'переполнен автобус'],
  'transport.crew': ['водител', 'кондуктор', 'нахамил'],
  'transport.fares': ['проезд', 'транспортн карт', 'стоимост проезд', 'льготн проезд', 'оплат проезд'],
  'transport.stops': ['остановк', 'павильон остановк'],
  'social.payments': ['пособи', 'выплат', 'компенсац', 'материнск капитал'],
  'social.families': ['многодетн', 'семь с детьм', 'малоимущ', 'детск пособи'],
  'social.benefits': ['пенсионер', 'ветеран', 'льгот', 'участник сво', 'мобилизова'],
  'social.disability': ['инвалид', 'пандус', 'доступн сред', 'коляск'],
  'social.social_services': ['соцработник', 'дом престарел', 'социальн обслуживан', 'соцзащит'],
  'social.housing': ['аварийн жил', 'расселен', 'жилищн услов', 'очеред на жиль'],
  'improvement.yards': ['двор', 'детск площадк', 'благоустройств двор', 'скамейк', 'качел'],
  'improvement.greenery': ['дерев', 'спил', 'покос', 'трав', 'аварийн дерев', 'кустарник'],
  'improvement.public_spaces': ['парк', 'сквер', 'набережн', 'общественн пространств'],
  'improvement.cleaning': ['грязн', 'уборк территор', 'не убира', 'листв'],
  'other.animals': ['собак', 'безнадзорн животн', 'бродяч', 'кошк'],
  'other.telecom': ['интернет', 'связ', 'сотов', 'мобильн связ'],
  'other.trade': ['магазин', 'торговл', 'просрочен товар', 'рынок'],
  'other.culture_sport': ['дом культур', 'библиотек', 'стадион', 'спортивн площадк'],
  'other.ecology': ['эколог', 'выброс', 'загрязнен', 'запах с завод', 'сброс в реку'],
};

const normalise = (text: string): string => ` ${text.toLowerCase().replace(/ё/g, 'е').replace(/[^a-zа-я0-9]+/g, ' ')} `;

export interface LexiconPrediction {
  block: string | null; category: string | null; confidence: number; top: { label: string; score: number }[]; model: string; triggers: string[];
}

export function classifyByLexicon(text: string): LexiconPrediction {
  const t = normalise(text);
  const scores = Object.entries(LEXICON).map(([label, stems]) => {
    const hits = stems.filter((s) => t.includes(` ${s}`));
    return { label, score: hits.reduce((sum, s) => sum + s.split(' ').length, 0), hits };
  }).filter((s) => s.score > 0).sort((a, b) => b.score - a.score);
  const best = scores[0];
  if (!best) return { block: 'other', category: 'other', confidence: 0.05, top: [], model: 'lexicon-1', triggers: [] };
  const total = scores.reduce((s, x) => s + x.score, 0);
  const top = scores.slice(0, 5).map((s) => ({ label: s.label, score: Math.round((s.score / total) * 100) / 100 }));
  const [block, category] = best.label.split('.') as [string, string];
  const confidence = Math.min(0.95, (best.score / total) * Math.min(1, 0.55 + 0.15 * best.score));
  return { block, category, confidence: Math.round(confidence * 100) / 100, top, model: 'lexicon-1', triggers: best.hits };
}
