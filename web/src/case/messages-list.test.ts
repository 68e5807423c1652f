import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MessagesList } from './messages-list';

describe('citizen messages', () => {
  it('render markup in a message as literal text', () => {
    const text = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const html = renderToStaticMarkup(createElement(MessagesList, {
      messages: [{
        id: '1', channel: 'email', externalId: 'x-1', text, createdAt: '2026-11-26T09:00:00Z', author: '<b>Автор</b>',
        contact: null, address: null, labels: { note: '<i>метка</i>' }, duplicate: false, attachments: [],
      }],
    }));
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;Автор&lt;/b&gt;');
    expect(html).not.toMatch(/<(img|script|b|i)[\s>]/);
    expect(html).toContain('26.11.2026 12:00');
  });
});
