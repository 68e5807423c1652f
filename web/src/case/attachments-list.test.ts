import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { StoredAttachment } from '../../../shared/api/messages';
import { AttachmentsList, externalHost } from './attachments-list';

const link = (url: string, name = 'c.jpg'): StoredAttachment => ({
  id: `link-1-${name}`,
  name,
  mimeType: null,
  size: null,
  sha256: null,
  url,
  thumbnailUrl: null,
  status: 'external',
  error: null,
});
const render = (files: StoredAttachment[]) =>
  renderToStaticMarkup(createElement(AttachmentsList, { files, label: 'Вложения сообщения' }));

describe('a file given only by its address', () => {
  it('is a link that opens in a new tab without the referrer, marked as external and not kept', () => {
    const html = render([link('https://example.com/c.jpg')]);
    expect(html).toContain('href="https://example.com/c.jpg"');
    expect(html).toContain('target="_blank"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    expect(html).toContain('внешняя ссылка (example.com): файл не хранится на платформе');
    expect(html).not.toContain('<img');
  });

  it('is never a link for an address other than http(s)', () => {
    expect(externalHost('javascript:alert(1)')).toBeNull();
    expect(externalHost('HTTPS://Example.com:8443/a')).toBe('example.com:8443');
    const html = render([link('javascript:alert(1)', 'вредная')]);
    expect(html).not.toContain('href=');
    expect(html).toContain('вредная');
  });
});
