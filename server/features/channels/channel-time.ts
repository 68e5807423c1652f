import { ACCEPTED_DATES } from '../../../shared/api/messages';

const FROM_MS = Date.parse(`${ACCEPTED_DATES.from}T00:00:00+03:00`);
const TO_MS = Date.parse(`${ACCEPTED_DATES.to}T00:00:00+03:00`);
/** A channel's clock may run a little ahead of ours. */
const AHEAD_MS = 5 * 60_000;

/**
 * A channel's own timestamp of a message (milliseconds) as intake's `createdAt`, or undefined when it cannot be
 * trusted — not a number, outside the accepted window or in the future: the message then counts from its receipt,
 * as intake does without a date. A provider's clock never refuses a citizen's message.
 */
export function channelTime(ms: number, now: Date): string | undefined {
  if (!Number.isFinite(ms) || ms < FROM_MS || ms >= TO_MS || ms > now.getTime() + AHEAD_MS) return undefined;
  return new Date(ms).toISOString();
}
