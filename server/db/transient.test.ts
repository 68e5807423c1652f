import { describe, expect, it } from 'vitest';
import { isTransientFailure, retryTransient } from './transient';

const failure = (code: string) => Object.assign(new Error(`code ${code}`), { code });

describe('retryTransient', () => {
  it('runs the work again after a deadlock or a serialization failure', async () => {
    const codes = ['40P01', '40001'];
    let runs = 0;
    const result = await retryTransient(async () => {
      runs += 1;
      const code = codes.shift();
      if (code) throw failure(code);
      return 'записано';
    });
    expect(result).toBe('записано');
    expect(runs).toBe(3);
  });

  it('does not repeat other failures, and gives up after the last attempt', async () => {
    let runs = 0;
    await expect(
      retryTransient(async () => {
        runs += 1;
        throw failure('23505');
      }),
    ).rejects.toThrow('code 23505');
    expect(runs).toBe(1);
    runs = 0;
    await expect(
      retryTransient(async () => {
        runs += 1;
        throw failure('40P01');
      }, 3),
    ).rejects.toThrow('code 40P01');
    expect(runs).toBe(3);
  });

  it('tells transient failures from the rest', () => {
    expect(isTransientFailure(failure('40P01'))).toBe(true);
    expect(isTransientFailure(failure('23505'))).toBe(false);
    expect(isTransientFailure(new Error('x'))).toBe(false);
    expect(isTransientFailure(null)).toBe(false);
  });
});
