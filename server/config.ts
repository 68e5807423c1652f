import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import '../shared/zod-russian';
import { isRole, type Role } from '../shared/auth/roles';
import { DEFAULT_URGENCY_EFFECTS, parseUrgencyEffects, type UrgencyEffect } from './features/urgency/effects';

// Configuration is parsed once from the environment, validated with every problem reported, then frozen.
// Defaults take the zero-dependency path: embedded PGlite, in-process jobs, log-only outbound channels.
const boolish = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const schema = z
  .object({
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
    OTKLIK_TOTP_REQUIRED_ROLES: z
      .string()
      .default('admin,curator')
      .transform((v, c) => {
        const roles =
          v.trim() === 'none'
            ? []
            : v
                .split(',')
                .map((r) => r.trim())
                .filter(Boolean);
        for (const r of roles.filter((r) => !isRole(r)))
          c.addIssue({ code: 'custom', message: `неизвестная роль «${r}»` });
        return roles.filter(isRole);
      }),
    OTKLIK_TOTP_GRACE_DAYS: z.coerce.number().min(0).default(3),
    OTKLIK_TRIAGE_THRESHOLD: z.coerce.number().min(0).max(1).default(0.45),
    OTKLIK_MODEL_TOLERANCE: z.coerce.number().min(0).max(1).default(0.01),
    OTKLIK_RETRAIN_EVERY_DAYS: z.coerce.number().int().min(0).max(365).default(7),
    OTKLIK_RETRAIN_MIN_CORRECTIONS: z.coerce.number().int().min(1).default(20),
    // Effects of urgency flags on a new case's priority and terms (server/features/urgency/effects.ts); `none`: no effects.
    OTKLIK_URGENCY_EFFECTS: z
      .string()
      .default(DEFAULT_URGENCY_EFFECTS)
      .transform((v, c) => {
        const { effects, problems } = parseUrgencyEffects(v.trim() === 'none' ? '' : v);
        for (const message of problems) c.addIssue({ code: 'custom', message });
        return effects;
      }),
    OTKLIK_DUPLICATE_WINDOW_DAYS: z.coerce.number().positive().max(365).default(14),
    // Worker threads for intake's analysis under `otklik serve` (empty: one less than the cores, at most two; 0: none).
    OTKLIK_ANALYSIS_THREADS: z.coerce.number().int().min(0).max(16).optional(),
    OTKLIK_MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(1024 * 1024),
    OTKLIK_COOKIE_SECURE: boolish.default(false),
    OTKLIK_TRUST_PROXY: z
      .string()
      .regex(
        /^[\w.:/]+([\s,]+[\w.:/]+)*$/,
        'ожидается список адресов или подсетей прокси через запятую: 10.0.0.1, 10.0.0.0/8, loopback',
      )
      .optional(),
    OTKLIK_WIDGET_FRAME_ANCESTORS: z.string().optional(),
    OTKLIK_OPEN311_JURISDICTION: z.string().trim().min(1).default('yar.ru'),
    OTKLIK_OPEN311_CONTACT: z.string().default('Центр управления регионом Ярославской области'),
    OTKLIK_WIDGET_MAX_PHOTO_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(5 * 1024 * 1024),
    OTKLIK_WIDGET_RATE_LIMIT: z.coerce.number().int().positive().default(20),
    OTKLIK_PRIVACY_POLICY_URL: z
      .string()
      .regex(/^(https?:\/\/|\/)[^\s"'<>]+$/, 'ожидается адрес http(s) или путь от корня сайта')
      .default('/widget/privacy'),
    OTKLIK_PRIVACY_POLICY_VERSION: z.string().trim().min(1).max(100).default('1'),
    OTKLIK_RETENTION_CITIZEN_DATA_DAYS: z.coerce.number().int().min(1).max(36_500).default(1826),
    OTKLIK_RETENTION_ACCESS_JOURNAL_DAYS: z.coerce.number().int().min(1).max(36_500).default(1096),
    OTKLIK_MONITORING_VK_TOKEN: z.string().optional(),
    OTKLIK_MONITORING_VK_API_URL: z.string().url().optional(),
    OTKLIK_MONITORING_INTERVAL_SECONDS: z.coerce.number().int().min(10).default(900),
    // Intake bus (NATS JetStream): off unless OTKLIK_NATS_URL is set; see docs/ARCHITECTURE.md, «Шина приёма».
    OTKLIK_NATS_URL: z
      .string()
      .regex(/^(nats|tls):\/\/\S+$/, 'ожидается адрес вида nats://хост:4222')
      .optional(),
    OTKLIK_NATS_STREAM: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'латинские буквы, цифры, _ и -')
      .default('OTKLIK_INTAKE'),
    OTKLIK_NATS_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
    OTKLIK_NATS_DEDUP_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
    OTKLIK_NATS_ACK_WAIT_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),
    OTKLIK_NATS_MAX_DELIVER: z.coerce.number().int().min(1).max(1_000).default(10),
    OTKLIK_NATS_WRITER: boolish.default(true),
    OTKLIK_NATS_WRITER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
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
    OTKLIK_SMTP_FROM: z
      .string()
      .regex(
        /^[^@\s<>]+@[^@\s<>]+$|<[^@\s<>]+@[^@\s<>]+>\s*$/,
        'ожидается адрес вида cur@example.ru или «Имя <cur@example.ru>»',
      )
      .optional(),
    TELEGRAM_BOT_TOKEN: z
      .string()
      .regex(/^\d+:[\w-]+$/, 'ожидается токен бота вида 123456:ABC…')
      .optional(),
    TELEGRAM_WEBHOOK_SECRET: z
      .string()
      .regex(/^[\w-]{16,256}$/, 'от 16 до 256 символов: латиница, цифры, _ и -')
      .optional(),
    TELEGRAM_BOT_USERNAME: z
      .string()
      .regex(/^\w{3,64}$/)
      .optional(),
    TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
    VK_ACCESS_TOKEN: z.string().min(10).optional(),
    VK_GROUP_ID: z.coerce.number().int().positive().optional(),
    VK_CONFIRMATION: z.string().min(1).max(100).optional(),
    VK_SECRET: z.string().min(8).max(50).optional(),
    VK_API_BASE_URL: z.string().url().default('https://api.vk.ru/method'),
    // Delivery to citizens and staff: pauses between attempts (the last pause repeats nothing: attempts = pauses + 1).
    OTKLIK_DELIVERY_RETRY_SCHEDULE: z
      .string()
      .default('1m,5m,15m,30m,1h,2h,4h,6h,6h,6h')
      .transform((v, c) => parseSchedule(v, c)),
    OTKLIK_NOTIFY_AT_RISK_SHARE: z.coerce.number().gt(0).lt(1).default(0.25),
    OTKLIK_NOTIFY_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(8),
    // Attachments: bytes in the data folder or an S3-compatible store; per-file and per-request limits (decoded bytes).
    OTKLIK_ATTACHMENT_STORAGE: z.enum(['folder', 's3']).default('folder'),
    OTKLIK_ATTACHMENT_DIR: z.string().optional(),
    OTKLIK_ATTACHMENT_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .max(20 * 1024 * 1024)
      .default(10 * 1024 * 1024),
    OTKLIK_MESSAGE_ATTACHMENTS_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .max(20 * 1024 * 1024)
      .default(20 * 1024 * 1024),
    OTKLIK_ATTACHMENT_FETCH_PRIVATE: boolish.default(false),
    OTKLIK_S3_ENDPOINT: z.string().url().optional(),
    OTKLIK_S3_REGION: z.string().default('us-east-1'),
    OTKLIK_S3_BUCKET: z.string().optional(),
    OTKLIK_S3_PREFIX: z.string().default(''),
    OTKLIK_S3_ACCESS_KEY_ID: z.string().optional(),
    OTKLIK_S3_SECRET_ACCESS_KEY: z.string().optional(),
    OTKLIK_S3_FORCE_PATH_STYLE: boolish.default(true),
  })
  .superRefine((e, ctx) => {
    // A half-configured channel is a mistake to report, not a channel to switch off silently.
    const groups: Record<string, (keyof typeof e)[]> = {
      Telegram: ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET'],
      VK: ['VK_ACCESS_TOKEN', 'VK_GROUP_ID', 'VK_CONFIRMATION', 'VK_SECRET'],
    };
    if (e.OTKLIK_ATTACHMENT_STORAGE === 's3' && !e.OTKLIK_S3_BUCKET) {
      ctx.addIssue({
        code: 'custom',
        path: ['OTKLIK_S3_BUCKET'],
        message: 'обязателен, когда OTKLIK_ATTACHMENT_STORAGE=s3',
      });
    }
    for (const [channel, keys] of Object.entries(groups)) {
      const given = keys.filter((k) => e[k] !== undefined);
      if (given.length === 0 || given.length === keys.length) continue;
      for (const k of keys.filter((k) => e[k] === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [k],
          message: `${channel} настроен не полностью: задайте и эту переменную`,
        });
      }
    }
  });

