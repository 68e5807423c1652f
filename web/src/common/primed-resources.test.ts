import { afterEach, describe, expect, it, vi } from 'vitest';
import { peekPrimed, primeResource, PRIMED_MAX_AGE_MS, primeWait, PRIME_WAIT_MS, takePrimed } from './primed-resources';

describe('primed resources', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('hold a load until a screen takes it, with its data once it has arrived', async () => {
    let resolve: (v: string) => void = () => undefined;
    const load = new Promise<string>((r) => (resolve = r));
    const settled = primeResource('inbox?a', load);
    expect(peekPrimed('inbox?a')?.settled).toBeUndefined(); // on its way: the screen takes the same promise
    resolve('rows');
    await settled;
    expect(peekPrimed('inbox?a')?.settled?.data).toBe('rows');
    expect(peekPrimed('inbox?a')?.settled?.data).toBe('rows'); // peeking leaves it
    expect(await takePrimed('inbox?a')?.promise).toBe('rows');
    expect(takePrimed('inbox?a')).toBeUndefined(); // taken once
    expect(peekPrimed('inbox?b')).toBeUndefined();
  });

  it('leave a failed load to the screen, which shows its error', async () => {
    const failure = new Error('нет связи');
    const load = Promise.reject(failure);
    await primeResource('inbox?c', load); // priming itself does not fail
    const entry = takePrimed('inbox?c');
    expect(entry?.settled).toBeUndefined();
    await expect(entry?.promise).rejects.toBe(failure);
  });

  it('drop data no screen took in time', async () => {
    vi.useFakeTimers();
    await primeResource('inbox?d', Promise.resolve('old rows'));
    vi.advanceTimersByTime(PRIMED_MAX_AGE_MS + 1);
    expect(peekPrimed('inbox?d')).toBeUndefined();
    expect(takePrimed('inbox?d')).toBeUndefined();
  });

  it('hold the first render back only so long', async () => {
    vi.useFakeTimers();
    let waited = false;
    void primeWait(primeResource('inbox?e', new Promise<never>(() => undefined)))?.then(() => (waited = true));
    await vi.advanceTimersByTimeAsync(PRIME_WAIT_MS - 1);
    expect(waited).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(waited).toBe(true);
    expect(primeWait(undefined)).toBeUndefined();
  });
});
