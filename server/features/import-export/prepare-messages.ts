// The CPU side of import, one message at a time and without the database: a source record is parsed and checked,
// analysed (classifier, places, urgency), its deadlines and state are computed and its rows are built. It runs in
// the analysis worker threads (or in the writing thread when there are none); the writer only adds the ids that
// the database hands out (case, organisations) and inserts.
import { createHash } from 'node:crypto';
// zod's messages in Russian in the import's worker threads too (a module graph of their own)
import '../../../shared/zod-russian';
import type { Insertable } from 'kysely';
import { interchangeMessageSchema, type InterchangeMessage } from '../../../shared/api/interchange';
import { parseMoscowTimestamp } from '../../../shared/api/messages';
import { computeDeadlines } from '../../../shared/deadlines/deadlines';
import { resolvePolicy, type PolicyRule } from '../../../shared/deadlines/deadline-policy';
import type { ProductionCalendar } from '../../../shared/deadlines/production-calendar';
import type { DB } from '../../db/schema';
import { inputProblem } from '../../lib/input-limits';
import { chosenCategoryByName, decideCategory } from '../intake/citizen-category';
import { decidePlace } from '../intake/resolve-municipality';
import type { CaseEventRow } from '../cases/case-events';
import type { CategoryRef, MunicipalityRef } from '../reference/reference.repository';
import type { Analysis, MessageAnalyzer, PlaceEvidence } from '../understanding/message-analyzer';
import { applyMapping, type ColumnMapping } from './column-mapping';
import { deriveState, type DerivedState } from './derive-history';

type Row<T extends keyof DB> = Insertable<DB[T]>;

export const IMPORT_ACTOR = 'Импорт истории';

/** A record as read from the file: a line of JSON not parsed yet, a table row, or what could not be read. */
export type SourceRecord =
  { line: number; text: string } | { line: number; value: Record<string, unknown> } | { line: number; error: string };

/** How table rows become messages: `mapping` undefined means the records are already in the interchange format. */
export interface SourceOptions {
  mapping?: ColumnMapping | null | undefined;
  channel: string;
}

/** A parsed record: its key (and that of its analysis, when analyses are kept), or why it is bad. */
export type ParsedRecord =
  { line: number; channel: string; externalId: string; analysisKey: string | null } | { line: number; error: string };

/** The reference data preparation needs (plain data: it is copied to the worker threads). */
export interface PreparationReference {
  municipalities: MunicipalityRef[];
  policies: PolicyRule[];
  categories: CategoryRef[];
  /** Below it the classifier is unsure and the source's category stands. */
  triageThreshold: number;
  /** The analyzer's version (`MessageAnalyzer.version`): analyses are keyed by it; null: they are not kept. */
  analysisVersion: string | null;
}

const MOSCOW_OFFSET_MS = 3 * 3_600_000;

/**
 * The key of a text's analysis (one made without looking for addresses): a hash of everything the analysis reads —
 * the analyzer's version, the text as it is (no normalisation: the analysis sees it so) and the month of the
 * message in Moscow (urgency's heating season).
 */
export function analysisKey(version: string, text: string, at: Date): string {
  const month = new Date(at.getTime() + MOSCOW_OFFSET_MS).getUTCMonth() + 1;
  return createHash('sha256').update(`${version}\u0000${month}\u0000`).update(text).digest('base64url');
}

/**
 * The rows of one message, all but the ids the database gives: `case_id` of the child rows and `id` of the case,
 * `organisation_id` of the case (from `organisation`) and of answers (from their `author_label`).
 */
export interface PreparedMessage {
  line: number;
  channel: string;
  externalId: string;
  /** The organisation named by the source, trimmed; null when none. */
  organisation: string | null;
  /** The case without `summary` too: it is the message's text (cut to 20 000 characters), not sent twice. */
  case: Omit<Row<'cases'>, 'id' | 'organisation_id' | 'summary'>;
  message: Omit<Row<'messages'>, 'case_id'>;
  events: Omit<CaseEventRow, 'case_id'>[];
  answers: Omit<Row<'answers'>, 'case_id' | 'organisation_id'>[];
  ratings: Omit<Row<'ratings'>, 'case_id'>[];
  /** What the duplicate check compares, for a record that carries no outcome of its own (see `joinsOpenCases`). */
  duplicateProbe: DuplicateProbe | null;
  /** The analysis computed for this message (none kept), with its key, for the writer to keep. */
  computed: { key: string; analysis: Analysis } | null;
}

/** A record without an outcome as intake would compare it with open cases. */
export interface DuplicateProbe {
  createdAt: Date;
  analysis: Analysis;
  address: string | null;
  point: { lat: number; lon: number } | null;
}

