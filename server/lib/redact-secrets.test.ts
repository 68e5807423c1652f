import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { configSecrets, redactSecrets, safeErrorText } from './redact-secrets';

describe('redactSecrets', () => {
  it('removes bot tokens from request addresses, credentials from URLs, keys from query strings and auth headers', () => {
    const text = [
      'request to https://api.telegram.org/bot7000000001:AAFakeTokenForLoopbackStandIn_123/sendMessage failed',
      'connect postgres://otklik:Sup3r-Secret@db:5432/otklik',
      'GET https://api.vk.ru/method/messages.send?v=5.199&access_token=vk1.a.abcdef123456&peer_id=1',
      'Authorization: Bearer 0tk_abcdefghijklmnop',
    ].join('\n');
    const out = redactSecrets(text);
    expect(out).not.toMatch(/AAFakeToken|Sup3r-Secret|vk1\.a\.abcdef|0tk_abcdefghijklmnop/);
    expect(out).toContain('https://api.telegram.org/bot<скрыто>/sendMessage');
    expect(out).toContain('postgres://otklik:<скрыто>@db:5432/otklik');
    expect(out).toContain('peer_id=1');
  });

  it('removes any literal secret the configuration holds, wherever it appears', () => {
    const config = loadConfig({
      OTKLIK_SMTP_HOST: 'smtp.local',
      OTKLIK_SMTP_FROM: 'cur@example.ru',
      OTKLIK_SMTP_PASSWORD: 'пароль-почты-42',
    });
    expect(configSecrets(config)).toContain('пароль-почты-42');
    expect(safeErrorText(new Error('535 auth failed for пароль-почты-42'), config)).toBe(
      '535 auth failed for <скрыто>',
    );
  });
});
