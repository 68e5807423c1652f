import { parseMoscowTimestamp, type IntakeMessage } from '../../../shared/api/messages';
import type { BusAccepted } from '../../../shared/api/bus';
import type { Ctx } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { safeErrorText } from '../../lib/redact-secrets';
import { checkChosenCategory } from '../intake/citizen-category';

/** The intake's own tolerance for channels' clocks (receive-message.ts): later than this is the client's error. */
const FUTURE_TOLERANCE_MS = 24 * 3_600_000;

/**
 * POST /api/messages with the bus on: what the writer would refuse for good is refused here with 400 (a date in the
 * future, a category not in the reference), then the message is published and 202 follows the stream's
 * acknowledgement. Null — store it directly: no bus, files inline (their checks answer 413/415 at once), or the bus
 * does not answer (the message is not lost: the database takes it as without the bus).
 */
export async function acceptOnBus(ctx: Ctx, message: IntakeMessage): Promise<BusAccepted | null> {
  const bus = ctx.services.intakeBus;
  if (!bus || message.attachments?.some((a) => typeof a.contentBase64 === 'string')) return null;
  const now = ctx.services.clock.now();
  if (message.createdAt && parseMoscowTimestamp(message.createdAt).getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new AppError('validation_failed', 'Дата сообщения в будущем: проверьте createdAt', {
      createdAt: message.createdAt,
    });
  }
  checkChosenCategory(await ctx.services.reference.get(ctx.db), message.citizenCategory);
  try {
    return await bus.publish(message, ctx.actor, now);
  } catch (error) {
    ctx.services.log.warn(
      { bus: bus.stream, error: safeErrorText(error, ctx.services.config) },
      'intake bus did not acknowledge: storing directly',
    );
    return null;
  }
}
