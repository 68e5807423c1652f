import { describe, expect, it } from 'vitest';
import { ApiError, errorMessage } from './client';

describe('errorMessage', () => {
  it('names the fields a refused form got wrong, items counted from one', () => {
    const error = new ApiError(400, 'validation_failed', 'Некорректные данные запроса', [
      { path: '/channels/0/target', message: 'ожидается @имя канала или его номер' },
      { path: '/team/1/share', message: 'Слишком большое значение' },
    ]);
    expect(errorMessage(error)).toBe(
      'Некорректные данные запроса. channels › 1 › target: ожидается @имя канала или его номер; team › 2 › share: Слишком большое значение',
    );
  });

  it('keeps a long list short and ignores details that are not field problems', () => {
    const many = Array.from({ length: 6 }, (_, i) => ({ path: `/f${i}`, message: 'Обязательное поле' }));
    expect(errorMessage(new ApiError(400, 'validation_failed', 'Ошибка', many))).toBe(
      'Ошибка. f0: Обязательное поле; f1: Обязательное поле; f2: Обязательное поле; f3: Обязательное поле; и ещё 2',
    );
    expect(errorMessage(new ApiError(400, 'validation_failed', 'Дата в будущем', { createdAt: 'x' }))).toBe(
      'Дата в будущем',
    );
    expect(errorMessage(new ApiError(400, 'x', 'Сообщение', [{ nothing: 1 }]))).toBe('Сообщение');
  });
});