/**
 * Whether an imported record may join an open case as a repeated message, as intake's messages do: only when its
 * source history carries no outcome — no answer, no rating, not closed or rejected (a live backlog or a feed of new
 * messages). A record with its own outcome is a past case handled on its own: it keeps its case, answers and rating,
 * and is never merged into another.
 */
export function joinsOpenCases(state: DerivedState): boolean {
  return (
    (state.status === 'assigned' || state.status === 'triage') &&
    state.firstResponseAt === null &&
    state.rating === null
  );
}

/** One line of JSON Lines as an object, or the Russian reason it is not one. */
export function parseJsonLine(text: string): { value: Record<string, unknown> } | { error: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { error: 'строка не является JSON-объектом' };
    return { value: value as Record<string, unknown> };
  } catch (e) {
    return { error: describeJsonError((e as Error).message) };
  }
}

// V8's messages for JSON.parse (the same from Node 20 on; Node 22 adds «(line L column C)»), in Russian.
const JSON_PROBLEMS: [RegExp, string][] = [
  [/^Unexpected end of JSON input/, 'запись обрывается (не закрыта кавычка, скобка или фигурная скобка)'],
  [/^Expected double-quoted property name/, 'ожидалось имя поля в двойных кавычках (или лишняя запятая перед «}»)'],
  [/^Expected property name or '}'/, 'ожидалось имя поля в двойных кавычках или «}»'],
  [/^Expected ':' after property name/, 'после имени поля ожидалось «:»'],
  [/^Expected ',' or '}' after property value/, 'после значения поля ожидалась «,» или «}»'],
  [/^Expected ',' or ']' after array element/, 'после элемента массива ожидалась «,» или «]»'],
  [/^Unexpected non-whitespace character after JSON/, 'лишние символы после конца записи'],
  [/^Unterminated string/, 'строка не закрыта кавычкой'],
  [/^Bad control character in string literal/, 'управляющий символ (перевод строки, табуляция) внутри строки'],
  [/^Bad (escaped character|Unicode escape)/, 'неверная escape-последовательность после «\\»'],
  [/^(No number after minus sign|Unterminated fractional number|Exponent part is missing a number)/, 'неверное число'],
  [/^Unexpected number/, 'неожиданное число'],
  [/^Unexpected string/, 'неожиданная строка'],
];

/** «некорректный JSON в позиции 24 (столбец 25): ожидалось имя поля в двойных кавычках» from V8's English message. */
export function describeJsonError(message: string): string {
  const position = /at position (\d+)/.exec(message)?.[1];
  const where = position === undefined ? '' : ` в позиции ${position} (столбец ${Number(position) + 1})`;
  const token = /^Unexpected token '(.+?)', /.exec(message)?.[1];
  const problem = token ? `неожиданный символ «${token}»` : JSON_PROBLEMS.find(([re]) => re.test(message))?.[1];
  return `некорректный JSON${where}${problem ? `: ${problem}` : ''}`;
}

