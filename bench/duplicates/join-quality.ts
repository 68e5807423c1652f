// Precision and recall of the join decision (a new message joins an open case without a human) on hand-written
// pairs of Russian messages (bench/duplicates/pairs.jsonl): other channels and wordings of the same problem, the
// same address with another problem, neighbouring houses, the same street and house in another town, the same
// point within tens of metres with no address, the same problem hundreds of metres away, outside the time window.
// Each side goes through what intake does: the production analyzer (classifier, gazetteer, urgency), the place
// evidence of coordinates and the address field, then the analyzer's duplicate ranking of the earlier message.
// The rules were tuned on the `dev` half; the `test` half is the held-out figure.
//
//   npx tsx bench/duplicates/join-quality.ts [--split dev|test|all] [--verbose]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { NEAR_METRES } from '../../server/features/duplicates/candidate-cases';
import { metresApart } from '../../server/features/duplicates/similarity';
import { createDefaultAnalyzer } from '../../server/features/understanding/analyze-message';
import type {
  DuplicateCandidate,
  DuplicateQuery,
  MessageAnalyzer,
} from '../../server/features/understanding/message-analyzer';

const sideSchema = z.object({
  channel: z.string(),
  createdAt: z.string(),
  text: z.string().min(1),
  address: z.string().optional(),
  lat: z.number().optional(),
  lon: z.number().optional(),
});
const pairSchema = z.object({
  id: z.string(),
  split: z.enum(['dev', 'test']),
  label: z.enum(['duplicate', 'not_duplicate']),
  note: z.string(),
  a: sideSchema,
  b: sideSchema,
});
type Side = z.infer<typeof sideSchema>;
type Pair = z.infer<typeof pairSchema>;

const WINDOW_DAYS = 14;
const PRECISION_TARGET = 0.95;
const RECALL_TARGET = 0.85;

export function readPairs(file = fileURLToPath(new URL('./pairs.jsonl', import.meta.url))): Pair[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => pairSchema.parse(JSON.parse(l)));
}

/** A side as intake sees it: analysis, municipality by the order of evidence (point, address, text), point, address. */
function probeOf(analyzer: MessageAnalyzer, side: Side): DuplicateQuery {
  const createdAt = new Date(side.createdAt);
  const analysis = analyzer.analyze(side.text, createdAt);
  const point = side.lat !== undefined && side.lon !== undefined ? { lat: side.lat, lon: side.lon } : null;
  const evidence = analyzer.placeEvidence({ lat: point?.lat, lon: point?.lon, address: side.address });
  const fromPoint = evidence.point && evidence.point !== 'outside' ? evidence.point.code : null;
  const municipalityCode = fromPoint ?? evidence.address?.code ?? analysis.municipalityCode;
  return {
    text: side.text,
    createdAt,
    analysis: { ...analysis, municipalityCode },
    address: side.address ?? null,
    point,
  };
}

function candidateOf(analyzer: MessageAnalyzer, side: Side): DuplicateCandidate {
  const p = probeOf(analyzer, side);
  return {
    caseId: '1',
    text: p.text,
    municipalityCode: p.analysis.municipalityCode,
    address: p.address ?? p.analysis.addresses[0]?.raw ?? null,
    block: p.analysis.block,
    category: p.analysis.category,
    confidence: p.analysis.confidence,
    createdAt: p.createdAt,
    point: p.point ?? null,
  };
}

export interface JoinDecision {
  id: string;
  label: Pair['label'];
  joined: boolean;
  decision: string;
  reasons: readonly string[];
  note: string;
}

/** What the candidate query of intake lets through (duplicates/candidate-cases.ts): the same municipality and block,
 *  or a point within NEAR_METRES; the time window is the scorer's. */
function reachable(q: DuplicateQuery, c: DuplicateCandidate): boolean {
  const metres = metresApart(q.point, c.point);
  if (metres !== null && metres <= NEAR_METRES) return true;
  return (
    q.analysis.municipalityCode !== null &&
    q.analysis.municipalityCode === c.municipalityCode &&
    q.analysis.block === c.block
  );
}

export function decideJoins(analyzer: MessageAnalyzer, pairs: readonly Pair[]): JoinDecision[] {
  return pairs.map((p) => {
    const query = probeOf(analyzer, p.b);
    const candidate = candidateOf(analyzer, p.a);
    const best = reachable(query, candidate)
      ? analyzer.rankDuplicates?.(query, [candidate], { windowDays: WINDOW_DAYS })[0]
      : undefined;
    const decision = best?.decision ?? 'none';
    return {
      id: p.id,
      label: p.label,
      joined: decision === 'duplicate',
      decision,
      reasons: best?.reasons ?? [],
      note: p.note,
    };
  });
}

export function precisionRecall(decisions: readonly JoinDecision[]): {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
} {
  const tp = decisions.filter((d) => d.joined && d.label === 'duplicate').length;
  const fp = decisions.filter((d) => d.joined && d.label !== 'duplicate').length;
  const fn = decisions.filter((d) => !d.joined && d.label === 'duplicate').length;
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    tp,
    fp,
    fn,
    precision: round(tp + fp === 0 ? 1 : tp / (tp + fp)),
    recall: round(tp + fn === 0 ? 1 : tp / (tp + fn)),
  };
}

function main(): number {
  const args = process.argv.slice(2);
  const splitAt = args.indexOf('--split');
  const only = splitAt >= 0 ? args[splitAt + 1] : null;
  const verbose = args.includes('--verbose');
  const pairs = readPairs();
  const analyzer = createDefaultAnalyzer();
  let failed = false;
  for (const split of ['dev', 'test'] as const) {
    if (only && only !== 'all' && only !== split) continue;
    const part = pairs.filter((p) => p.split === split);
    const decisions = decideJoins(analyzer, part);
    const r = precisionRecall(decisions);
    const positives = part.filter((p) => p.label === 'duplicate').length;
    console.log(
      `${split === 'dev' ? 'настройка (dev)' : 'отложенная часть (test)'}: пар ${part.length} (дубликатов ${positives}); ` +
        `точность ${r.precision} (ложных объединений ${r.fp}), полнота ${r.recall} (пропущено ${r.fn})`,
    );
    for (const d of decisions.filter((x) => verbose || x.joined !== (x.label === 'duplicate'))) {
      console.log(
        `  ${d.joined === (d.label === 'duplicate') ? '  ' : '✗ '}${d.id} ${d.label} → ${d.decision}: ${d.note} [${d.reasons.join('; ')}]`,
      );
    }
    if (split === 'test' && (r.precision < PRECISION_TARGET || r.recall < RECALL_TARGET)) failed = true;
  }
  if (failed)
    console.error(`Цель не достигнута: точность ≥ ${PRECISION_TARGET}, полнота ≥ ${RECALL_TARGET} на отложенной части`);
  return failed ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main();
