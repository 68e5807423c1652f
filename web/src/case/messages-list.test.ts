import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MessagesList } from './messages-list';

describe('citizen messages', () => {
  it('render markup in a message as literal text', () => {
    const text = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const html = renderToStaticMarkup(
      createElement(MessagesList, {
        messages: [
          {
            id: '1',
            channel: 'email',
            externalId: 'x-1',
            text,
            createdAt: '2026-11-26T09:00:00Z',
            author: '<b>Автор</b>',
            contact: null,
            address: null,
            labels: { note: '<i>метка</i>' },
            duplicate: false,
            attachments: [],
          },
        ],
      }),
    );
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;Автор&lt;/b&gt;');
    expect(html).not.toMatch(/<(img|script|b|i)[\s>]/);
    expect(html).toContain('26.11.2026 12:00');
  });

  it('show a photo as its thumbnail linking to the full file, other files as downloads, names as text', () => {
    const file = (id: string, name: string, mimeType: string, thumbnail: boolean) => ({
      id,
      name,
      mimeType,
      size: 2048,
      sha256: 'a'.repeat(64),
      url: `/api/attachments/${id}`,
      thumbnailUrl: thumbnail ? `/api/attachments/${id}/thumbnail` : null,
      status: 'stored' as const,
      error: null,
    });
    const html = renderToStaticMarkup(
      createElement(MessagesList, {
        messages: [
          {
            id: '2',
            channel: 'messenger_telegram',
            externalId: '1:2',
            text: 'Яма',
            createdAt: '2026-11-26T09:00:00Z',
            author: null,
            contact: null,
            address: null,
            labels: null,
            duplicate: false,
            attachments: [
              file('7', 'яма.jpg', 'image/jpeg', true),
              file('8', '<script>x</script>.html', 'application/octet-stream', false),
              { ...file('9', 'photo.jpg', 'image/jpeg', false), status: 'pending' as const, sha256: null, size: null },
            ],
          },
        ],
      }),
    );
    expect(html).toContain('<img src="/api/attachments/7/thumbnail" alt="Фото: яма.jpg"');
    expect(html).toContain('href="/api/attachments/7"');
    expect(html).toContain('download="&lt;script&gt;x&lt;/script&gt;.html"');
    expect(html).not.toContain('<script>');
    expect(html).toContain('2 КБ');
    expect(html).toContain('загружается из канала');
  });
});
