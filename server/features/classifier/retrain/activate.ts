// Switching classifier versions: explicit activation (and so roll-back) by an administrator, and loading
// the active version at start.
import { MOSCOW_UTC_OFFSET_MINUTES, toMoscowRuDate } from '../../../../shared/deadlines/moscow-time';
import { rootContext, SYSTEM_ACTOR, type Ctx, type Services, withTransaction } from '../../../lib/context';
import { AppError } from '../../../lib/errors';
import { deserializeHierarchical } from '../bundle';
import { demoteActive, findModel, loadActiveModel, loadModelBytes, markActive } from './models.repository';

/** ДД.ММ.ГГГГ ЧЧ:ММ by Moscow time: the decision text is shown as it is on the screen and by `otklik models list`. */
const moscowDateTime = (at: Date): string =>
  `${toMoscowRuDate(at)} ${new Date(at.getTime() + MOSCOW_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(11, 16)}`;

/** Makes a stored version the active one (a rejected candidate too: the administrator decides) and uses it at once. */
export async function activateModel(ctx: Ctx, version: number): Promise<void> {
  const info = await findModel(ctx, version);
  if (!info) throw new AppError('not_found', `Модель версии ${version} не найдена`);
  if (info.status === 'active') return;
  const bytes = await loadModelBytes(ctx, version);
  if (!bytes) throw new AppError('not_found', `Модель версии ${version} не найдена`);
  const models = deserializeHierarchical(bytes);
  const now = ctx.services.clock.now();
  await withTransaction(ctx, async (tx) => {
    await demoteActive(tx);
    await markActive(tx, version, now, `включена вручную (${ctx.actor.label}) ${moscowDateTime(now)}`);
  });
  ctx.services.analyzer.useClassifier?.(models, `v${version}`);
}

/** At start: the active stored version replaces the shipped default (a damaged one is reported, not fatal). */
export async function loadActiveClassifier(services: Services): Promise<void> {
  if (!services.analyzer.useClassifier) return;
  try {
    const active = await loadActiveModel(rootContext(services, SYSTEM_ACTOR));
    if (active) services.analyzer.useClassifier(active.models, `v${active.version}`);
  } catch (error) {
    services.log.warn(
      { error: error instanceof Error ? error.message : String(error) },
      'active classifier model not loaded; using the default one',
    );
  }
}
