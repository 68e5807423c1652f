// The planned life of one demo case after intake: operator triage, interim and final answers (some late, some
// never), ЦУР review (most accepted, some returned with a reason and answered again), the citizen's rating (1–2
// reopens the case) and closure. Pure: times are computed from the message time with the seeded PRNG.
import type { ReturnReason } from '../../../shared/cases/case-status';
import type { Channel } from '../../../shared/deadlines/channels';
import {
  EXTENSION_REASONS,
  FORMAL_ANSWERS,
  INTERIM_ANSWERS,
  RATING_COMMENTS,
  REASSIGN_REASON,
  REJECT_COMMENT,
  REPEATED_ANSWERS,
  RETURN_COMMENTS,
  finalAnswersFor,
} from './demo-answers';
import { fillSlots } from './demo-text';
import { addDays, addHours, citizenReplyTime, formatDateRu, toWorkingTime } from './demo-time';
import type { Rng } from './prng';

export type PlannedStep =
  | { readonly at: Date; readonly kind: 'triage' | 'take' | 'close' }
  | { readonly at: Date; readonly kind: 'reject'; readonly comment: string }
  | { readonly at: Date; readonly kind: 'reassign'; readonly reason: string }
  | { readonly at: Date; readonly kind: 'interim'; readonly body: string }
  | { readonly at: Date; readonly kind: 'extend'; readonly days: number; readonly reason: string }
  | { readonly at: Date; readonly kind: 'final'; readonly body: string; readonly formal: boolean }
  | { readonly at: Date; readonly kind: 'review'; readonly decision: 'accept' }
  | {
      readonly at: Date;
      readonly kind: 'review';
      readonly decision: 'return';
      readonly reason: ReturnReason;
      readonly comment: string;
    }
  | { readonly at: Date; readonly kind: 'rate'; readonly score: number; readonly comment: string | null };

export interface PlanInput {
  readonly at: Date;
  readonly channel: Channel;
  readonly block: string;
  readonly category: string;
  readonly urgent: boolean;
  readonly offtopic: boolean;
  /** Written in the last days: the operator's queue has not reached most of these yet. */
  readonly recent: boolean;
  /** «по адресу ул. Свободы, д. 12» or «по указанному адресу». */
  readonly where: string;
}

interface Pace {
  interimHours: readonly [number, number];
  finalDays: readonly [number, number];
}

const FAST: Pace = { interimHours: [0.5, 6], finalDays: [0.3, 2.5] };
const PORTAL: Pace = { interimHours: [2, 16], finalDays: [1, 9] };
const SLOW: Pace = { interimHours: [4, 30], finalDays: [3, 26] };
const URGENT: Pace = { interimHours: [0.2, 2], finalDays: [0.2, 1.5] };

function paceFor(input: PlanInput): Pace {
  if (input.urgent) return URGENT;
  if (input.channel.startsWith('social_') || input.channel === 'messenger_telegram') return FAST;
  return input.channel === 'pos' || input.channel === 'email' || input.channel === 'letter' ? SLOW : PORTAL;
}

const between = (rng: Rng, [min, max]: readonly [number, number]): number => min + rng.next() * (max - min);

/** A working-time moment at least `hours` after t. */
const work = (rng: Rng, t: Date, hours: number): Date => toWorkingTime(addHours(t, hours), rng);

class Planner {
  readonly steps: PlannedStep[] = [];
  /** When the organisation can start: after the operator's look at the case (at once, or late when the queue was long). */
  start: Date;
  constructor(
    readonly rng: Rng,
    readonly input: PlanInput,
    readonly late: boolean,
  ) {
    this.start = input.at;
  }

  body(template: string, at: Date, due: Date): string {
    const { rng } = this;
    return fillSlots(template, {
      due: formatDateRu(due),
      date: formatDateRu(toWorkingTime(addDays(at, -rng.int(0, 1)), rng)),
      next: formatDateRu(addDays(at, rng.int(7, 30))),
      act: String(rng.int(120, 9800)),
      where: this.input.where,
    });
  }

  /** Triage, rejection of an off-topic message, an occasional reassignment. Returns false when the case ends here. */
  intake(): boolean {
    const { rng, input } = this;
    const backlog = !input.urgent && rng.chance(input.recent ? 0.7 : 0.15);
    const triageAt = addHours(
      input.at,
      backlog ? between(rng, [12, 60]) : input.urgent ? between(rng, [0.1, 0.4]) : between(rng, [0.3, 2.5]),
    );
    this.steps.push({ at: triageAt, kind: 'triage' });
    this.start = triageAt;
    if (input.offtopic) {
      this.steps.push({ at: work(rng, this.start, between(rng, [1, 6])), kind: 'reject', comment: REJECT_COMMENT });
      return false;
    }
    if (rng.chance(0.03))
      this.steps.push({ at: work(rng, this.start, between(rng, [2.6, 8])), kind: 'reassign', reason: REASSIGN_REASON });
    return true;
  }

