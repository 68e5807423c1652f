import path from 'node:path';
import { z } from 'zod';

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
  OTKLIK_TRIAGE_THRESHOLD: z.coerce.number().min(0).max(1).default(0.45),
  OTKLIK_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  OTKLIK_COOKIE_SECURE: boolish.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
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
  triageThreshold: number;
  maxBodyBytes: number;
  cookieSecure: boolean;
  logLevel: string;
  /** Telegram bot (null: the channel is off). */
  telegram: TelegramConfig | null;
  /** VK community Callback API and answers (null: the channel is off). */
  vk: VkConfig | null;
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
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.OTKLIK_DATA_DIR),
    demo: e.OTKLIK_DEMO,
    publicUrl: e.OTKLIK_PUBLIC_URL,
    sessionTtlHours: e.OTKLIK_SESSION_TTL_HOURS,
    triageThreshold: e.OTKLIK_TRIAGE_THRESHOLD,
    maxBodyBytes: e.OTKLIK_MAX_BODY_BYTES,
    cookieSecure: e.OTKLIK_COOKIE_SECURE,
    logLevel: e.LOG_LEVEL,
    telegram: e.TELEGRAM_BOT_TOKEN && e.TELEGRAM_WEBHOOK_SECRET
      ? { token: e.TELEGRAM_BOT_TOKEN, webhookSecret: e.TELEGRAM_WEBHOOK_SECRET, username: e.TELEGRAM_BOT_USERNAME, apiRoot: e.TELEGRAM_API_ROOT }
      : null,
    vk: e.VK_ACCESS_TOKEN && e.VK_GROUP_ID && e.VK_CONFIRMATION && e.VK_SECRET
      ? { token: e.VK_ACCESS_TOKEN, groupId: e.VK_GROUP_ID, confirmation: e.VK_CONFIRMATION, secret: e.VK_SECRET, apiBaseUrl: e.VK_API_BASE_URL }
      : null,
    ...overrides,
  });
}
