import { describe, expect, it } from 'vitest';
import type { Lookups } from '../reference/lookups';
import { describeEvent, describePlace } from './history-list';

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

describe('the history entry of an event', () => {
  const ref = {
    municipality: () => undefined,
    blockName: (b: string) => b,
    categoryName: (_b: string, c: string) => c,
  } as unknown as Parameters<typeof describeEvent>[2];
  it('puts known keys into words and shows no ids or raw keys', () => {
    expect(
      describeEvent(
        'delivery',
        { channel: 'letter', delivered: false, messageId: '444', result: 'ожидает выгрузки', answerId: '1' },
        ref,
        '2026-12-01T10:00:00Z',
      ),
    ).toBe('канал: Письмо; доставлено: нет; результат: ожидает выгрузки');
    expect(describeEvent('rating', { score: 5, source: 'staff' }, ref, '2026-12-01T10:00:00Z')).toBe(
      'оценка: 5; источник: сотрудник ЦУР со слов гражданина',
    );
    expect(describeEvent('rating', { score: 2, source: 'messenger_telegram' }, ref, '2026-12-01T10:00:00Z')).toBe(
      'оценка: 2; источник: Telegram-бот',
    );
    expect(
      describeEvent('answer', { kind: 'final', files: 1, someInternalFlag: 'x' }, ref, '2026-12-01T10:00:00Z'),
    ).toBe('вид: окончательный; файлов: 1');
  });
});
