import { describe, expect, it } from 'vitest';
import { pageWithSession, scriptJson } from './web-page';

const INDEX = '<!doctype html><html><head><title>Отклик</title><script>boot()</script></head><body></body></html>';

describe('страница приложения с сессией', () => {
  it('пишет сессию перед первым скриптом страницы', () => {
    const page = pageWithSession(INDEX, { user: { login: 'operator' } }, 'n0nce');
    expect(
      page.indexOf('<script nonce="n0nce">window.__otklikSession = {"user":{"login":"operator"}};'),
    ).toBeGreaterThan(0);
    expect(page).toContain('<script nonce="n0nce">boot()</script>');
    expect(page.indexOf('__otklikSession')).toBeLessThan(page.indexOf('boot()'));
    expect(pageWithSession('<html><head></head></html>', { user: null }, 'n0nce')).toContain(
      '<script nonce="n0nce">window.__otklikSession = {"user":null};</script>\n    </head>',
    );
  });

  it('имя пользователя не может закрыть скрипт или сломать JavaScript', () => {
    const session = { user: { name: '</script><script>alert(1)</script>\u2028\u2029<!--' } };
    const json = scriptJson(session);
    expect(json).not.toMatch(/<|\u2028|\u2029/);
    expect(JSON.parse(json)).toEqual(session);
    const page = pageWithSession(INDEX, session, 'n0nce');
    expect(page.match(/<script nonce="n0nce">/g)).toHaveLength(2);
    expect(page.match(/<\/script>/g)).toHaveLength(2);
  });
});
