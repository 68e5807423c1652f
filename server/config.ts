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
  OTKLIK_OPEN311_JURISDICTION: z.string().trim().min(1).default('yar.ru'),
  OTKLIK_OPEN311_CONTACT: z.string().default('Центр управления регионом Ярославской области'),
  OTKLIK_WIDGET_UPLOAD_DIR: z.string().optional(),
  OTKLIK_WIDGET_MAX_PHOTO_BYTES: z.coerce.number().int().positive().default(5 * 1024 * 1024),
  OTKLIK_WIDGET_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  OTKLIK_MONITORING_VK_TOKEN: z.string().optional(),
  OTKLIK_MONITORING_VK_API_URL: z.string().url().optional(),
  OTKLIK_MONITORING_INTERVAL_SECONDS: z.coerce.number().int().min(10).default(900),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

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
