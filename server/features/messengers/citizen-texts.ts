import type { CaseStatus } from '../../../shared/cases/case-status';
import { isCaseStatus } from '../../../shared/cases/case-status';

// What citizens read in messengers: statuses in plain words (the internal ones name the centre's workflow).
const CITIZEN_STATUS: Record<CaseStatus, string> = {
  new: 'зарегистрировано',
  triage: 'зарегистрировано',
  assigned: 'передано исполнителю',
  in_progress: 'в работе',
  interim_answer: 'в работе, дан промежуточный ответ',
  answered: 'ответ готов и проходит проверку ЦУР',
  accepted: 'дан ответ',
  returned: 'в работе',
  closed: 'закрыто',
  rejected: 'отклонено',
  reopened: 'снова в работе',
};

export function citizenStatus(status: string): string {
  return isCaseStatus(status) ? CITIZEN_STATUS[status] : 'зарегистрировано';
}

export function acknowledgement(caseId: string, joined: boolean): string {
  return joined
    ? `Спасибо! Ваше сообщение добавлено к обращению № ${caseId} о той же проблеме. Мы сообщим, когда будет ответ.`
    : `Спасибо! Обращение зарегистрировано под № ${caseId}. Мы передадим его ответственной организации и сообщим ответ здесь.`;
}

/** The button under a message joined to the chat's case by time alone: the citizen makes it a case of its own. */
export const NEW_CASE_BUTTON = 'Это новое обращение';

/** A chat's message added to its case (see chat-continuation.ts); `offerNew` when it was joined by time alone. */
export function followUpAcknowledgement(caseId: string, offerNew: boolean): string {
  return offerNew
    ? `Добавили ваше сообщение к обращению № ${caseId}. Если это другая проблема, нажмите «${NEW_CASE_BUTTON}».`
    : `Добавили ваше сообщение к обращению № ${caseId}.`;
}

export function splitAcknowledgement(caseId: string): string {
  return `Зарегистрировали отдельное обращение № ${caseId}. Мы передадим его ответственной организации и сообщим ответ здесь.`;
}

/** Why a rating button did nothing, in one sentence (the use case's reason starts lower-case after the colon). */
export function ratingRefusal(reason: string): string {
  return `Оценку сейчас поставить нельзя: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`;
}

export function answerHeading(caseId: string, kind: 'interim' | 'final'): string {
  return kind === 'final' ? `Ответ по обращению № ${caseId}` : `Промежуточный ответ по обращению № ${caseId}`;
}

/** Splits a text into parts of at most `limit` characters, preferring paragraph, line and word boundaries. */
export function splitText(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    const cut =
      [window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf(' ')].find((i) => i > limit / 2) ??
      limit;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}