/** The mailbox the e-mail channel polls. `processedMailbox` unset: letters are only marked seen. */
export type ImapSettings = Readonly<{
  host: string;
  port: number;
  user: string;
  password: string;
  tls: boolean;
  mailbox: string;
  processedMailbox: string | undefined;
  pollSeconds: number;
}>;
/** The SMTP server answers go out through; `tls` = implicit TLS (port 465), otherwise STARTTLS when offered. */
export type SmtpSettings = Readonly<{
  host: string;
  port: number;
  user: string | undefined;
  password: string | undefined;
  tls: boolean;
  from: string;
}>;

/** Where attachment bytes live: the data folder (default), an S3-compatible bucket, or memory (tests, `memory://`). */
export type BlobStorageConfig =
  | Readonly<{ kind: 'folder'; dir: string }>
  | Readonly<{ kind: 'memory' }>
  | Readonly<{
      kind: 's3';
      bucket: string;
      prefix: string;
      region: string;
      endpoint: string | undefined;
      forcePathStyle: boolean;
      accessKeyId: string | undefined;
      secretAccessKey: string | undefined;
    }>;

export type AttachmentSettings = Readonly<{
  storage: BlobStorageConfig;
  /** Largest file (decoded bytes): larger uploads are refused with 413, larger fetched files end as failed. */
  maxFileBytes: number;
  /** Largest sum of the files of one `POST /api/messages` or one answer (decoded bytes). */
  maxRequestBytes: number;
  /** Whether the fetch job may download from loopback and private addresses (off: a public media_url cannot probe the network). */
  fetchPrivateAddresses: boolean;
}>;

