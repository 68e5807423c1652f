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
  OTKLIK_MODEL_TOLERANCE: z.coerce.number().min(0).max(1).default(0.01),
  OTKLIK_DUPLICATE_WINDOW_DAYS: z.coerce.number().positive().max(365).default(14),
  OTKLIK_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  OTKLIK_COOKIE_SECURE: boolish.default(false),
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
  /** How much lower a retrained classifier's figure may be than the active model's and still be switched on. */
  modelTolerance: number;
  /** A message joins an open case about the same problem at the same place created within this many days. */
  duplicateWindowDays: number;
  maxBodyBytes: number;
  cookieSecure: boolean;
  logLevel: string;
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
    modelTolerance: e.OTKLIK_MODEL_TOLERANCE,
    duplicateWindowDays: e.OTKLIK_DUPLICATE_WINDOW_DAYS,
    maxBodyBytes: e.OTKLIK_MAX_BODY_BYTES,
    cookieSecure: e.OTKLIK_COOKIE_SECURE,
    logLevel: e.LOG_LEVEL,
    ...overrides,
  });
}
