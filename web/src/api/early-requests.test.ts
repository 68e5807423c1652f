import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dropEarly, earlyCopy, startEarly, takeEarly } from './early-requests';

describe('запросы, начатые до отрисовки', () => {
  const fetchMock = vi.fn(async (url: string) => new Response(JSON.stringify({ url }), { status: 200 }));
  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockClear();
    dropEarly();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('ответ достаётся первому, кто спросит тот же адрес, один раз; повторный старт не дублирует запрос', async () => {
    startEarly('/api/reference');
    const copy = earlyCopy('/api/reference');
    startEarly('/api/reference');
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(await (await copy!).json()).toEqual({ url: '/api/reference' });
    const taken = takeEarly('/api/reference');
    expect(taken).toBeDefined();
    expect(await (await taken!).json()).toEqual({ url: '/api/reference' }); // its own body, not the copy's
    expect(takeEarly('/api/reference')).toBeUndefined();
    expect(takeEarly('/api/cases')).toBeUndefined();
  });

  it('после входа или выхода и через 10 с начатые запросы не используются', async () => {
    startEarly('/api/cases');
    dropEarly();
    expect(takeEarly('/api/cases')).toBeUndefined();
    vi.useFakeTimers({ now: new Date('2026-11-27T09:00:00Z') });
    startEarly('/api/cases');
    vi.setSystemTime(new Date('2026-11-27T09:00:11Z'));
    expect(takeEarly('/api/cases')).toBeUndefined();
  });
});
