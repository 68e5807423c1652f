import { describe, expect, it } from 'vitest';
import { ROLES } from '../auth/roles';
import {
  applyView,
  FULL_VIEW,
  MASKED_VIEW,
  maskContactsInText,
  maskLabels,
  maskNamesInText,
  MASKS,
  personalDataView,
} from './masking';

describe('maskContactsInText', () => {
  it.each([
    '+7 (905) 123-45-67',
    '+79051234567',
    '8-905-123-45-67',
    '8 (4852) 72-10-10',
    '8 905 123 45 67',
    '+7 905 123 45 67',
    '(905) 123-45-67',
    '905 123 45 67',
    '72-10-10',
    '272-10-10',
    '+7-905-123-4567',
    '8(905)1234567',
  ])('hides the phone %s', (phone) => {
    const masked = maskContactsInText(`Звоните мне: ${phone}, жду.`);
    expect(masked).toBe(`Звоните мне: ${MASKS.phone}, жду.`);
  });

  it('hides e-mails, including Cyrillic domains', () => {
    expect(maskContactsInText('Пишите ivan.petrov+cur@mail.ru или почта@пример.рф')).toBe(
      `Пишите ${MASKS.email} или ${MASKS.email}`,
    );
  });

  it('keeps dates, house numbers, sums and case numbers', () => {
    const text =
      'Дом 12, кв. 34, 15.03.2024 (2024-03-15, 15-03-2024) в 10:30, долг 12 500 руб., обращение 123456, ИНН 7604012345, ОГРН 1027600683824';
    expect(maskContactsInText(text)).toBe(text);
  });
});

describe('maskNamesInText', () => {
  it('hides the words of a name in any case ending', () => {
    expect(maskNamesInText('Я, Иванова Мария, прошу. Марии Ивановой ответьте', ['Иванова Мария Петровна'])).toBe(
      `Я, ${MASKS.name} ${MASKS.name}, прошу. ${MASKS.name} ${MASKS.name} ответьте`,
    );
  });
  it('leaves a text alone without names', () => {
    expect(maskNamesInText('Яма на дороге', [null, ''])).toBe('Яма на дороге');
  });
});

describe('personalDataView', () => {
  it('gives the full view to roles that handle cases and a masked one to the rest', () => {
    const full = ROLES.filter((r) => personalDataView(r) === FULL_VIEW);
    expect(full.sort()).toEqual([
      'block_lead',
      'block_owner',
      'direction_lead',
      'executive_secretary',
      'executor',
      'head',
      'operator',
    ]);
    for (const r of ['auditor', 'media_officer', 'curator', 'admin'] as const)
      expect(personalDataView(r)).toEqual(MASKED_VIEW);
  });
});

describe('applyView and maskLabels', () => {
  const message = {
    text: 'Меня зовут Пётр Сидоров, телефон 8 905 123-45-67',
    author: 'Сидоров Пётр',
    contact: 'p@example.ru',
    address: 'ул. Свободы, 1, кв. 5',
    labels: { replyTo: 'p@example.ru', subject: 'От Сидорова, p@example.ru', telegram: { chatId: 42, messageId: 7 } },
  };
  it('masks every citizen field for a masked view', () => {
    const masked = applyView(message, MASKED_VIEW);
    expect(masked).toEqual({
      text: `Меня зовут ${MASKS.name} ${MASKS.name}, телефон ${MASKS.phone}`,
      author: null,
      contact: null,
      address: null,
      labels: { subject: `От ${MASKS.name}, ${MASKS.email}`, telegram: { messageId: 7 } },
    });
  });
  it('changes nothing for the full view', () => {
    expect(applyView(message, FULL_VIEW)).toBe(message);
  });
  it('cuts labels nested too deep instead of overflowing the stack', () => {
    let deep: Record<string, unknown> = { x: 'end' };
    for (let i = 0; i < 10_000; i++) deep = { n: deep };
    expect(() => maskLabels(deep)).not.toThrow();
  });
});
