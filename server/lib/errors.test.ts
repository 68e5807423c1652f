import { describe, expect, it } from 'vitest';
import { notFound } from './errors';

describe('notFound', () => {
  it('agrees with the gender of the word', () => {
    expect(notFound('Проект').message).toBe('Проект не найден');
    expect(notFound('Дорожная карта', 'f').message).toBe('Дорожная карта не найдена');
    expect(notFound('Заседание', 'n').message).toBe('Заседание не найдено');
    expect(notFound().status).toBe(404);
  });
});
