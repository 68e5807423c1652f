import { AppError } from '../../lib/errors';
import type { CategoryRef, ReferenceSnapshot } from '../reference/reference.repository';
import type { Analysis } from '../understanding/message-analyzer';

/** The category a citizen chose in the channel (Open311 service_code, a form's select, a source system's column). */
export interface ChosenCategory {
  block: string;
  category: string;
}

/** How many of the classifier's guesses count as «it might be this too»: a choice among them is no strong disagreement. */
const PLAUSIBLE_GUESSES = 3;

export interface CategoryDecision {
  block: string | null;
  category: string | null;
  /** Route now (true) or send to «Разбор». */
  route: boolean;
  /** Why the case goes to «Разбор», when it does. */
  triageReason: string | null;
  /** Whose category the case takes. */
  source: 'classifier' | 'citizen';
}

const normName = (s: string): string =>
  s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\d]+/gu, ' ')
    .trim();

/**
 * The category a source system's column names (ПОС «Подкатегория»/«Категория», ИМ «Категория»): a category of the
 * reference by its name (case, ё and punctuation aside) or by its code (`roads-potholes`, `roads.potholes`). The
 * first value that names one wins; names of another taxonomy that match none give null.
 */
export function chosenCategoryByName(
  categories: readonly CategoryRef[],
  values: readonly unknown[],
): ChosenCategory | null {
  for (const value of values) {
    if (typeof value !== 'string' || !value.trim()) continue;
    const key = normName(value);
    const code = value.trim().toLowerCase();
    const hit = categories.find(
      (c) => normName(c.name) === key || `${c.blockCode}-${c.code}` === code || `${c.blockCode}.${c.code}` === code,
    );
    if (hit) return { block: hit.blockCode, category: hit.code };
  }
  return null;
}

/**
 * Items of the reference a value names: by code, or else by name (case, ё and punctuation aside). Codes go first, so a
 * code never loses to another item's name.
 */
function named<T extends { code: string; name: string }>(items: readonly T[], value: string): T[] {
  const code = value.trim().toLowerCase();
  const byCode = items.filter((i) => i.code.toLowerCase() === code);
  if (byCode.length) return byCode;
  const key = normName(value);
  return key ? items.filter((i) => normName(i.name) === key) : [];
}

/**
 * A chosen category must be one of the reference, named by the codes or the names of its block and itself
 * (`{"block":"Дороги","category":"Ямы и ремонт дорог"}` is `roads.potholes`); anything else, or a name that fits
 * several, is the client's error.
 */
export function checkChosenCategory(
  ref: Pick<ReferenceSnapshot, 'blocks' | 'categories'>,
  chosen: ChosenCategory | null | undefined,
): ChosenCategory | null {
  if (!chosen) return null;
  const blocks = new Set(named(ref.blocks, chosen.block).map((b) => b.code));
  const found = named(
    ref.categories.filter((c) => blocks.has(c.blockCode)),
    chosen.category,
  );
  if (found.length === 1) return { block: found[0]!.blockCode, category: found[0]!.code };
  const label = `${chosen.block}.${chosen.category}`;
  if (found.length > 1) {
    const codes = found.map((c) => `${c.blockCode}.${c.code}`).join(', ');
    throw new AppError(
      'validation_failed',
      `Категорию «${label}» называют несколько категорий справочника (${codes}): укажите коды`,
      {
        category: chosen,
      },
    );
  }
  throw new AppError(
    'validation_failed',
    `Нет категории «${label}» в справочнике: ожидаются коды или названия блока и категории справочника ` +
      '(список — GET /api/reference, поля blocks и categories, или услуги Open311: /open311/v2/services.json)',
    { category: chosen },
  );
}

/**
 * The case's category: the citizen's choice when the classifier agrees or is unsure, or when the choice is among
 * the classifier's first guesses; a confident classifier that does not consider the choice at all is a strong
 * disagreement, and the case goes to «Разбор» with the citizen's category, both shown there.
 */
export function decideCategory(
  analysis: Pick<Analysis, 'block' | 'category' | 'confidence' | 'top'>,
  chosen: ChosenCategory | null,
  threshold: number,
  name: (block: string, category: string) => string,
): CategoryDecision {
  const confident = analysis.confidence >= threshold;
  if (!chosen) {
    return {
      block: analysis.block,
      category: analysis.category,
      route: confident,
      source: 'classifier',
      triageReason: confident ? null : 'низкая уверенность классификатора',
    };
  }
  const label = `${chosen.block}.${chosen.category}`;
  const agrees = analysis.block === chosen.block && analysis.category === chosen.category;
  const plausible = analysis.top.slice(0, PLAUSIBLE_GUESSES).some((t) => t.label === label);
  if (agrees || !confident || plausible)
    return { block: chosen.block, category: chosen.category, route: true, source: 'citizen', triageReason: null };
  const classifier = analysis.block && analysis.category ? name(analysis.block, analysis.category) : 'не определена';
  return {
    block: chosen.block,
    category: chosen.category,
    route: false,
    source: 'citizen',
    triageReason: `категория гражданина «${name(chosen.block, chosen.category)}» расходится с классификатором «${classifier}»`,
  };
}
