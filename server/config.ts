import path from 'node:path';
import { z } from 'zod';
import { isRole, type Role } from '../shared/auth/roles';

// Configuration is parsed once from the environment, validated with every problem reported, then frozen.
// Defaults take the zero-dependency path: embedded PGlite, in-process jobs, log-only outbound channels.
const boolish = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  OTKLIK_DATA_DIR: z.string().default('./data'),
  OTKLIK_DEMO: boolish.default(false),
  OTKLIK_PUBLIC_URL: z.string().url().optional(),
  OTKLIK_SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  // Sign-in hardening (server/features/auth): idle timeout, throttling and lockout, password policy, second factor.
  OTKLIK_SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
  OTKLIK_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(10),
  OTKLIK_LOGIN_ADDRESS_MAX_FAILURES: z.coerce.number().int().min(1).default(100),
  OTKLIK_LOGIN_LOCKOUT_MINUTES: z.coerce.number().positive().default(15),
  OTKLIK_PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(64).default(10),
  OTKLIK_TOTP_REQUIRED_ROLES: z.string().default('admin,curator').transform((v, c) => {
    const roles = v.trim() === 'none' ? [] : v.split(',').map((r) => r.trim()).filter(Boolean);
    for (const r of roles.filter((r) => !isRole(r))) c.addIssue({ code: 'custom', message: `неизвестная роль «${r}»` });
    return roles.filter(isRole);
  }),
  OTKLIK_TOTP_GRACE_DAYS: z.coerce.number().min(0).default(3),
  OTKLIK_TRIAGE_THRESHOLD: z.coerce.number().min(0).max(1).default(0.45),
  OTKLIK_MODEL_TOLERANCE: z.coerce.number().min(0).max(1).default(0.01),
  OTKLIK_DUPLICATE_WINDOW_DAYS: z.coerce.number().positive().max(365).default(14),
  OTKLIK_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  OTKLIK_COOKIE_SECURE: boolish.default(false),
  OTKLIK_OPEN311_JURISDICTION: z.string().trim().min(1).default('yar.ru'),
  OTKLIK_OPEN311_CONTACT: z.string().default('Центр управления регионом Ярославской области'),
  OTKLIK_WIDGET_UPLOAD_DIR: z.string().optional(),
  OTKLIK_WIDGET_MAX_PHOTO_BYTES: z.coerce.number().int().positive().default(5 * 1024 * 1024),
  OTKLIK_WIDGET_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  OTKLIK_MONITORING_VK_TOKEN: z.string().optional(),
  OTKLIK_MONITORING_VK_API_URL: z.string().url().optional(),
  OTKLIK_MONITORING_INTERVAL_SECONDS: z.coerce.number().int().min(10).default(900),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // E-mail channel: IMAP mailbox polled for letters, SMTP server for answers. Each half is off while its host is unset.
  OTKLIK_IMAP_HOST: z.string().optional(),
  OTKLIK_IMAP_PORT: z.coerce.number().int().min(1).max(65535).default(993),
  OTKLIK_IMAP_USER: z.string().optional(),
  OTKLIK_IMAP_PASSWORD: z.string().optional(),
  OTKLIK_IMAP_TLS: boolish.default(true),
  OTKLIK_IMAP_MAILBOX: z.string().default('INBOX'),
  OTKLIK_IMAP_PROCESSED_MAILBOX: z.string().optional(),
  OTKLIK_IMAP_POLL_SECONDS: z.coerce.number().positive().default(60),
  OTKLIK_SMTP_HOST: z.string().optional(),
  OTKLIK_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(465),
  OTKLIK_SMTP_USER: z.string().optional(),
  OTKLIK_SMTP_PASSWORD: z.string().optional(),
  OTKLIK_SMTP_TLS: boolish.default(true),
  OTKLIK_SMTP_FROM: z.string().regex(/^[^@\s<>]+@[^@\s<>]+$|<[^@\s<>]+@[^@\s<>]+>\s*$/, 'ожидается адрес вида cur@example.ru или «Имя <cur@example.ru>»').optional(),
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[\w-]+$/, 'ожидается токен бота вида 123456:ABC…').optional(),
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[\w-]{16,256}$/, 'от 16 до 256 символов: латиница, цифры, _ и -').optional(),
  TELEGRAM_BOT_USERNAME: z.string().regex(/^\w{3,64}$/).optional(),
  TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
  VK_ACCESS_TOKEN: z.string().min(10).optional(),
  VK_GROUP_ID: z.coerce.number().int().positive().optional(),
  VK_CONFIRMATION: z.string().min(1).max(100).optional(),
  VK_SECRET: z.string().min(8).max(50).optional(),
  VK_API_BASE_URL: z.string().url().default('https://api.vk.ru/method'),
}).superRefine((e, ctx) => {
  // A half-configured channel is a mistake to report, not a channel to switch off silently.
  const groups: Record<string, (keyof typeof e)[]> = {
    Telegram: ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET'],
    VK: ['VK_ACCESS_TOKEN', 'VK_GROUP_ID', 'VK_CONFIRMATION', 'VK_SECRET'],
  };
  for (const [channel, keys] of Object.entries(groups)) {
    const given = keys.filter((k) => e[k] !== undefined);
    if (given.length === 0 || given.length === keys.length) continue;
    for (const k of keys.filter((k) => e[k] === undefined)) {
      ctx.addIssue({ code: 'custom', path: [k], message: `${channel} настроен не полностью: задайте и эту переменную` });
    }
  }
});

