// Urgency of a message from its words: which flags fire, with the words that fired them, and the
// resulting priority. Pure: the season comes from the message's own date (`at`), never from the clock.
import { NEGATION_BREAKERS, URGENCY_LEXICON, type FlagDef, type Priority } from './lexicon';
import {
  compilePhrase,
  compilePhraseSet,
  findPhrases,
  hitText,
  tokenizeWords,
  type PhraseHit,
  type PhraseSet,
  type Word,
} from './phrase-match';

export interface UrgencyFlag {
  readonly code: string;
  readonly label: string;
  /** The words of the text that fired the flag, as written («нет горячей воды»). */
  readonly triggers: readonly string[];
}

export interface UrgencyAssessment {
  readonly priority: Priority;
  readonly flags: readonly UrgencyFlag[];
}

export interface AssessUrgencyOptions {
  /** When the message was written; season-bound flags (no heating in winter) need it. */
  readonly at?: Date;
  /** Months (1–12) of the heating season; default October to April. */
  readonly coldMonths?: readonly number[];
  readonly lexicon?: readonly FlagDef[];
}

const DEFAULT_COLD_MONTHS: readonly number[] = [10, 11, 12, 1, 2, 3, 4];
const MOSCOW_OFFSET_MS = 3 * 60 * 60 * 1000;
const LEVELS: readonly Priority[] = ['normal', 'high', 'critical'];

interface CompiledFlag {
  readonly def: FlagDef;
  /** Indices of the flag's phrases in the lexicon's phrase set. */
  readonly phrases: readonly number[];
  readonly critical: readonly number[];
}

interface CompiledLexicon {
  readonly flags: readonly CompiledFlag[];
  /** Every phrase of every flag, matched in one pass over the words. */
  readonly set: PhraseSet;
}

const compiledCache = new WeakMap<readonly FlagDef[], CompiledLexicon>();

function compileLexicon(lexicon: readonly FlagDef[]): CompiledLexicon {
  const cached = compiledCache.get(lexicon);
  if (cached) return cached;
  const sources: string[] = [];
  const indices = (list: readonly string[]) => list.map((source) => sources.push(source) - 1);
  const flags = lexicon.map((def) => ({
    def,
    phrases: indices(def.phrases),
    critical: indices(def.criticalPhrases ?? []),
  }));
  const compiled = { flags, set: compilePhraseSet(sources.map(compilePhrase)) };
  compiledCache.set(lexicon, compiled);
  return compiled;
}

/** Month 1–12 in Moscow time (the region's clock). */
function monthOf(at: Date): number {
  return new Date(at.getTime() + MOSCOW_OFFSET_MS).getUTCMonth() + 1;
}

function isNegated(words: readonly Word[], hit: PhraseHit, def: FlagDef): boolean {
  const negators = def.negators ?? [];
  for (let back = 1; back <= 2; back += 1) {
    const w = words[hit.first - back];
    if (w && negators.includes(w.norm)) return !NEGATION_BREAKERS.includes(words[hit.first - back - 1]?.norm ?? '');
  }
  const after = words[hit.last + 1];
  return after !== undefined && (def.postNegators ?? []).includes(after.norm);
}

function isExcepted(words: readonly Word[], hit: PhraseHit, def: FlagDef): boolean {
  const first = words[hit.first]?.norm ?? '';
  return (def.except ?? []).some((stem) => first.startsWith(stem));
}

function validHits(
  words: readonly Word[],
  hits: readonly PhraseHit[][],
  phrases: readonly number[],
  def: FlagDef,
): PhraseHit[] {
  // A loop rather than flatMap + filter: most phrases have no hits, and this runs for every flag of every message.
  const valid: PhraseHit[] = [];
  for (const i of phrases) {
    for (const h of hits[i] ?? []) if (!isNegated(words, h, def) && !isExcepted(words, h, def)) valid.push(h);
  }
  return valid;
}

interface FiredFlag {
  readonly flag: UrgencyFlag;
  readonly def: FlagDef;
  readonly priority: Priority;
}

/** Overlapping hits become one span («висят оголённые провода», not also «оголённые провода»). */
function mergeOverlaps(hits: readonly PhraseHit[]): PhraseHit[] {
  const merged: PhraseHit[] = [];
  for (const h of [...hits].sort((a, b) => a.first - b.first || b.last - a.last)) {
    const prev = merged[merged.length - 1];
    if (prev && h.first <= prev.last) merged[merged.length - 1] = { ...prev, last: Math.max(prev.last, h.last) };
    else merged.push(h);
  }
  return merged;
}

function fire(text: string, words: readonly Word[], all: readonly PhraseHit[][], c: CompiledFlag): FiredFlag | null {
  const critical = validHits(words, all, c.critical, c.def);
  const hits = mergeOverlaps([...critical, ...validHits(words, all, c.phrases, c.def)]);
  if (hits.length === 0) return null;
  const triggers = [...new Set(hits.map((h) => hitText(text, words, h)))];
  const priority = critical.length > 0 ? 'critical' : c.def.priority;
  return { flag: { code: c.def.code, label: c.def.label, triggers }, def: c.def, priority };
}

const raise = (p: Priority): Priority => LEVELS[Math.min(LEVELS.indexOf(p) + 1, LEVELS.length - 1)] ?? p;
const maxPriority = (a: Priority, b: Priority): Priority => (LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b);

/** Priority and flags of a message. Without `at`, season-bound flags are not raised. */
export function assessUrgency(text: string, options: AssessUrgencyOptions = {}): UrgencyAssessment {
  const words = tokenizeWords(text);
  const cold = options.at !== undefined && (options.coldMonths ?? DEFAULT_COLD_MONTHS).includes(monthOf(options.at));
  const lexicon = compileLexicon(options.lexicon ?? URGENCY_LEXICON);
  const hits = findPhrases(words, lexicon.set);
  const fired = lexicon.flags
    .filter((c) => c.def.season !== 'cold' || cold)
    .map((c) => fire(text, words, hits, c))
    .filter((f): f is FiredFlag => f !== null);
  const codes = new Set(fired.map((f) => f.def.code));
  const priority = fired.reduce<Priority>((acc, f) => {
    const escalated = (f.def.escalateWith ?? []).some((code) => codes.has(code)) ? raise(f.priority) : f.priority;
    return maxPriority(acc, escalated);
  }, 'normal');
  return { priority, flags: fired.map((f) => f.flag) };
}
