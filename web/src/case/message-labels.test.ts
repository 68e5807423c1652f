import { describe, expect, it } from 'vitest';
import { describeLabels } from './message-labels';

describe('message labels on the case card', () => {
  it('hide demo markers, technical ids and raw structures', () => {
    expect(describeLabels({ demo: true })).toEqual([]);
    expect(describeLabels({ telegram: { chatId: 5, messageId: 7, updateId: 9 } })).toEqual([]);
    expect(
      describeLabels({ open311: { update_id: 'u1', service_request_id: '77', token_id: 3, status: 'open' } }),
    ).toEqual([]);
    const letter = describeLabels({
      subject: 'Яма',
      messageId: '<a@b>',
      inReplyTo: null,
      references: ['<x@y>'],
      replyTo: 'a@b.ru',
      date: '2026-11-01T10:00:00Z',
    });
    expect(letter).toEqual([{ label: 'Тема письма', value: 'Яма' }]);
  });

  it('say in Russian where a widget form came from and which consent was given', () => {
    const facts = describeLabels({
      widget: {
        source: { url: 'https://mo.example.ru/priem', title: 'Приёмная' },
        consent: { at: '2026-11-26T09:00:00Z', policyUrl: 'https://x', policyVersion: '2' },
      },
    });
    expect(facts).toEqual([
      { label: 'Страница с виджетом', value: 'https://mo.example.ru/priem', href: 'https://mo.example.ru/priem' },
      { label: 'Согласие на обработку ПДн', value: 'дано 26.11.2026 12:00, редакция политики 2' },
    ]);
    expect(facts.map((f) => f.value).join(' ')).not.toContain('{');
  });

  it('name the network and link the post for VK and monitoring, never a javascript: link', () => {
    expect(
      describeLabels({
        url: 'https://vk.com/wall-1_2',
        vk: { kind: 'comment', ownerId: -1, postId: 2, commentId: 3, url: 'https://vk.com/wall-1_2' },
      }),
    ).toEqual([
      { label: 'Ссылка', value: 'https://vk.com/wall-1_2', href: 'https://vk.com/wall-1_2' },
      { label: 'ВКонтакте', value: 'комментарий к записи' },
    ]);
    expect(
      describeLabels({ monitoring: { source: 'Подслушано Рыбинск', url: 'javascript:alert(1)', relevance: 0.8 } }),
    ).toEqual([
      { label: 'Найдено мониторингом', value: 'Подслушано Рыбинск' },
      { label: 'Публикация', value: 'javascript:alert(1)' },
    ]);
  });
});
