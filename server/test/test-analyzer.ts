import { isMainThread } from 'node:worker_threads';
import {
  extractAddresses,
  findAddressMunicipality,
  findMunicipality,
  YAROSLAVL_GAZETTEER,
  YAROSLAVL_GEOGRAPHY,
} from '../features/places';
import { rankDuplicateCandidates } from '../features/duplicates/rank-candidates';
import { composeAnalyzer } from '../features/understanding/compose-analyzer';
import type { MessageAnalyzer } from '../features/understanding/message-analyzer';

// A deterministic keyword classifier for tests of the spine (routing, deadlines, lifecycle), so they do not depend
// on the statistical model. The real gazetteer resolves places. Words absent → low confidence → triage.
const RULES: [RegExp, string, string][] = [
  [/мусор|контейнер/i, 'tko', 'collection'],
  [/ям[аы]|дорог/i, 'roads', 'potholes'],
  [/поликлиник|терапевт|врач/i, 'health', 'appointment'],
  [/школ/i, 'education', 'school_conditions'],
  [/автобус|маршрут/i, 'transport', 'schedule'],
  [/пособи|выплат/i, 'social', 'payments'],
  [/отоплени|батаре/i, 'zhkh', 'heating'],
];

export function createTestAnalyzer(): MessageAnalyzer {
  return composeAnalyzer({
    classify(text) {
      const hit = RULES.find(([re]) => re.test(text));
      if (!hit) return { block: 'other', category: 'other', confidence: 0.1, top: [], model: 'test' };
      return {
        block: hit[1],
        category: hit[2],
        confidence: 0.9,
        top: [{ label: `${hit[1]}.${hit[2]}`, score: 0.9 }],
        model: 'test',
      };
    },
    findMunicipality: (text) => findMunicipality(text, YAROSLAVL_GAZETTEER),
    locatePoint: (lat, lon) => YAROSLAVL_GEOGRAPHY.locate(lat, lon),
    findAddressMunicipality: (address) =>
      findAddressMunicipality(address, YAROSLAVL_GAZETTEER, YAROSLAVL_GEOGRAPHY.units),
    extractAddresses,
    assessUrgency: () => ({ priority: 'normal', flags: [] }),
    rankDuplicates: (query, candidates, options) =>
      rankDuplicateCandidates(query, candidates, { ...options, gazetteer: YAROSLAVL_GAZETTEER }),
    duplicateOf: (query, candidates) => candidates.find((c) => c.text === query.text)?.caseId ?? null,
  });
}

/**
 * The test analyzer, except that in a worker thread its first analysis ends the thread (as a crash would): the
 * worker has parsed its chunk by then, so what it held must be prepared again in the calling thread.
 */
export function createTestAnalyzerDyingInWorker(): MessageAnalyzer {
  const analyzer = createTestAnalyzer();
  return {
    ...analyzer,
    analyze(text, at) {
      if (!isMainThread) process.exit(3);
      return analyzer.analyze(text, at);
    },
  };
}
