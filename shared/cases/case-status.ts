// The case lifecycle as a pure function: (status, action) → next status, or a refusal with a reason.
export const CASE_STATUSES = [
  'new',
  'triage',
  'assigned',
  'in_progress',
  'interim_answer',
  'answered',
  'accepted',
  'returned',
  'closed',
  'rejected',
  'reopened',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  new: 'Новое',
  triage: 'Разбор (нужен оператор)',
  assigned: 'Назначено',
  in_progress: 'В работе',
  interim_answer: 'Промежуточный ответ',
  answered: 'Дан ответ',
  accepted: 'Принято ЦУР',
  returned: 'Возвращено на доработку',
  closed: 'Закрыто',
  rejected: 'Отклонено',
  reopened: 'Открыто повторно',
};

export const CASE_ACTIONS = [
  'send_to_triage',
  'decline',
  'route',
  'reassign',
  'take',
  'interim_answer',
  'final_answer',
  'accept',
  'return',
  'close',
  'reject',
  'reopen',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const REJECTION_REASONS = ['not_our_competence', 'spam', 'duplicate', 'other'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];
export const REJECTION_REASON_LABELS: Record<RejectionReason, string> = {
  not_our_competence: 'Не в компетенции',
  spam: 'Спам',
  duplicate: 'Дубликат',
  other: 'Иная причина',
};

export const RETURN_REASONS = ['formal_reply', 'no_evidence', 'no_date', 'contradiction', 'other'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];
export const RETURN_REASON_LABELS: Record<ReturnReason, string> = {
  formal_reply: 'Формальный ответ (отписка)',
  no_evidence: 'Нет подтверждения (фото, акт)',
  no_date: 'Не указан срок решения',
  contradiction: 'Ответ противоречит обращению',
  other: 'Иное',
};

/** Statuses in which the responsible organisation is expected to work on the case. */
export const WORK_STATUSES: readonly CaseStatus[] = [
  'assigned',
  'in_progress',
  'interim_answer',
  'returned',
  'reopened',
];
/**
 * Statuses in which a citizen's new message (a reply to the answer, «батареи всё ещё холодные») is a follow-up the
 * operator must see: the case shows «гражданин ответил» until someone acts on it (a status change or an answer).
 */
export const CITIZEN_REPLY_STATUSES: readonly CaseStatus[] = ['answered', 'accepted', 'closed', 'rejected'];
export const CITIZEN_REPLIED_LABEL = 'Гражданин ответил';

/** Statuses that count as open for deadlines. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['new', 'triage', ...WORK_STATUSES];

const FROM: Record<CaseAction, readonly CaseStatus[]> = {
  send_to_triage: ['new', 'assigned'],
  // the executor's organisation says the case is not its competence: back to ЦУР's triage, with why (before answering)
  decline: ['assigned', 'in_progress', 'returned', 'reopened'],
  route: ['new', 'triage'],
  reassign: ['triage', ...WORK_STATUSES],
  take: ['assigned', 'returned', 'reopened'],
  interim_answer: WORK_STATUSES,
  final_answer: WORK_STATUSES,
  accept: ['answered'],
  // Only before publication: an accepted answer has already reached the citizen and cannot be taken back.
  return: ['answered'],
  // Only after ЦУР accepted the final answer (it is then published): an answer waiting for review is decided by
  // «Принять ответ» or «Вернуть на доработку», never closed or reopened past the review.
  close: ['accepted'],
  reject: ['new', 'triage', 'assigned', 'in_progress'],
  reopen: ['accepted', 'closed', 'rejected'],
};

const TO: Record<CaseAction, CaseStatus> = {
  send_to_triage: 'triage',
  decline: 'triage',
  route: 'assigned',
  reassign: 'assigned',
  take: 'in_progress',
  interim_answer: 'interim_answer',
  final_answer: 'answered',
  accept: 'accepted',
  return: 'returned',
  close: 'closed',
  reject: 'rejected',
  reopen: 'reopened',
};

export type TransitionResult = { ok: true; to: CaseStatus } | { ok: false; message: string };

export function transition(from: CaseStatus, action: CaseAction): TransitionResult {
  if (FROM[action].includes(from)) return { ok: true, to: TO[action] };
  return {
    ok: false,
    message: `Действие «${ACTION_LABELS[action]}» недоступно в статусе «${CASE_STATUS_LABELS[from]}»`,
  };
}

export function allowedActions(from: CaseStatus): CaseAction[] {
  return CASE_ACTIONS.filter((a) => FROM[a].includes(from));
}

export const ACTION_LABELS: Record<CaseAction, string> = {
  send_to_triage: 'Отправить на разбор',
  decline: 'Не наша компетенция — вернуть в ЦУР',
  route: 'Назначить исполнителя',
  reassign: 'Переназначить',
  take: 'Взять в работу',
  interim_answer: 'Промежуточный ответ',
  final_answer: 'Окончательный ответ',
  accept: 'Принять ответ',
  return: 'Вернуть на доработку',
  close: 'Закрыть',
  reject: 'Отклонить',
  reopen: 'Открыть повторно',
};

export function isCaseStatus(v: string): v is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(v);
}

/** A citizen's rating of 1–2 reopens the case; 3–5 closes an accepted one. */
export function actionForRating(status: CaseStatus, score: number): CaseAction | null {
  if (score <= 2) return FROM.reopen.includes(status) ? 'reopen' : null;
  return FROM.close.includes(status) ? 'close' : null;
}
