// What an urgency flag does to a new case besides being shown: it raises the priority to at least a level and
// shortens the first-response and final-answer terms (the shorter of the policy's and the flag's wins). Configured
// in OTKLIK_URGENCY_EFFECTS as `код=приоритет[/первый ответ[/окончательный ответ]]`, comma-separated, where a term is
// `4h` (рабочих часов), `2d` (рабочих дней) or `3cd` (календарных дней): `protest=high/4h,life_threat=critical/2h/1d`.
import { addDuration, type CaseDeadlines } from '../../../shared/deadlines/deadlines';
import type { DeadlineDuration, DurationUnit } from '../../../shared/deadlines/deadline-policy';
import type { ProductionCalendar } from '../../../shared/deadlines/production-calendar';
import type { Priority } from './lexicon';

export interface UrgencyEffect {
  readonly flag: string;
  readonly priority: Priority;
  readonly firstResponse: DeadlineDuration | null;
  readonly finalAnswer: DeadlineDuration | null;
}

/** Protest threats are answered within four working hours and go up the queue. */
export const DEFAULT_URGENCY_EFFECTS = 'protest=high/4h';

const LEVELS: readonly Priority[] = ['normal', 'high', 'critical'];
const UNITS: Readonly<Record<string, DurationUnit>> = { h: 'working_hours', d: 'working_days', cd: 'calendar_days' };

const parseTerm = (term: string): DeadlineDuration | string => {
  const m = /^(\d{1,4})(h|d|cd)$/.exec(term);
  if (!m || Number(m[1]) <= 0)
    return `срок «${term}»: ожидается число и единица h (рабочие часы), d (рабочие дни) или cd (календарные дни)`;
  return { amount: Number(m[1]), unit: UNITS[m[2] ?? 'h'] ?? 'working_hours' };
};

/** The effects of a configuration string, or the list of what is wrong with it. */
export const parseUrgencyEffects = (value: string): { effects: UrgencyEffect[]; problems: string[] } => {
  const effects: UrgencyEffect[] = [];
  const problems: string[] = [];
  for (const entry of value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [flag = '', rest = ''] = entry.split('=').map((s) => s.trim());
    const [priority = '', first, final, ...extra] = rest.split('/').map((s) => s.trim());
    if (!/^[a-z_]+$/.test(flag)) problems.push(`«${entry}»: нет кода признака перед «=»`);
    else if (!LEVELS.includes(priority as Priority))
      problems.push(`«${entry}»: приоритет должен быть normal, high или critical`);
    else if (extra.length > 0) problems.push(`«${entry}»: не больше двух сроков`);
    else if (effects.some((e) => e.flag === flag)) problems.push(`«${flag}» указан дважды`);
    else {
      const terms = [first, final].map((t) => (t ? parseTerm(t) : null));
      const bad = terms.filter((t): t is string => typeof t === 'string');
      if (bad.length) problems.push(...bad.map((b) => `«${entry}»: ${b}`));
      else
        effects.push({
          flag,
          priority: priority as Priority,
          firstResponse: terms[0] as DeadlineDuration | null,
          finalAnswer: terms[1] as DeadlineDuration | null,
        });
    }
  }
  return { effects, problems };
};

export interface AppliedUrgency {
  readonly priority: Priority;
  readonly deadlines: CaseDeadlines;
  /** Effects that changed the priority or a term, for the case's history and the operator. */
  readonly applied: readonly {
    readonly flag: string;
    readonly priority?: Priority;
    readonly firstResponse?: string;
    readonly finalAnswer?: string;
  }[];
}

/** The priority and terms of a new case after its flags' effects. */
export const applyUrgencyEffects = (
  input: {
    readonly priority: Priority;
    readonly deadlines: CaseDeadlines;
    readonly createdAt: Date;
    readonly flags: readonly { readonly code: string }[];
  },
  effects: readonly UrgencyEffect[],
  calendar: ProductionCalendar,
): AppliedUrgency => {
  let { priority } = input;
  let { firstResponseDueAt, finalAnswerDueAt } = input.deadlines;
  const applied: AppliedUrgency['applied'][number][] = [];
  const codes = new Set(input.flags.map((f) => f.code));
  for (const effect of effects.filter((e) => codes.has(e.flag))) {
    const change: { flag: string; priority?: Priority; firstResponse?: string; finalAnswer?: string } = {
      flag: effect.flag,
    };
    if (LEVELS.indexOf(effect.priority) > LEVELS.indexOf(priority)) priority = change.priority = effect.priority;
    const first = effect.firstResponse ? addDuration(input.createdAt, effect.firstResponse, calendar) : null;
    if (first && first < firstResponseDueAt) [firstResponseDueAt, change.firstResponse] = [first, first.toISOString()];
    const final = effect.finalAnswer ? addDuration(input.createdAt, effect.finalAnswer, calendar) : null;
    if (final && final < finalAnswerDueAt) [finalAnswerDueAt, change.finalAnswer] = [final, final.toISOString()];
    if (Object.keys(change).length > 1) applied.push(change);
  }
  if (firstResponseDueAt > finalAnswerDueAt) firstResponseDueAt = finalAnswerDueAt;
  return { priority, deadlines: { firstResponseDueAt, finalAnswerDueAt }, applied };
};
