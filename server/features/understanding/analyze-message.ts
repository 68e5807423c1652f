import { extractAddresses, findMunicipality, YAROSLAVL_GAZETTEER } from '../places';
import { assessUrgency } from '../urgency';
import { rankDuplicateCandidates } from '../duplicates/rank-candidates';
import { classifyMessage } from '../classifier/hierarchy';
import { loadDefaultClassifier } from '../classifier/default-model/load-default';
import type { MessageAnalyzer } from './message-analyzer';
import { composeAnalyzer } from './compose-analyzer';

/** Production analyzer: the shipped classifier, the region's gazetteer, the urgency lexicon, duplicate scoring. */
export function createDefaultAnalyzer(): MessageAnalyzer {
  let models = loadDefaultClassifier();
  let name = 'default-1';
  const analyzer = composeAnalyzer({
    classify: (text) => {
      const c = classifyMessage(models, text);
      return {
        block: c.block || null, category: c.category || null, confidence: Math.round(c.confidence * 1000) / 1000,
        top: c.top.map((t) => ({ label: `${t.block}.${t.category}`, score: Math.round(t.score * 1000) / 1000 })), model: name,
      };
    },
    findMunicipality: (text) => findMunicipality(text, YAROSLAVL_GAZETTEER),
    extractAddresses,
    assessUrgency: (text, at) => {
      const u = assessUrgency(text, { at });
      return { priority: u.priority, flags: u.flags.map((f) => ({ code: f.code, label: f.label, triggers: [...f.triggers] })) };
    },
    duplicateOf: (query, candidates, options) => {
      const best = rankDuplicateCandidates(query, candidates, options)[0];
      return best?.decision === 'duplicate' ? best.id : null;
    },
  });
  const threadFactory = { module: import.meta.url, name: 'createDefaultAnalyzer' } as const;
  return {
    ...analyzer,
    // A worker thread builds the shipped model; once a retrained version is active, analysis stays in this thread
    // so that import and intake classify with the same model.
    get threadFactory() {
      return name === 'default-1' ? threadFactory : undefined;
    },
    useClassifier(next, nextName) {
      models = next;
      name = nextName;
    },
  };
}
