import type { Config } from '../config';

// Errors from providers and libraries often carry the request address or the credentials (grammY puts the whole
// https://api.telegram.org/bot<token>/sendMessage in its messages, connection strings carry passwords). Every error
// text that is stored (outbox.last_error, deliveries.last_error, case history) or logged passes through here.
const PATTERNS: readonly [RegExp, string][] = [
  [/\/bot\d+:[\w-]+/g, '/bot<скрыто>'],
  [/\b\d{6,12}:[\w-]{30,}\b/g, '<токен скрыт>'],
  [
    /\b(access_token|token|secret|password|passwd|pwd|api_key|apikey|key|client_secret|auth)=([^&\s"']+)/gi,
    '$1=<скрыто>',
  ],
  [/\b(Bearer|Basic)\s+[\w.~+/=-]+/g, '$1 <скрыто>'],
  [/\b([a-z][a-z0-9+.-]*:\/\/)([^\s/:@]+):([^\s/@]+)@/gi, '$1$2:<скрыто>@'],
  [/\bvk1\.a\.[\w.-]+/g, '<токен скрыт>'],
];

/** Secrets the configuration holds (bot tokens, passwords): any literal occurrence is removed too. */
export function configSecrets(config: Config): string[] {
  const candidates = [
    config.telegram?.token,
    config.telegram?.webhookSecret,
    config.vk?.token,
    config.vk?.secret,
    config.email.imap?.password,
    config.email.smtp?.password,
    config.monitoring.vkToken,
  ];
  return candidates.filter((s): s is string => typeof s === 'string' && s.length >= 6);
}

/** The text with tokens, passwords and keys replaced by «<скрыто>». */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('<скрыто>');
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** An error's message, redacted, for storing or logging. */
export function safeErrorText(error: unknown, config: Config): string {
  const text = error instanceof Error ? error.message : String(error);
  return redactSecrets(text, configSecrets(config));
}
