import { createHash } from 'node:crypto';
import {
  extractAddresses,
  findAddressMunicipality,
  findMunicipality,
  YAROSLAVL_GAZETTEER,
  YAROSLAVL_GEOGRAPHY,
} from '../places';
import { assessUrgency, URGENCY_LEXICON } from '../urgency';
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

/** Raise when the analysis changes in code (place finding, urgency rules, how they compose): kept analyses expire. */
const ANALYSIS_CODE = 'analysis-1';
let rulesHash: string | null = null;
/** A hash of the data the analysis reads besides the model: the gazetteer and the urgency lexicon. */
const rulesFingerprint = (): string =>
  (rulesHash ??= createHash('sha256')
    .update(ANALYSIS_CODE)
    .update(JSON.stringify(YAROSLAVL_GAZETTEER))
    .update(JSON.stringify(URGENCY_LEXICON))
    .digest('base64url'));

/**
 * Production analyzer: the shipped classifier (or the one handed over), the region's gazetteer, the urgency
 * lexicon, duplicate scoring.
 */
export function createDefaultAnalyzer(handOver?: ClassifierHandOver): MessageAnalyzer {
  let models: HierarchicalModels = handOver ? deserializeHierarchical(handOver.model) : loadDefaultClassifier();
  let name = handOver?.name ?? 'default-1';
  let shipped: { models: HierarchicalModels; data: ClassifierHandOver } | null = null;
  let version: { models: HierarchicalModels; name: string; value: string } | null = null;
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
  const handOverNow = (): ClassifierHandOver => {
    if (shipped?.models !== models || shipped.data.name !== name)
      shipped = { models, data: { model: serializeHierarchical(models), name } };
    return shipped.data;
  };
  return {
    ...analyzer,
    // A worker thread gets the active model (the shipped one or a retrained version) serialised, so import and
    // intake classify with the same model and the thread starts without training it.
    get threadFactory() {
      return { module: import.meta.url, name: 'createDefaultAnalyzer', data: handOverNow() };
    },
    // The model's bytes, not only its name: a release may ship another default model under the same name.
    get version() {
      if (version?.models !== models || version.name !== name) {
        const hash = createHash('sha256').update(name).update('\u0000').update(handOverNow().model);
        version = { models, name, value: `${name}:${hash.digest('base64url').slice(0, 22)}:${rulesFingerprint()}` };
      }
      return version.value;
    },
    useClassifier(next, nextName) {
      models = next;
      name = nextName;
    },
  };
}