export interface TelegramConfig {
  token: string;
  webhookSecret: string;
  username: string | undefined;
  apiRoot: string;
}
export interface VkConfig {
  token: string;
  groupId: number;
  confirmation: string;
  secret: string;
  apiBaseUrl: string;
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function parseSchedule(value: string, c: z.RefinementCtx): number[] {
  const parts = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const ms = parts.map((p) => {
    const m = /^(\d+(?:\.\d+)?)\s*([smhd])$/.exec(p);
    return m ? Number(m[1]) * (UNIT_MS[m[2] ?? 's'] ?? 1000) : NaN;
  });
  if (ms.length === 0 || ms.length > 100 || ms.some((x) => !Number.isFinite(x) || x <= 0)) {
    c.addIssue({ code: 'custom', message: 'ожидается список пауз через запятую, например 1m,5m,1h,6h (s, m, h, d)' });
    return [];
  }
  return ms;
}

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
  /** What urgency flags do to a new case's priority and deadlines. */
  urgencyEffects: readonly UrgencyEffect[];
  /** How much lower a retrained classifier's figure may be than the active model's and still be switched on. */
  modelTolerance: number;
  /** Scheduled retraining from corrections: every `everyDays` days (0: off) when `minCorrections` are new. */
  retraining: Readonly<{ everyDays: number; minCorrections: number }>;
  /** A message joins an open case about the same problem at the same place created within this many days. */
  duplicateWindowDays: number;
  /** Worker threads for intake's analysis (`otklik serve`); undefined: as many as the machine suggests. */
  analysisThreads: number | undefined;
  maxBodyBytes: number;
  cookieSecure: boolean;
  /** Reverse proxies whose X-Forwarded-* headers are believed (addresses, subnets, `loopback`); empty: none. */
  trustProxy: readonly string[];
  logLevel: string;
  email: Readonly<{ imap: ImapSettings | null; smtp: SmtpSettings | null }>;
  /** Telegram bot (null: the channel is off). */
  telegram: TelegramConfig | null;
  /** VK community Callback API and answers (null: the channel is off). */
  vk: VkConfig | null;
  open311: Readonly<{ jurisdiction: string; contact: string }>;
  widget: Readonly<{ maxPhotoBytes: number; rateLimitPerMinute: number }>;
  /** Origins of the sites that may show the widget's page in a frame (besides the platform itself). */
  widgetFrameAncestors: readonly string[];
  /**
   * 152-ФЗ: the processing policy the widget's consent refers to (stored with each message), days citizens'
   * personal data is kept after a case is finished, days the access journal is kept.
   */
  personalData: Readonly<{
    policyUrl: string;
    policyVersion: string;
    citizenDataDays: number;
    accessJournalDays: number;
  }>;
  monitoring: Readonly<{ vkToken: string | undefined; vkApiUrl: string | undefined; intervalSeconds: number }>;
  /**
   * Delivery (answers, bot replies, staff notifications): pauses between attempts, ms; a job gives up after the last.
   * Notifications: a deadline is «at risk» once less than `atRiskShare` of its term is left; the digest goes at `digestHour` (Moscow).
   */
  delivery: Readonly<{ retryScheduleMs: readonly number[] }>;
  /** The intake bus (null: off, messages go straight to the database). */
  bus: BusConfig | null;
  notifications: Readonly<{ atRiskShare: number; digestHour: number }>;
  attachments: AttachmentSettings;
}>;