/** A record checked against the interchange format (table rows through the column mapping first). */
export function parseRecord(
  record: SourceRecord,
  options: SourceOptions,
): { message: InterchangeMessage } | { error: string } {
  if ('error' in record) return { error: record.error };
  const raw = 'text' in record ? parseJsonLine(record.text) : { value: record.value };
  if ('error' in raw) return raw;
  const problem = inputProblem(raw.value);
  if (problem) return { error: problem };
  const value = options.mapping === undefined ? raw.value : applyMapping(raw.value, options.mapping, options.channel);
  const parsed = interchangeMessageSchema.safeParse(value);
  if (parsed.success) return { message: parsed.data };
  return {
    error: parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || 'строка'}: ${i.message}`)
      .join('; '),
  };
}

/**
 * A pure function remembered by a key of its arguments (a file repeats the same few names, channels, categories,
 * and many addresses); past `limit` keys it starts afresh, so a file of all-different values holds no more.
 */
function memo<A extends unknown[], R>(
  key: (...args: A) => string,
  fn: (...args: A) => R,
  limit = 100_000,
): (...args: A) => R {
  const known = new Map<string, R>();
  return (...args) => {
    const k = key(...args);
    if (!known.has(k)) {
      if (known.size >= limit) known.clear();
      known.set(k, fn(...args));
    }
    return known.get(k) as R;
  };
}

/**
 * Parses records (keeping the messages under the chunk's id) and then prepares the ones the writer asks for. The
 * reference data is the snapshot taken when the import started.
 */
export class MessagePreparer {
  readonly #parsed = new Map<
    number,
    ({ line: number; message: InterchangeMessage; analysisKey: string | null } | null)[]
  >();
  readonly #place: (
    sourceName: string | null | undefined,
    evidence: PlaceEvidence,
    analysis: Analysis,
  ) => MunicipalityRef | null;
  readonly #chosen: (topic: unknown, category: unknown) => ReturnType<typeof chosenCategoryByName>;
  readonly #evidence: (location: InterchangeMessage['location']) => PlaceEvidence;
  readonly #policy: (
    channel: string,
    block: string | null,
    category: string | null,
  ) => ReturnType<typeof resolvePolicy>;

  constructor(
    private readonly analyzer: MessageAnalyzer,
    private readonly reference: PreparationReference,
    private readonly calendar: ProductionCalendar,
  ) {
    const places = {
      municipalities: reference.municipalities,
      municipalityByCode: new Map(reference.municipalities.map((m) => [m.code, m])),
    };
    const codeOf = (e: PlaceEvidence): string =>
      (e.point === 'outside' ? '-' : (e.point?.code ?? '')) + '\u0000' + (e.address?.code ?? '');
    this.#place = memo(
      (sourceName, evidence, analysis) =>
        `${sourceName ?? ''}\u0000${codeOf(evidence)}\u0000${analysis.municipalityCode ?? ''}`,
      (sourceName, evidence, analysis) => decidePlace(places, sourceName, evidence, analysis).municipality,
    );
    this.#evidence = memo(
      (l) => `${l?.lat ?? ''}\u0000${l?.lon ?? ''}\u0000${l?.address ?? ''}`,
      (l) => analyzer.placeEvidence(l),
    );
    this.#chosen = memo(
      (topic, category) => `${String(topic)}\u0000${String(category)}`,
      (topic, category) => chosenCategoryByName(reference.categories, [topic, category]),
    );
    this.#policy = memo(
      (channel, block, category) => `${channel}\u0000${block ?? ''}\u0000${category ?? ''}`,
      (channel, block, category) => resolvePolicy(reference.policies, { channel, block, category }),
    );
  }

  /** Parses a chunk of records and keeps its messages until `prepare(chunk, …)`. */
  parse(chunk: number, records: readonly SourceRecord[], options: SourceOptions): ParsedRecord[] {
    const messages: ({ line: number; message: InterchangeMessage; analysisKey: string | null } | null)[] = [];
    const out = records.map((record): ParsedRecord => {
      const parsed = parseRecord(record, options);
      if (!('message' in parsed)) {
        messages.push(null);
        return { line: record.line, error: parsed.error };
      }
      const key = this.#analysisKey(parsed.message);
      messages.push({ line: record.line, message: parsed.message, analysisKey: key });
      return {
        line: record.line,
        channel: parsed.message.channel,
        externalId: parsed.message.externalId,
        analysisKey: key,
      };
    });
    this.#parsed.set(chunk, messages);
    return out;
  }

  /** The key of the message's analysis (null when analyses are not kept). */
  #analysisKey(m: InterchangeMessage): string | null {
    const version = this.reference.analysisVersion;
    if (version === null) return null;
    // A record without an outcome has the addresses of its text found (for the duplicate check): personal data that
    // is not kept, so its analysis is not kept either.
    if (joinsOpenCases(deriveState(m.history, !!m.organisation?.trim()))) return null;
    return analysisKey(version, m.text, parseMoscowTimestamp(m.createdAt));
  }

  /**
   * The rows of the chunk's messages at `indices` (positions in the chunk); `known[k]`, when given, is the kept
   * analysis of the message at `indices[k]`, used instead of analysing it again.
   */
  prepare(chunk: number, indices: readonly number[], known?: readonly (Analysis | null)[]): PreparedMessage[] {
    const messages = this.#parsed.get(chunk);
    if (!messages) throw new Error(`import chunk ${chunk} was not parsed`);
    return indices.map((i, k) => {
      const parsed = messages[i];
      if (!parsed) throw new Error(`import chunk ${chunk} has no message at ${i}`);
      return this.prepareMessage(parsed.message, parsed.line, known?.[k] ?? null, parsed.analysisKey);
    });
  }

  /** Forgets a chunk once prepared (or when it will not be). */
  drop(chunk: number): void {
    this.#parsed.delete(chunk);
  }

  /**
   * The source's category (its «Подкатегория» or «Категория» column naming one of ours) stands when the classifier
   * agrees, is unsure or considers it; a strong disagreement keeps the classifier's (the source's state is kept, so
   * the case does not go to «Разбор»), and both stay in `classification`.
   */
  #category(
    m: InterchangeMessage,
    analysis: Analysis,
  ): { block: string | null; category: string | null; chosen: { block: string; category: string } | null } {
    const chosen = this.#chosen(m.labels?.topic, m.labels?.category);
    if (!chosen) return { block: analysis.block, category: analysis.category, chosen: null };
    const choice = decideCategory(analysis, chosen, this.reference.triageThreshold, (b, c) => `${b}.${c}`);
    return choice.route
      ? { block: chosen.block, category: chosen.category, chosen }
      : { block: analysis.block, category: analysis.category, chosen };
  }

  /** `key`: the analysis key `parse` computed (computed here when not given). */
  prepareMessage(
    m: InterchangeMessage,
    line: number,
    known: Analysis | null = null,
    key?: string | null,
  ): PreparedMessage {
    const createdAt = parseMoscowTimestamp(m.createdAt);
    const organisation = m.organisation?.trim() || null;
    const state = deriveState(m.history, organisation !== null);
    const live = joinsOpenCases(state);
    // The rows keep the source's address, never one found in the text: addresses are found only for the duplicate
    // check of a record without an outcome.
    const analysis = known ?? this.analyzer.analyze(m.text, createdAt, { addresses: live });
    const version = this.reference.analysisVersion;
    const computed =
      known === null && version !== null && !live
        ? { key: key ?? analysisKey(version, m.text, createdAt), analysis }
        : null;
    const municipality = this.#place(m.location?.municipality, this.#evidence(m.location), analysis);
    const { block, category, chosen } = this.#category(m, analysis);
    const due = computeDeadlines(createdAt, this.#policy(m.channel, block, category).policy, this.calendar);
    const prepared: PreparedMessage = {
      line,
      channel: m.channel,
      externalId: m.externalId,
      organisation,
      case: {
        status: state.status,
        priority: analysis.priority,
        block_code: block,
        category_code: category,
        municipality_id: municipality?.id ?? null,
        channel: m.channel,
        classification: JSON.stringify({
          block: analysis.block,
          category: analysis.category,
          confidence: analysis.confidence,
          top: analysis.top,
          model: analysis.model,
          ...(chosen
            ? {
                citizen: chosen,
                source: block === chosen.block && category === chosen.category ? 'citizen' : 'classifier',
              }
            : {}),
        }),
        urgency: JSON.stringify({ priority: analysis.priority, flags: analysis.flags }),
        address: m.location?.address ?? null,
        lat: m.location?.lat ?? null,
        lon: m.location?.lon ?? null,
        created_at: createdAt,
        first_response_due_at: due.firstResponseDueAt,
        final_answer_due_at: due.finalAnswerDueAt,
        first_response_at: state.firstResponseAt,
        final_answer_at: state.finalAnswerAt,
        closed_at: state.closedAt,
        rating: state.rating,
        source: 'import',
      },
      message: {
        channel: m.channel,
        external_id: m.externalId,
        text: m.text,
        created_at: createdAt,
        author_name: m.author?.name ?? null,
        author_contact: m.author?.contact ?? null,
        author_external_id: m.author?.externalId ?? null,
        address: m.location?.address ?? null,
        lat: m.location?.lat ?? null,
        lon: m.location?.lon ?? null,
        municipality_raw: m.location?.municipality ?? null,
        organisation_raw: m.organisation ?? null,
        labels: m.labels ? JSON.stringify(m.labels) : null,
        attachments: m.attachments ? JSON.stringify(m.attachments) : null,
      },
      events: [
        {
          at: createdAt,
          type: 'received',
          actor_label: IMPORT_ACTOR,
          data: JSON.stringify({ channel: m.channel, externalId: m.externalId }),
        },
      ],
      answers: [],
      ratings: [],
      duplicateProbe:
        live && analysis.block
          ? {
              createdAt,
              analysis,
              address: m.location?.address ?? null,
              point:
                m.location?.lat != null && m.location.lon != null ? { lat: m.location.lat, lon: m.location.lon } : null,
            }
          : null,
      computed,
    };
    // The source's own history is kept whole in one event (bodies live in answers); answers and ratings get their rows.
    if (m.history.length) {
      const items = m.history.map((h) =>
        h.type === 'answer' ? { type: h.type, at: h.at, kind: h.kind, by: h.by ?? null } : h,
      );
      prepared.events.push({
        at: createdAt,
        type: 'imported_history',
        actor_label: IMPORT_ACTOR,
        data: JSON.stringify({ items }),
      });
    }
    for (const h of m.history) {
      if (h.type === 'answer') {
        prepared.answers.push({
          kind: h.kind,
          body: h.body ?? '',
          author_label: h.by ?? null,
          created_at: parseMoscowTimestamp(h.at),
          review_status: 'imported',
        });
      } else if (h.type === 'rating') {
        prepared.ratings.push({ score: h.score, created_at: parseMoscowTimestamp(h.at) });
      }
    }
    return prepared;
  }
}
