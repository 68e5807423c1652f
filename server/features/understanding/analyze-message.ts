import { extractAddresses, findMunicipality, YAROSLAVL_GAZETTEER } from '../places';
import { assessUrgency } from '../urgency';
import { scoreDuplicates } from '../duplicates/similarity';
import { classifyMessage } from '../classifier/hierarchy';
import { loadDefaultClassifier } from '../classifier/default-model/load-default';
import type { MessageAnalyzer } from './message-analyzer';
import { composeAnalyzer } from './compose-analyzer';

/** Production analyzer: the shipped classifier, the region's gazetteer, the urgency lexicon, duplicate scoring. */
export function createDefaultAnalyzer(): MessageAnalyzer {
  const models = loadDefaultClassifier();
  const analyzer = composeAnalyzer({
    classify: (text) => {
      const c = classifyMessage(models, text);
      return {
        block: c.block || null, category: c.category || null, confidence: Math.round(c.confidence * 1000) / 1000,
        top: c.top.map((t) => ({ label: `${t.block}.${t.category}`, score: Math.round(t.score * 1000) / 1000 })), model: 'default-1',
      };
    },
    findMunicipality: (text) => findMunicipality(text, YAROSLAVL_GAZETTEER),
    extractAddresses,
    assessUrgency: (text, at) => {
      const u = assessUrgency(text, { at });
      return { priority: u.priority, flags: u.flags.map((f) => ({ code: f.code, label: f.label, triggers: [...f.triggers] })) };
    },
    duplicateOf: (query, candidates) => {
      const a = query.analysis;
      const best = scoreDuplicates(
        { text: query.text, municipalityCode: a.municipalityCode, addresses: a.addresses, block: a.block, category: a.category, createdAt: query.createdAt },
        candidates.map((c) => ({
          id: c.caseId, text: c.text, municipalityCode: c.municipalityCode, block: c.block, category: c.category, createdAt: c.createdAt,
          addresses: extractAddresses(`${c.address ?? ''} ${c.text}`).map((x) => ({ street: x.street, house: x.house ?? null })),
        })),
      )[0];
      return best?.decision === 'duplicate' ? best.id : null;
    },
  });
  return { ...analyzer, threadFactory: { module: import.meta.url, name: 'createDefaultAnalyzer' } };
}
