import type { RatingOutcome } from './rate-case';

// The citizen-facing rating controls in server-rendered pages (the widget's status page, the signed page an e-mail
// links to): five buttons of one form, no JavaScript needed, and the texts after a rating.

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const SCORE_LABELS = ['', 'очень плохо', 'плохо', 'удовлетворительно', 'хорошо', 'отлично'];

/** A form posting `score` (1–5) and an optional comment, with the given hidden fields. */
export function ratingFormHtml(
  action: string,
  hidden: Record<string, string>,
  preselected: number | null = null,
): string {
  const fields = Object.entries(hidden)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  const buttons = [1, 2, 3, 4, 5]
    .map(
      (n) =>
        `<button type="submit" name="score" value="${n}"${n === preselected ? ' autofocus class="chosen"' : ''} title="${SCORE_LABELS[n]}">${n}</button>`,
    )
    .join(' ');
  return `<form class="rating" method="post" action="${escapeHtml(action)}">${fields}
<p><strong>Оцените ответ</strong> от 1 (очень плохо) до 5 (отлично). Оценка 1 или 2 вернёт обращение в работу.</p>
<p><label>Комментарий (необязательно)<br><textarea name="comment" rows="2" maxlength="2000"></textarea></label></p>
<p>${buttons}</p></form>`;
}

export function ratingResultText(outcome: RatingOutcome, caseId: string): string {
  if (!outcome.rated) return `Оценка ответа по обращению № ${caseId} уже учтена (${outcome.score}). Спасибо!`;
  return outcome.score <= 2
    ? `Спасибо за оценку ${outcome.score}. Обращение № ${caseId} снова передано в работу.`
    : `Спасибо за оценку ${outcome.score}! Она учтена по обращению № ${caseId}.`;
}

export const RATING_SCORE_ERROR = 'Оценка — целое число от 1 до 5';

/** The score from a form field, or null when it is not 1–5. */
export function parseScore(value: unknown): number | null {
  const n = typeof value === 'string' ? Number(value.trim()) : typeof value === 'number' ? value : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : null;
}
