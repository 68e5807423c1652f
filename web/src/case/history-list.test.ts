import { describe, expect, it } from 'vitest';
import type { Lookups } from '../reference/lookups';
import { describePlace } from './history-list';

const names: Record<string, string> = { rybinsk: 'Рыбинск', uglich: 'Угличский' };
const ref = {
  municipality: (code: string | null | undefined) => (code && names[code] ? { name: names[code] } : undefined),
} as unknown as Lookups;

describe('the history entry of how the place was decided', () => {
  it('names the municipality, each source and the disagreements in Russian', () => {
    expect(
      describePlace(
        {
          municipality: 'rybinsk',
          source: 'field',
          outside: false,
          evidence: { text: 'rybinsk', field: 'rybinsk', point: 'uglich' },
          disagreements: [{ source: 'point', code: 'uglich' }],
        },
        ref,
      ),
    ).toBe(
      'муниципалитет: Рыбинск (по: поле муниципалитета); источники: текст — Рыбинск, поле муниципалитета — Рыбинск, координаты — Угличский; расходятся: координаты — Угличский',
    );
  });

  it('says when nothing was decided and the point lies outside the region', () => {
    expect(
      describePlace({ municipality: null, source: null, outside: true, evidence: {}, disagreements: [] }, ref),
    ).toBe('муниципалитет: не определён; координаты вне области');
  });
});
