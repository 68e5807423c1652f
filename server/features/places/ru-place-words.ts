// Russian words around place names, shared by every region's gazetteer: locality markers
// («г.», «пос.», «село»), prepositions of place and the nouns that turn an adjective into a district
// («Рыбинского района», «Ярославский МО»). All patterns run on normalised text (lower case, ё → е).

/** Abbreviated markers: need a dot («г. Углич», «с.Брейтово»), so a lone «с» or «д» does not count. */
const MARKER_ABBREVIATIONS = [
  'г',
  'гор',
  'п',
  'пос',
  'с',
  'д',
  'дер',
  'ст',
  'мкр',
  'мкрн',
  'рп',
  'р\\.п',
  'пгт',
  'п\\.г\\.т',
];

/** Full-word markers, with their case forms as stems. */
const MARKER_WORDS = [
  'город\\p{L}*',
  'поселк\\p{L}*',
  'поселок',
  'пгт',
  'рп',
  'сел[оаеу]',
  'селом',
  'деревн\\p{L}*',
  'микрорайон\\p{L}*',
  'станци\\p{L}*',
  'райцентр\\p{L}*',
];

const PREPOSITIONS = ['в', 'во', 'на', 'из', 'изо', 'под', 'около', 'возле', 'до', 'у', 'близ'];

/** Prepositions of a destination: «автобус до Ярославля» is rarely where the problem is. */
const DESTINATION = ['до', 'в\\s+сторону', 'в\\s+направлении'];

/** Matches when a text slice ends with a locality marker. */
export const MARKER_BEFORE = new RegExp(
  `(?:^|[^\\p{L}])(?:(?:${MARKER_ABBREVIATIONS.join('|')})\\.\\s*|(?:${MARKER_WORDS.join('|')})\\s+)$`,
  'u',
);

/** Matches when a text slice ends with a preposition of place. */
export const PREPOSITION_BEFORE = new RegExp(`(?:^|[^\\p{L}])(?:${PREPOSITIONS.join('|')})\\s+$`, 'u');

/** Matches when a text slice ends with a preposition of destination. */
export const DESTINATION_BEFORE = new RegExp(`(?:^|[^\\p{L}])(?:${DESTINATION.join('|')})\\s+$`, 'u');

/** Matches when a text slice starts with a district noun: «района», «муниципального округа», «р-не», «МО». */
export const DISTRICT_NOUN_AFTER = new RegExp(
  '^[\\s,]*(?:муниципальн\\p{L}*\\s+|городск\\p{L}*\\s+)?(?:район\\p{L}*|округ\\p{L}*|р-н\\p{L}*|р-он\\p{L}*|мр|мо|го)(?![\\p{L}\\d])',
  'u',
);
