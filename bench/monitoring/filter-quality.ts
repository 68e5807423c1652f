// Precision and recall of the monitoring post filter (keywords, region by boundaries or gazetteer, relevance) on a
// hand-labelled set of public posts (bench/monitoring/labelled-posts.tsv): complaints and requests of residents of
// the region, with and without a geotag, against news of finished work and announcements, adverts, greetings,
// chatter and the same complaints geotagged or named in the neighbouring regions. The tests do not use this set.
// Run: npx tsx bench/monitoring/filter-quality.ts [--errors]
import { readFileSync } from 'node:fs';
import { shippedKeywordSets } from '../../server/features/monitoring/ingest-posts';
import { assessPost, compileKeywordSets, type PublicPost } from '../../server/features/monitoring/post-filter';
import { YAROSLAVL_GAZETTEER, YAROSLAVL_GEOGRAPHY } from '../../server/features/places';
import { precisionRecall } from '../../server/features/places/places-eval';

interface Labelled {
  relevant: boolean;
  kind: string;
  post: PublicPost;
}

function readSet(): Labelled[] {
  const text = readFileSync(new URL('./labelled-posts.tsv', import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((line, i) => {
      const [label, kind, lat, lon, ...rest] = line.split('\t');
      const geo = lat && lon ? { lat: Number(lat), lon: Number(lon) } : null;
      return {
        relevant: label === '1',
        kind: kind ?? '',
        post: {
          network: 'vk',
          url: `https://vk.com/wall-1_${i}`,
          externalId: `bench:${i}`,
          author: null,
          authorId: null,
          text: rest.join('\t'),
          time: new Date(),
          geo,
        },
      };
    });
}

const set = readSet();
const sets = compileKeywordSets(shippedKeywordSets());
const region = { gazetteer: YAROSLAVL_GAZETTEER, geography: YAROSLAVL_GEOGRAPHY };
let tp = 0;
let fp = 0;
let fn = 0;
const byKind = new Map<string, { n: number; accepted: number }>();
const errors: string[] = [];
for (const item of set) {
  const decision = assessPost(item.post, sets, region);
  if (decision.accept && item.relevant) tp++;
  else if (decision.accept) fp++;
  else if (item.relevant) fn++;
  if (decision.accept !== item.relevant)
    errors.push(
      `${item.relevant ? 'пропущен' : 'лишний'} [${item.kind}] ${decision.reason} (${decision.relevance}): ${item.post.text}`,
    );
  const k = byKind.get(item.kind) ?? { n: 0, accepted: 0 };
  byKind.set(item.kind, { n: k.n + 1, accepted: k.accepted + (decision.accept ? 1 : 0) });
}
const figures = precisionRecall(tp, fp, fn);
console.log(`Фильтр мониторинга: ${set.length} постов (${set.filter((s) => s.relevant).length} жалоб жителей области)`);
console.log(`  precision ${figures.precision}, recall ${figures.recall} (tp ${tp}, fp ${fp}, fn ${fn})`);
for (const [kind, k] of [...byKind].sort()) console.log(`  ${kind.padEnd(18)} принято ${k.accepted} из ${k.n}`);
if (process.argv.includes('--errors')) for (const e of errors) console.log(`  ${e}`);
