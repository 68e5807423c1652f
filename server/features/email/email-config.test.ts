import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config';
import type { Services } from '../../lib/context';
import { createEmailAdapter } from './email.adapter';

const adapterFor = (env: Record<string, string>) =>
  createEmailAdapter({ config: loadConfig(env) } as Pick<Services, 'config'> as Services);

describe('e-mail channel configuration', () => {
  it('is off without IMAP and SMTP hosts', () => {
    expect(loadConfig({}).email).toEqual({ imap: null, smtp: null });
    expect(adapterFor({})).toBeNull();
  });

  it('reads IMAP and SMTP settings with their defaults', () => {
    const config = loadConfig({
      OTKLIK_IMAP_HOST: 'imap.example.ru',
      OTKLIK_IMAP_USER: 'cur',
      OTKLIK_IMAP_PASSWORD: 'x',
      OTKLIK_IMAP_PROCESSED_MAILBOX: 'Обработано',
      OTKLIK_SMTP_HOST: 'smtp.example.ru',
      OTKLIK_SMTP_PORT: '587',
      OTKLIK_SMTP_TLS: 'false',
      OTKLIK_SMTP_FROM: 'ЦУР <cur@example.ru>',
    });
    expect(config.email.imap).toEqual({
      host: 'imap.example.ru',
      port: 993,
      user: 'cur',
      password: 'x',
      tls: true,
      mailbox: 'INBOX',
      processedMailbox: 'Обработано',
      pollSeconds: 60,
    });
    expect(config.email.smtp).toEqual({
      host: 'smtp.example.ru',
      port: 587,
      user: undefined,
      password: undefined,
      tls: false,
      from: 'ЦУР <cur@example.ru>',
    });
  });

  it('each half alone: intake only polls, answers only send', () => {
    const intake = adapterFor({
      OTKLIK_IMAP_HOST: 'imap.example.ru',
      OTKLIK_IMAP_USER: 'cur',
      OTKLIK_IMAP_PASSWORD: 'x',
    });
    expect(intake?.start).toBeTypeOf('function');
    expect(intake?.send).toBeUndefined();
    const answers = adapterFor({ OTKLIK_SMTP_HOST: 'smtp.example.ru', OTKLIK_SMTP_FROM: 'cur@example.ru' });
    expect(answers?.start).toBeUndefined();
    expect(answers?.send).toBeTypeOf('function');
    expect(answers?.channels).toEqual(['email']);
  });

  it('an incomplete configuration is refused with every problem named', () => {
    expect(() => loadConfig({ OTKLIK_IMAP_HOST: 'imap.example.ru', OTKLIK_SMTP_HOST: 'smtp.example.ru' })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ OTKLIK_IMAP_HOST: 'imap.example.ru', OTKLIK_SMTP_HOST: 'smtp.example.ru' })).toThrow(
      /OTKLIK_IMAP_USER, OTKLIK_IMAP_PASSWORD: обязательны[\s\S]*OTKLIK_SMTP_FROM: обязателен/,
    );
    expect(() => loadConfig({ OTKLIK_SMTP_FROM: 'not an address' })).toThrow(/OTKLIK_SMTP_FROM/);
  });
});
