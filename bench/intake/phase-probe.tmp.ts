import { createDefaultAnalyzer } from '../../server/features/understanding/analyze-message';
import { readSource } from '../../server/features/import-export/read-source';
const texts: string[] = [];
for await (const r of readSource('/work/shared/data/spb-appeals/messages.jsonl.gz', 'jsonl')) {
  if (!('value' in r)) continue;
  const t = (r.value as { text?: string }).text; if (t?.trim()) texts.push(t.trim().slice(0,20000));
  if (texts.length >= 3000) break;
}
const a = createDefaultAnalyzer();
for (let i = 0; i < 300; i++) a.analyze(texts[i]!, new Date());
const t0 = performance.now();
let chars = 0;
for (let i = 300; i < 3000; i++) { a.analyze(texts[i]!, new Date()); chars += texts[i]!.length; }
const ms = (performance.now() - t0) / 2700;
console.log('analyze ms/msg', ms.toFixed(3), 'avg chars', (chars/2700).toFixed(0));