  /** Interim answer (most cases), then the first final answer with its review; null when no answer was accepted. */
  answers(): Date | null {
    const { rng, input } = this;
    const pace = paceFor(input);
    const finalDays = between(rng, pace.finalDays) * (this.late ? 2.2 : 1);
    let finalAt = work(rng, this.start, finalDays * 24);
    let t = this.start;
    if (input.urgent || rng.chance(0.75)) {
      const hours = between(rng, pace.interimHours) * (this.late ? 3 : 1);
      t = input.urgent ? addHours(t, hours) : work(rng, t, hours);
      if (rng.chance(0.5)) this.steps.push({ at: addHours(t, -0.1), kind: 'take' });
      this.steps.push({ at: t, kind: 'interim', body: this.body(rng.pick(INTERIM_ANSWERS), t, finalAt) });
    }
    if (!input.urgent && rng.chance(0.1)) return null;
    if (finalDays > 18 && rng.chance(0.4)) {
      const at = work(rng, t, 24 * between(rng, [10, Math.min(16, finalDays - 2)]));
      this.steps.push({ at, kind: 'extend', days: rng.int(10, 20), reason: rng.pick(EXTENSION_REASONS) });
      t = at;
    }
    if (finalAt <= t) finalAt = work(rng, t, 2);
    return this.round(finalAt, true);
  }

  /** A final answer and its review; a returned answer is taken again and re-answered once more. */
  round(finalAt: Date, first: boolean, afterFormal = false): Date | null {
    const { rng, input } = this;
    const formal = first && rng.chance(0.12);
    const templates = formal
      ? FORMAL_ANSWERS
      : first || afterFormal
        ? finalAnswersFor(input.block, input.category)
        : REPEATED_ANSWERS;
    const template = rng.pick(templates);
    this.steps.push({ at: finalAt, kind: 'final', body: this.body(template, finalAt, finalAt), formal });
    const reviewAt = work(rng, finalAt, between(rng, [1, 20]));
    if (!formal && rng.chance(0.08)) return null;
    const reason: ReturnReason | null = formal
      ? 'formal_reply'
      : first && rng.chance(0.09)
        ? rng.pick(['no_evidence', 'no_date'] as const)
        : null;
    if (!reason) {
      this.steps.push({ at: reviewAt, kind: 'review', decision: 'accept' });
      return reviewAt;
    }
    this.steps.push({ at: reviewAt, kind: 'review', decision: 'return', reason, comment: RETURN_COMMENTS[reason] });
    const takeAt = work(rng, reviewAt, between(rng, [1, 40]));
    this.steps.push({ at: takeAt, kind: 'take' });
    return this.round(work(rng, takeAt, 24 * between(rng, [1, 4])), false, formal);
  }

  score(weights: readonly (readonly [number, number])[]): void {
    const { rng } = this;
    const from = this.steps[this.steps.length - 1]?.at ?? this.input.at;
    const at = citizenReplyTime(addHours(from, 24 * between(rng, [0.3, 4])), rng);
    const score = rng.weighted(weights);
    const comment = rng.chance(0.6) ? rng.pick(RATING_COMMENTS[score] ?? ['']) : null;
    this.steps.push({ at, kind: 'rate', score, comment: comment || null });
  }

  /** The citizen's rating (1–2 reopens: the organisation answers again), or closure by the operator. */
  feedback(acceptedAt: Date): void {
    const { rng } = this;
    if (!rng.chance(0.7)) {
      if (rng.chance(0.5)) this.steps.push({ at: work(rng, acceptedAt, 24 * between(rng, [5, 12])), kind: 'close' });
      return;
    }
    this.score(
      this.late
        ? [
            [5, 15],
            [4, 20],
            [3, 20],
            [2, 20],
            [1, 25],
          ]
        : [
            [5, 35],
            [4, 25],
            [3, 15],
            [2, 12],
            [1, 13],
          ],
    );
    const last = this.steps[this.steps.length - 1];
    if (!last || last.kind !== 'rate' || last.score > 2 || !rng.chance(0.6)) return;
    const takeAt = work(rng, last.at, between(rng, [2, 20]));
    this.steps.push({ at: takeAt, kind: 'take' });
    const again = this.round(work(rng, takeAt, 24 * between(rng, [2, 7])), false);
    if (again && rng.chance(0.7))
      this.score([
        [5, 30],
        [4, 40],
        [3, 30],
      ]);
  }
}

export function planHistory(rng: Rng, input: PlanInput): PlannedStep[] {
  const planner = new Planner(rng, input, rng.chance(0.2));
  if (!planner.intake()) return planner.steps;
  const acceptedAt = planner.answers();
  if (acceptedAt) planner.feedback(acceptedAt);
  return [...planner.steps].sort((a, b) => a.at.getTime() - b.at.getTime());
}