/** The mailbox the e-mail channel polls. `processedMailbox` unset: letters are only marked seen. */
export type ImapSettings = Readonly<{
  host: string; port: number; user: string; password: string; tls: boolean;
  mailbox: string; processedMailbox: string | undefined; pollSeconds: number;
}>;
/** The SMTP server answers go out through; `tls` = implicit TLS (port 465), otherwise STARTTLS when offered. */
export type SmtpSettings = Readonly<{
  host: string; port: number; user: string | undefined; password: string | undefined; tls: boolean; from: string;
}>;

export interface TelegramConfig { token: string; webhookSecret: string; username: string | undefined; apiRoot: string }
export interface VkConfig { token: string; groupId: number; confirmation: string; secret: string; apiBaseUrl: string }

export type Config = Readonly<{
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  publicUrl: string | undefined;
  sessionTtlHours: number;
  auth: Readonly<{
    sessionIdleMinutes: number;
    /** Failed sign-ins of one login (and of one address) before a lockout of lockoutMinutes. */
    loginMaxFailures: number;
    addressMaxFailures: number;
    lockoutMinutes: number;
    passwordMinLength: number;
    /** Roles that must sign in with a TOTP code; a new account of such a role has graceDays to enrol. */
    totpRequiredRoles: readonly Role[];
    totpGraceDays: number;
  }>;
  triageThreshold: number;
  /** How much lower a retrained classifier's figure may be than the active model's and still be switched on. */
  modelTolerance: number;
  /** A message joins an open case about the same problem at the same place created within this many days. */
  duplicateWindowDays: number;
  maxBodyBytes: number;
  cookieSecure: boolean;
  logLevel: string;
  email: Readonly<{ imap: ImapSettings | null; smtp: SmtpSettings | null }>;
  /** Telegram bot (null: the channel is off). */
  telegram: TelegramConfig | null;
  /** VK community Callback API and answers (null: the channel is off). */
  vk: VkConfig | null;
  open311: Readonly<{ jurisdiction: string; contact: string }>;
  widget: Readonly<{ uploadDir: string; maxPhotoBytes: number; rateLimitPerMinute: number }>;
  monitoring: Readonly<{ vkToken: string | undefined; vkApiUrl: string | undefined; intervalSeconds: number }>;
}>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new ConfigError(`Ошибка конфигурации (переменные окружения):\n${problems}`);
  }
  const e = parsed.data;
  const emailProblems = [
    ...(e.OTKLIK_IMAP_HOST && (!e.OTKLIK_IMAP_USER || !e.OTKLIK_IMAP_PASSWORD) ? ['  OTKLIK_IMAP_USER, OTKLIK_IMAP_PASSWORD: обязательны, когда задан OTKLIK_IMAP_HOST'] : []),
    ...(e.OTKLIK_SMTP_HOST && !e.OTKLIK_SMTP_FROM ? ['  OTKLIK_SMTP_FROM: обязателен, когда задан OTKLIK_SMTP_HOST'] : []),
  ];
  if (emailProblems.length) throw new ConfigError(`Ошибка конфигурации (переменные окружения):\n${emailProblems.join('\n')}`);
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.OTKLIK_DATA_DIR),
    demo: e.OTKLIK_DEMO,
    publicUrl: e.OTKLIK_PUBLIC_URL,
    sessionTtlHours: e.OTKLIK_SESSION_TTL_HOURS,
    auth: Object.freeze({
      sessionIdleMinutes: e.OTKLIK_SESSION_IDLE_MINUTES,
      loginMaxFailures: e.OTKLIK_LOGIN_MAX_FAILURES,
      addressMaxFailures: e.OTKLIK_LOGIN_ADDRESS_MAX_FAILURES,
      lockoutMinutes: e.OTKLIK_LOGIN_LOCKOUT_MINUTES,
      passwordMinLength: e.OTKLIK_PASSWORD_MIN_LENGTH,
      totpRequiredRoles: Object.freeze(e.OTKLIK_TOTP_REQUIRED_ROLES),
      totpGraceDays: e.OTKLIK_TOTP_GRACE_DAYS,
    }),
    triageThreshold: e.OTKLIK_TRIAGE_THRESHOLD,
    modelTolerance: e.OTKLIK_MODEL_TOLERANCE,
    duplicateWindowDays: e.OTKLIK_DUPLICATE_WINDOW_DAYS,
    maxBodyBytes: e.OTKLIK_MAX_BODY_BYTES,
    cookieSecure: e.OTKLIK_COOKIE_SECURE,
    logLevel: e.LOG_LEVEL,
    email: Object.freeze({
      imap: e.OTKLIK_IMAP_HOST && e.OTKLIK_IMAP_USER && e.OTKLIK_IMAP_PASSWORD
        ? Object.freeze({
          host: e.OTKLIK_IMAP_HOST, port: e.OTKLIK_IMAP_PORT, user: e.OTKLIK_IMAP_USER, password: e.OTKLIK_IMAP_PASSWORD,
          tls: e.OTKLIK_IMAP_TLS, mailbox: e.OTKLIK_IMAP_MAILBOX, processedMailbox: e.OTKLIK_IMAP_PROCESSED_MAILBOX,
          pollSeconds: e.OTKLIK_IMAP_POLL_SECONDS,
        })
        : null,
      smtp: e.OTKLIK_SMTP_HOST && e.OTKLIK_SMTP_FROM
        ? Object.freeze({
          host: e.OTKLIK_SMTP_HOST, port: e.OTKLIK_SMTP_PORT, user: e.OTKLIK_SMTP_USER, password: e.OTKLIK_SMTP_PASSWORD,
          tls: e.OTKLIK_SMTP_TLS, from: e.OTKLIK_SMTP_FROM,
        })
        : null,
    }),
    telegram: e.TELEGRAM_BOT_TOKEN && e.TELEGRAM_WEBHOOK_SECRET
      ? { token: e.TELEGRAM_BOT_TOKEN, webhookSecret: e.TELEGRAM_WEBHOOK_SECRET, username: e.TELEGRAM_BOT_USERNAME, apiRoot: e.TELEGRAM_API_ROOT }
      : null,
    vk: e.VK_ACCESS_TOKEN && e.VK_GROUP_ID && e.VK_CONFIRMATION && e.VK_SECRET
      ? { token: e.VK_ACCESS_TOKEN, groupId: e.VK_GROUP_ID, confirmation: e.VK_CONFIRMATION, secret: e.VK_SECRET, apiBaseUrl: e.VK_API_BASE_URL }
      : null,
    open311: { jurisdiction: e.OTKLIK_OPEN311_JURISDICTION, contact: e.OTKLIK_OPEN311_CONTACT },
    widget: {
      uploadDir: path.resolve(e.OTKLIK_WIDGET_UPLOAD_DIR ?? path.join(e.OTKLIK_DATA_DIR, 'uploads', 'widget')),
      maxPhotoBytes: e.OTKLIK_WIDGET_MAX_PHOTO_BYTES,
      rateLimitPerMinute: e.OTKLIK_WIDGET_RATE_LIMIT,
    },
    monitoring: {
      vkToken: e.OTKLIK_MONITORING_VK_TOKEN,
      vkApiUrl: e.OTKLIK_MONITORING_VK_API_URL,
      intervalSeconds: e.OTKLIK_MONITORING_INTERVAL_SECONDS,
    },
    ...overrides,
  });
}
