// The tone flags on their labelled set: a change of the word lists that loses much precision or recall fails here.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLabelled, scoreFlags } from './flags';

describe('tone flags on the labelled set', () => {
  it('keeps precision and recall of protest and insult at 0.9 or more on 200+ messages', () => {
    const rows = readLabelled(join(__dirname, 'labelled.jsonl'));
    expect(rows.length).toBeGreaterThanOrEqual(200);
    const { scores } = scoreFlags(rows);
    expect(scores.map((s) => s.code)).toEqual(['protest', 'insult']);
    for (const s of scores) {
      expect(s.precision, s.code).toBeGreaterThanOrEqual(0.9);
      expect(s.recall, s.code).toBeGreaterThanOrEqual(0.9);
    }
  });
});
