import { describe, expect, it } from 'vitest';
import { problemText, stemWord, textSimilarity, topicsOf } from './similarity-text';

describe('similarity text', () => {
  it.each([
    ['отопления', 'отоплен'],
    ['отключили', 'отключ'],
    ['батареи', 'батаре'],
    ['крыша', 'крыш'],
    ['течёт', 'течёт'],
  ])('stems %s → %s', (word, stem) => {
    expect(stemWord(word)).toBe(stem.slice(0, 6));
  });

  it('survives rewording and case forms', () => {
    const a = 'Третий день нет горячей воды, управляющая компания не отвечает';
    const b = 'Уже три дня отсутствует горячая вода, управляющая компания молчит';
    expect(textSimilarity(a, b)).toBeGreaterThan(0.3);
    expect(textSimilarity(a, 'Во дворе сломаны качели')).toBeLessThan(0.1);
    expect(textSimilarity(a, a)).toBe(1);
  });

  it('leaves proper names out of the comparison', () => {
    expect(problemText('Ярославль, ул. Свободы — яма')).not.toMatch(/Ярославль|Свободы/u);
    expect(textSimilarity('Ярославль, ул. Свободы — яма', 'Ярославль, ул. Свободы — лифт')).toBe(0);
  });

  it.each([
    ['Нет горячей воды', ['water']],
    ['Газон разрыт', []],
    ['Запах газа', ['gas']],
    ['Гаврилов-Ям, сломан лифт', ['lift']],
    ['Сосульки над подъездом', ['roof']],
    ['Яма на дороге', ['road', 'roadway']],
  ])('topics of «%s»', (text, topics) => {
    expect([...topicsOf(text)].sort()).toEqual(topics);
  });
});
