// Shared pieces of the fuzz tests (fast-check): fixed seeds so a failure repeats, the seed printed with it, and
// generators of the hostile values every entry point meets.
import fc from 'fast-check';

/** Fixed per entry point; `FUZZ_SEED` replays one seed (fast-check prints the seed and path of any failure). */
export const fuzzSeed = (own: number): number => (process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : own);

/** Runs a property with the seed printed on failure (fast-check adds the counterexample and its shrunk path). */
export async function fuzz<T>(
  name: string,
  seed: number,
  numRuns: number,
  arbitrary: fc.Arbitrary<T>,
  check: (value: T) => Promise<void>,
): Promise<void> {
  const s = fuzzSeed(seed);
  try {
    await fc.assert(fc.asyncProperty(arbitrary, check), { seed: s, numRuns, endOnFailure: true });
  } catch (e) {
    const cause = (e as Error).cause instanceof Error ? `\nCause: ${((e as Error).cause as Error).message}` : '';
    throw new Error(`fuzz ${name} failed (seed ${s}; FUZZ_SEED=${s} repeats it): ${(e as Error).message}${cause}`);
  }
}

/** Strings that break parsers and databases: NUL, lone surrogates, control characters, very long, numeric. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 20 }).map((s) => `${s}\u0000${s}`),
  fc.constantFrom(
    '\uD800',
    '\uDFFF',
    'a\uD83D',
    '\u202E',
    '\uFEFF',
    '%00',
    '\\u0000',
    "'; drop table cases; --",
    '${x}',
    '{{x}}',
    '<script>',
    '../..',
  ),
  fc.constantFrom(
    '99999999999999999999',
    '-1',
    '0',
    '1e308',
    'NaN',
    'Infinity',
    '2147483648',
    '9223372036854775808',
    '',
  ),
  fc.string({ minLength: 500, maxLength: 3000 }),
);

/** Dates as clients write them, valid and not: far future and past, JavaScript's largest, broken forms. */
export const hostileDate: fc.Arbitrary<string> = fc.oneof(
  fc
    .date({ min: new Date('1000-01-01'), max: new Date('2999-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom(
    '+275760-09-13T00:00:00Z',
    '-271821-04-20T00:00:00Z',
    '+010000-01-01T00:00:00Z',
    '1900-01-01T00:00:00Z',
    '2999-01-01',
    '2026-02-30T10:00:00',
    '2026-11-20T25:61:00',
    '2026-11-20T10:00:00+99:99',
    '20.11.2026',
    '2026-11-20',
    '1e12',
    '',
  ),
  fc.integer({ min: -1e15, max: 1e15 }).map(String),
  hostileString,
);

/** A JSON value nested `depth` levels deep (objects or arrays), as text: deeper than any parser should walk. */
export const deepJson = (depth: number, array: boolean): string =>
  array ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** Any JSON value, including hostile strings and deep nesting; sometimes a raw body that is not JSON at all. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  {
    weight: 1,
    arbitrary: fc.dictionary(
      hostileString,
      fc.oneof(hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null)),
      { maxKeys: 6 },
    ),
  },
);
