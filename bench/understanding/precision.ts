// Precision and recall of message understanding: places, addresses and duplicates on the hand-labelled
// samples (development sets the rules were tuned on, and held-out sets written afterwards), plus two checks on real messages when ../shared/data is present (skipped when absent):
//  - Курская область messages: none should be assigned to a municipality of Ярославская область;
//  - «Наш Санкт-Петербург» messages: streets found in the text should agree with the portal's address field.
// Run: npx tsx bench/understanding/precision.ts [--kursk=300] [--spb=3000] [--seed=7]
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import duplicatesHoldout from '../../server/features/duplicates/fixtures/duplicates-holdout.json' with { type: 'json' };
import duplicatesSample from '../../server/features/duplicates/fixtures/duplicates-sample.json' with { type: 'json' };
import { evaluateDuplicates, parseDuplicatesSample } from '../../server/features/duplicates/similarity-eval';
import { streetKey } from '../../server/features/duplicates/similarity';
import placesHoldout from '../../server/features/places/fixtures/places-holdout.json' with { type: 'json' };
import placesSample from '../../server/features/places/fixtures/places-sample.json' with { type: 'json' };
import { extractAddresses, findMunicipality, YAROSLAVL_GAZETTEER } from '../../server/features/places';
import {
  evaluatePlaces,
  parsePlacesSample,
  precisionRecall,
  type PrecisionRecall,
} from '../../server/features/places/places-eval';
import { assessUrgency } from '../../server/features/urgency';

const DATA_DIR = process.env.OTKLIK_SHARED_DATA ?? fileURLToPath(new URL('../../../shared/data/', import.meta.url));

function option(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = arg ? Number(arg.split('=')[1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** A small seeded generator (mulberry32), so every run samples the same messages. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sample<T>(items: readonly T[], n: number, random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, n);
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const row = (name: string, pr: PrecisionRecall): string =>
  `  ${name.padEnd(28)} precision ${pct(pr.precision).padStart(6)}  recall ${pct(pr.recall).padStart(6)}  (tp ${pr.tp}, fp ${pr.fp}, fn ${pr.fn})`;

function readJsonl(path: string): unknown[] {
  const raw = path.endsWith('.gz') ? gunzipSync(readFileSync(path)).toString('utf8') : readFileSync(path, 'utf8');
  return raw
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as unknown);
}

const textOf = (r: unknown): string =>
  typeof r === 'object' && r !== null && 'text' in r && typeof r.text === 'string' ? r.text : '';
const fieldOf = (r: unknown, f: string): string => {
  const v = typeof r === 'object' && r !== null ? (r as Record<string, unknown>)[f] : undefined;
  return typeof v === 'string' ? v : '';
};
const stripHtml = (t: string): string => t.replace(/<[^>]+>/gu, ' ').replace(/&nbsp;/gu, ' ');

function reportPlaces(title: string, raw: unknown): void {
  const items = parsePlacesSample(raw);
  const places = evaluatePlaces(items, YAROSLAVL_GAZETTEER);
  console.log(`Places, ${title} (${items.length} messages):`);
  console.log(row('municipality', places.municipality));
  console.log(row('street', places.streets));
  console.log(row('street + house', places.addresses));
  for (const e of places.errors) console.log(`    ${e}`);
}

function reportDuplicates(title: string, raw: unknown): void {
  const pairs = parseDuplicatesSample(raw);
  const dup = evaluateDuplicates(pairs, YAROSLAVL_GAZETTEER);
  console.log(
    `Duplicates, ${title} (${pairs.length} pairs, ${pairs.filter((p) => p.label === 'duplicate').length} duplicates):`,
  );
  console.log(row('decision = duplicate', dup.duplicate));
  console.log(`  ${'shown (duplicate or suggest)'.padEnd(28)} recall ${pct(dup.shownRecall)}`);
  for (const d of dup.decisions.filter((x) => (x.label === 'duplicate') !== (x.decision === 'duplicate'))) {
    console.log(`    ${d.id} ${d.label} → ${d.decision}: ${d.reasons.join('; ')}`);
  }
}

function reportSamples(): void {
  reportPlaces('development sample', placesSample);
  reportPlaces('held-out sample', placesHoldout);
  console.log('');
  reportDuplicates('development pairs', duplicatesSample);
  reportDuplicates('held-out pairs', duplicatesHoldout);
}

function reportKursk(n: number, random: () => number): void {
  const path = `${DATA_DIR}kursk-appeals/train.jsonl`;
  if (!existsSync(path)) {
    console.log('\nKursk messages: skipped (no data folder)');
    return;
  }
  const rows = sample(readJsonl(path), n, random).map((r) => stripHtml(textOf(r)));
  const assigned = rows.map((t) => findMunicipality(t, YAROSLAVL_GAZETTEER)).filter((m) => m !== null);
  const flagged = new Map<string, number>();
  for (const t of rows) for (const f of assessUrgency(t).flags) flagged.set(f.code, (flagged.get(f.code) ?? 0) + 1);
  console.log(`\nKursk messages (random ${rows.length}; none is about Ярославская область):`);
  console.log(
    `  assigned to a Yaroslavl municipality: ${assigned.length} (${pct(assigned.length / Math.max(1, rows.length))}) — all false positives`,
  );
  for (const m of assigned) console.log(`    ${m.code} «${m.matched}»`);
  console.log(`  with a street address: ${rows.filter((t) => extractAddresses(t).length > 0).length}`);
  console.log(
    `  urgency flags (no labels, for reading): ${[...flagged].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`,
  );
}

function reportSpb(n: number, random: () => number): void {
  const path = `${DATA_DIR}spb-appeals/train.jsonl.gz`;
  if (!existsSync(path)) {
    console.log('\nSPb messages: skipped (no data folder)');
    return;
  }
  const rows = sample(
    readJsonl(path).filter((r) => fieldOf(r, 'address') !== ''),
    n,
    random,
  );
  let parsedField = 0;
  let tp = 0;
  let fp = 0;
  for (const r of rows) {
    const field = extractAddresses(fieldOf(r, 'address'))[0];
    if (!field) continue;
    parsedField += 1;
    for (const a of extractAddresses(textOf(r))) {
      if (streetKey(a.street) === streetKey(field.street)) tp += 1;
      else fp += 1;
    }
  }
  console.log(`\nSPb messages (random ${rows.length} with an address field):`);
  console.log(
    `  address field parsed into street (+house): ${parsedField} (${pct(parsedField / Math.max(1, rows.length))})`,
  );
  console.log(
    `  streets found in the text: ${tp + fp}; same street as the field: ${pct(precisionRecall(tp, fp, 0).precision)}` +
      ' (a lower bound of precision: a text may rightly name a nearby street)',
  );
}

const random = seeded(option('seed', 7));
reportSamples();
reportKursk(option('kursk', 300), random);
reportSpb(option('spb', 3000), random);