/**
 * NATS JetStream in front of the intake: the stream (file storage, `replicas` copies, duplicates by Msg-Id dropped for
 * `dedupWindowSeconds`), and this node's writer (a durable pull consumer: `ackWaitSeconds` before an unacknowledged
 * message is delivered again, a message failing `maxDeliver` times becomes a dead letter).
 */
export interface BusConfig {
  url: string;
  stream: string;
  replicas: number;
  dedupWindowSeconds: number;
  ackWaitSeconds: number;
  maxDeliver: number;
  /** This node writes the bus's messages to the database (false: an edge node that only publishes). */
  writer: boolean;
  writerConcurrency: number;
}

export class ConfigError extends Error {}

const listOf = (value: string | undefined): string[] => (value ?? '').split(/[\s,]+/).filter(Boolean);

/** An address, a subnet (address/prefix) or one of proxy-addr's names (loopback, linklocal, uniquelocal). */
function isProxyAddress(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || rest.length) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

/** `https://site.ru/path` → `https://site.ru`; null when it is not an http(s) address. */
function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * The platform's address for links handed out (the widget's embed script, Open311 discovery): the configured
 * OTKLIK_PUBLIC_URL, or the local address of the port for a demo. Never taken from a request's headers.
 */
export function publicBaseUrl(config: Pick<Config, 'publicUrl' | 'port'>): string {
  return (config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
}

/** Served over HTTPS: the public URL says so. */
export const servedOverHttps = (config: Pick<Config, 'publicUrl'>): boolean =>
  config.publicUrl?.startsWith('https:') ?? false;

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new ConfigError(`Ошибка конфигурации (переменные окружения):\n${problems}`);
  }
  const e = parsed.data;
  const problems = [
    ...(e.OTKLIK_IMAP_HOST && (!e.OTKLIK_IMAP_USER || !e.OTKLIK_IMAP_PASSWORD)
      ? ['  OTKLIK_IMAP_USER, OTKLIK_IMAP_PASSWORD: обязательны, когда задан OTKLIK_IMAP_HOST']
      : []),
    ...(e.OTKLIK_SMTP_HOST && !e.OTKLIK_SMTP_FROM
      ? ['  OTKLIK_SMTP_FROM: обязателен, когда задан OTKLIK_SMTP_HOST']
      : []),
  ];
  const badProxies = listOf(e.OTKLIK_TRUST_PROXY).filter((entry) => !isProxyAddress(entry));
  if (badProxies.length) problems.push(`  OTKLIK_TRUST_PROXY: не адрес и не подсеть: ${badProxies.join(', ')}`);
  const frameAncestors = listOf(e.OTKLIK_WIDGET_FRAME_ANCESTORS).map(originOf);
  if (frameAncestors.includes(null))
    problems.push('  OTKLIK_WIDGET_FRAME_ANCESTORS: ожидаются адреса сайтов вида https://example.ru через запятую');
  if (problems.length) throw new ConfigError(`Ошибка конфигурации (переменные окружения):\n${problems.join('\n')}`);
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
    urgencyEffects: Object.freeze(e.OTKLIK_URGENCY_EFFECTS),
    modelTolerance: e.OTKLIK_MODEL_TOLERANCE,
    retraining: Object.freeze({
      everyDays: e.OTKLIK_RETRAIN_EVERY_DAYS,
      minCorrections: e.OTKLIK_RETRAIN_MIN_CORRECTIONS,
    }),
    duplicateWindowDays: e.OTKLIK_DUPLICATE_WINDOW_DAYS,
    analysisThreads: e.OTKLIK_ANALYSIS_THREADS,
    maxBodyBytes: e.OTKLIK_MAX_BODY_BYTES,
    cookieSecure: e.OTKLIK_COOKIE_SECURE,
    trustProxy: listOf(e.OTKLIK_TRUST_PROXY),
    logLevel: e.LOG_LEVEL,
    email: Object.freeze({
      imap:
        e.OTKLIK_IMAP_HOST && e.OTKLIK_IMAP_USER && e.OTKLIK_IMAP_PASSWORD
          ? Object.freeze({
              host: e.OTKLIK_IMAP_HOST,
              port: e.OTKLIK_IMAP_PORT,
              user: e.OTKLIK_IMAP_USER,
              password: e.OTKLIK_IMAP_PASSWORD,
              tls: e.OTKLIK_IMAP_TLS,
              mailbox: e.OTKLIK_IMAP_MAILBOX,
              processedMailbox: e.OTKLIK_IMAP_PROCESSED_MAILBOX,
              pollSeconds: e.OTKLIK_IMAP_POLL_SECONDS,
            })
          : null,
      smtp:
        e.OTKLIK_SMTP_HOST && e.OTKLIK_SMTP_FROM
          ? Object.freeze({
              host: e.OTKLIK_SMTP_HOST,
              port: e.OTKLIK_SMTP_PORT,
              user: e.OTKLIK_SMTP_USER,
              password: e.OTKLIK_SMTP_PASSWORD,
              tls: e.OTKLIK_SMTP_TLS,
              from: e.OTKLIK_SMTP_FROM,
            })
          : null,
    }),
    telegram:
      e.TELEGRAM_BOT_TOKEN && e.TELEGRAM_WEBHOOK_SECRET
        ? {
            token: e.TELEGRAM_BOT_TOKEN,
            webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
            username: e.TELEGRAM_BOT_USERNAME,
            apiRoot: e.TELEGRAM_API_ROOT,
          }
        : null,
    vk:
      e.VK_ACCESS_TOKEN && e.VK_GROUP_ID && e.VK_CONFIRMATION && e.VK_SECRET
        ? {
            token: e.VK_ACCESS_TOKEN,
            groupId: e.VK_GROUP_ID,
            confirmation: e.VK_CONFIRMATION,
            secret: e.VK_SECRET,
            apiBaseUrl: e.VK_API_BASE_URL,
          }
        : null,
    open311: { jurisdiction: e.OTKLIK_OPEN311_JURISDICTION, contact: e.OTKLIK_OPEN311_CONTACT },
    widget: {
      maxPhotoBytes: e.OTKLIK_WIDGET_MAX_PHOTO_BYTES,
      rateLimitPerMinute: e.OTKLIK_WIDGET_RATE_LIMIT,
    },
    widgetFrameAncestors: frameAncestors.flatMap((origin) => (origin ? [origin] : [])),
    personalData: {
      policyUrl: e.OTKLIK_PRIVACY_POLICY_URL,
      policyVersion: e.OTKLIK_PRIVACY_POLICY_VERSION,
      citizenDataDays: e.OTKLIK_RETENTION_CITIZEN_DATA_DAYS,
      accessJournalDays: e.OTKLIK_RETENTION_ACCESS_JOURNAL_DAYS,
    },
    monitoring: {
      vkToken: e.OTKLIK_MONITORING_VK_TOKEN,
      vkApiUrl: e.OTKLIK_MONITORING_VK_API_URL,
      intervalSeconds: e.OTKLIK_MONITORING_INTERVAL_SECONDS,
    },
    delivery: { retryScheduleMs: Object.freeze(e.OTKLIK_DELIVERY_RETRY_SCHEDULE) },
    bus: e.OTKLIK_NATS_URL
      ? {
          url: e.OTKLIK_NATS_URL,
          stream: e.OTKLIK_NATS_STREAM,
          replicas: e.OTKLIK_NATS_REPLICAS,
          dedupWindowSeconds: e.OTKLIK_NATS_DEDUP_WINDOW_SECONDS,
          ackWaitSeconds: e.OTKLIK_NATS_ACK_WAIT_SECONDS,
          maxDeliver: e.OTKLIK_NATS_MAX_DELIVER,
          writer: e.OTKLIK_NATS_WRITER,
          writerConcurrency: e.OTKLIK_NATS_WRITER_CONCURRENCY,
        }
      : null,
    notifications: { atRiskShare: e.OTKLIK_NOTIFY_AT_RISK_SHARE, digestHour: e.OTKLIK_NOTIFY_DIGEST_HOUR },
    attachments: {
      storage: blobStorageOf(e),
      maxFileBytes: e.OTKLIK_ATTACHMENT_MAX_BYTES,
      maxRequestBytes: e.OTKLIK_MESSAGE_ATTACHMENTS_MAX_BYTES,
      fetchPrivateAddresses: e.OTKLIK_ATTACHMENT_FETCH_PRIVATE,
    },
    ...overrides,
  });
}

function blobStorageOf(e: z.infer<typeof schema>): BlobStorageConfig {
  if (e.OTKLIK_ATTACHMENT_STORAGE === 's3' && e.OTKLIK_S3_BUCKET) {
    return {
      kind: 's3',
      bucket: e.OTKLIK_S3_BUCKET,
      prefix: e.OTKLIK_S3_PREFIX,
      region: e.OTKLIK_S3_REGION,
      endpoint: e.OTKLIK_S3_ENDPOINT,
      forcePathStyle: e.OTKLIK_S3_FORCE_PATH_STYLE,
      accessKeyId: e.OTKLIK_S3_ACCESS_KEY_ID,
      secretAccessKey: e.OTKLIK_S3_SECRET_ACCESS_KEY,
    };
  }
  if (!e.OTKLIK_ATTACHMENT_DIR && e.OTKLIK_DATA_DIR.startsWith('memory://')) return { kind: 'memory' };
  return { kind: 'folder', dir: path.resolve(e.OTKLIK_ATTACHMENT_DIR ?? path.join(e.OTKLIK_DATA_DIR, 'attachments')) };
}
