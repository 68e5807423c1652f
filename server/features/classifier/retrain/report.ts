// Plain-language lines about retraining and stored versions, for the CLI (and the server running it on the CLI's behalf).
import type { HierarchicalFigures } from './evaluate-hierarchical';
import type { StoredModelInfo } from './models.repository';
import type { RetrainResult } from './retrain';

const STATUS_LABELS: Record<string, string> = { active: 'действующая', candidate: 'кандидат', rejected: 'отклонена' };

const figures = (f: HierarchicalFigures): string =>
  `блок F1 ${f.block.macroF1.toFixed(3)} / точность ${f.block.accuracy.toFixed(3)}; категория F1 ${f.category.macroF1.toFixed(3)} / точность ${f.category.accuracy.toFixed(3)} (n=${f.n})`;

export function describeRetrain(r: RetrainResult): string[] {
  const lines = [
    `Обучено за ${r.seconds} с: ${r.trainingSize} примеров (из них исправлений операторов: ${r.corrections}), модель ${Math.round(r.modelBytes / 1024)} КБ.`,
    `Контрольный набор — новая: ${figures(r.check.new)}`,
    `Контрольный набор — ${r.comparedWith}: ${figures(r.check.active)}`,
  ];
  if (r.heldOut) {
    lines.push(`Отложенные исправления — новая: ${figures(r.heldOut.new)}`);
    lines.push(`Отложенные исправления — ${r.comparedWith}: ${figures(r.heldOut.active)}`);
  } else lines.push('Отложенной выборки нет: исправлений слишком мало, решает контрольный набор.');
  lines.push(
    r.status === 'active'
      ? `Версия ${r.version} включена: она не хуже, чем ${r.comparedWith}.`
      : `Версия ${r.version} НЕ включена и сохранена как кандидат: она хуже, чем ${r.comparedWith} (${r.worse.join('; ')}). Включить вручную: otklik models activate ${r.version}`,
  );
  return lines;
}

export function describeModels(models: readonly StoredModelInfo[]): string[] {
  if (models.length === 0) return ['Сохранённых версий нет: используется встроенная модель по умолчанию.'];
  return models.map((m) => {
    const check = (m.evaluation.check as { new?: HierarchicalFigures } | undefined)?.new;
    return (
      `${m.version}\t${STATUS_LABELS[m.status] ?? m.status}\t${m.createdAt.toISOString()}\t${m.trainingSize} примеров (${m.corrections} исправлений)` +
      `${check ? `\tконтроль: категория F1 ${check.category.macroF1.toFixed(3)}` : ''}\t${m.decision.split('\n').at(-1) ?? ''}`
    );
  });
}
