import { loadDefaultClassifier } from '../classifier';
import { extractAddresses, findMunicipality, YAROSLAVL_GAZETTEER } from '../places';
import { assessUrgency } from '../urgency';
import { decideDuplicate } from '../duplicates/similarity';
import type { MessageAnalyzer } from './message-analyzer';
import { composeAnalyzer } from './compose-analyzer';

/** Production analyzer: the shipped classifier, the region's gazetteer, the urgency lexicon, duplicate scoring. */
export function createDefaultAnalyzer(): MessageAnalyzer {
  const classifier = loadDefaultClassifier();
  return composeAnalyzer({
    classify: (text) => classifier.classify(text),
    findMunicipality: (text) => findMunicipality(text, YAROSLAVL_GAZETTEER),
    extractAddresses: (text) => extractAddresses(text).map((a) => ({ street: a.street, house: a.house, raw: a.raw })),
    assessUrgency: (text, at) => {
      const u = assessUrgency(text, { at });
      return { priority: u.priority, flags: u.flags.map((f) => ({ code: f.code, label: f.label, triggers: [...f.triggers] })) };
    },
    duplicateOf: (query, candidates) => decideDuplicate(query, candidates),
  });
}
