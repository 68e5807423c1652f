import {
  extractAddresses,
  findAddressMunicipality,
  findMunicipality,
  YAROSLAVL_GAZETTEER,
  YAROSLAVL_GEOGRAPHY,
} from '../places';
import { assessUrgency } from '../urgency';
import { mayJoinAnyCase, rankDuplicateCandidates } from '../duplicates/rank-candidates';
import { classifyMessage, type HierarchicalModels } from '../classifier/hierarchy';
import { deserializeHierarchical, serializeHierarchical } from '../classifier/bundle';
import { loadDefaultClassifier } from '../classifier/default-model/load-default';
import type { MessageAnalyzer } from './message-analyzer';
import { composeAnalyzer } from './compose-analyzer';

/** The classifier a worker thread is handed: serialised, so the thread neither trains nor loads it. */
export interface ClassifierHandOver {
  model: Uint8Array;
  name: string;
}

/**
 * Production analyzer: the shipped classifier (or the one handed over), the region's gazetteer, the urgency
 * lexicon, duplicate scoring.
 */
export function createDefaultAnalyzer(handOver?: ClassifierHandOver): MessageAnalyzer {
  let models: HierarchicalModels = handOver ? deserializeHierarchical(handOver.model) : loadDefaultClassifier();
  let name = handOver?.name ?? 'default-1';
  let shipped: { models: HierarchicalModels; data: ClassifierHandOver } | null = null;
  const analyzer = composeAnalyzer({
    classify: (text) => {
      const c = classifyMessage(models, text);
      return {
        block: c.block || null,
        category: c.category || null,
        confidence: Math.round(c.confidence * 1000) / 1000,
        top: c.top.map((t) => ({ label: `${t.block}.${t.category}`, score: Math.round(t.score * 1000) / 1000 })),
        model: name,
      };
    },
    findMunicipality: (text) => findMunicipality(text, YAROSLAVL_GAZETTEER),
    locatePoint: (lat, lon) => YAROSLAVL_GEOGRAPHY.locate(lat, lon),
    findAddressMunicipality: (address) =>
      findAddressMunicipality(address, YAROSLAVL_GAZETTEER, YAROSLAVL_GEOGRAPHY.units),
    extractAddresses,
    assessUrgency: (text, at) => {
      const u = assessUrgency(text, { at });
      return {
        priority: u.priority,
        flags: u.flags.map((f) => ({ code: f.code, label: f.label, triggers: [...f.triggers] })),
      };
    },
    rankDuplicates: (query, candidates, options) =>
      rankDuplicateCandidates(query, candidates, { ...options, gazetteer: YAROSLAVL_GAZETTEER }),
    mayJoin: mayJoinAnyCase,
    duplicateOf: (query, candidates, options) => {
      const best = rankDuplicateCandidates(query, candidates, { ...options, gazetteer: YAROSLAVL_GAZETTEER })[0];
      return best?.decision === 'duplicate' ? best.id : null;
    },
  });
  return {
    ...analyzer,
    // A worker thread gets the active model (the shipped one or a retrained version) serialised, so import and
    // intake classify with the same model and the thread starts without training it.
    get threadFactory() {
      if (shipped?.models !== models || shipped.data.name !== name)
        shipped = { models, data: { model: serializeHierarchical(models), name } };
      return { module: import.meta.url, name: 'createDefaultAnalyzer', data: shipped.data };
    },
    useClassifier(next, nextName) {
      models = next;
      name = nextName;
    },
  };
}
