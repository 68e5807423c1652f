// Both clocks: the first response (acknowledge) and the final answer, each with a live countdown.
import type { CaseDetail } from '../../../shared/api/cases';
import { DeadlineBadge } from '../common/badges';
import { countdown, formatDateTime } from '../common/format';
import { useNow } from '../common/use-now';

function Clock({
  title,
  due,
  doneAt,
  stopped,
  now,
  note,
}: {
  title: string;
  due: string | null;
  doneAt: string | null;
  stopped: boolean;
  now: Date;
  /** Said under a running clock (why it still runs). */
  note?: string | undefined;
}) {
  let status: { text: string; tone: string };
  if (!due) status = { text: 'срок не установлен', tone: 'muted' };
  else if (doneAt) {
    const late = Date.parse(doneAt) > Date.parse(due);
    status = {
      text: `выполнено ${formatDateTime(doneAt)}${late ? ' — с опозданием' : ' — в срок'}`,
      tone: late ? 'text-danger' : 'text-ok',
    };
  } else if (stopped) status = { text: 'отсчёт остановлен', tone: 'muted' };
  else {
    const c = countdown(due, now);
    status = { text: c.text, tone: c.overdue ? 'text-danger' : 'text-ok' };
  }
  return (
    <div className="clock">
      <dt>{title}</dt>
      <dd>
        <span>до {formatDateTime(due)}</span>
        <span className={`clock-status ${status.tone}`}>{status.text}</span>
        {note && !doneAt && !stopped && <span className="small muted">{note}</span>}
      </dd>
    </div>
  );
}

export function DeadlineClocks({ detail }: { detail: CaseDetail }) {
  const now = useNow(30_000);
  const stopped = detail.status === 'closed' || detail.status === 'rejected';
  // an answer given but not yet accepted by ЦУР has not reached the citizen: the first-response clock runs on
  const inReview = detail.answers.some((a) => a.publishedAt === null && a.reviewStatus === 'pending');
  return (
    <section className="panel" aria-labelledby="clocks-title">
      <h2 id="clocks-title">
        Сроки <DeadlineBadge state={detail.deadlineState} />
      </h2>
      <dl className="clocks">
        <Clock
          title="Первичный ответ"
          due={detail.firstResponseDueAt}
          doneAt={detail.firstResponseAt}
          stopped={stopped}
          now={now}
          note={
            inReview
              ? 'Ответ дан и ждёт проверки ЦУР: отсчёт остановится, когда ответ примут и он уйдёт гражданину'
              : undefined
          }
        />
        <Clock
          title="Окончательный ответ"
          due={detail.finalAnswerDueAt}
          doneAt={detail.finalAnswerAt}
          stopped={stopped}
          now={now}
        />
      </dl>
      {detail.extensionsUsed > 0 && <p className="small muted">Срок продлевался ({detail.extensionsUsed} раз).</p>}
    </section>
  );
}
