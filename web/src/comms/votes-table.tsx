// Votes and discussions, each beside the complaints of its category in its municipality in the days before and after
// its decision (or its end), with the conflict mark where the decision met a rise of complaints. The complaint
// counts lead to those cases in «Входящие».
import { IMPLEMENTATION_LABELS, VOTE_KIND_LABELS, type VoteList } from '../../../shared/api/votes';
import { formatNumber, isoToRuDate, plural } from '../common/format';
import { href } from '../router/router';

const shift = (iso: string, days: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export function VotesTable({ votes, caption }: { votes: VoteList; caption: string }) {
  const { windowDays, ratio, minComplaints } = votes.rule;
  const inbox = (v: VoteList['items'][number], from: string, to: string) =>
    href('/inbox', {
      ...(v.municipalityCode ? { municipality: v.municipalityCode } : {}),
      ...(v.categoryCode ? { category: v.categoryCode } : {}),
      from,
      to,
    });
  return (
    <>
      <div className="table-wrap">
        <table aria-label={caption}>
          <thead>
            <tr>
              <th scope="col">Событие</th>
              <th scope="col">Территория и категория</th>
              <th scope="col">Сроки, явка</th>
              <th scope="col">Итог и решение</th>
              <th scope="col">Реализация</th>
              <th scope="col">Обращения до / после решения</th>
            </tr>
          </thead>
          <tbody>
            {votes.items.map((v) => {
              const around = v.complaints.around;
              return (
                <tr key={v.id} className={v.complaints.conflict ? 'row-alert' : undefined}>
                  <td>
                    <strong>{v.title}</strong>
                    <div className="muted small">
                      {VOTE_KIND_LABELS[v.kind]}
                      {v.question ? ` · ${v.question}` : ''}
                    </div>
                  </td>
                  <td>
                    {v.municipality ?? 'Вся область'}
                    <div className="muted small">{v.category ?? 'все категории'}</div>
                  </td>
                  <td>
                    {isoToRuDate(v.startsOn)} — {isoToRuDate(v.endsOn)}
                    {v.turnout !== null ? (
                      <div className="muted small">
                        {formatNumber(v.turnout)} {plural(v.turnout, ['участник', 'участника', 'участников'])}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {v.result || '—'}
                    {v.decision ? (
                      <div className="small">
                        Решение{v.decisionOn ? ` от ${isoToRuDate(v.decisionOn)}` : ''}: {v.decision}
                      </div>
                    ) : null}
                  </td>
                  <td>{IMPLEMENTATION_LABELS[v.implementation]}</td>
                  <td>
                    <a
                      href={inbox(v, shift(around, -windowDays), shift(around, -1))}
                      aria-label={`Обращения за ${windowDays} дней до ${isoToRuDate(around)}: ${v.complaints.before}`}
                    >
                      {v.complaints.before}
                    </a>
                    {' / '}
                    <a
                      href={inbox(v, around, shift(around, windowDays - 1))}
                      aria-label={`Обращения за ${windowDays} дней с ${isoToRuDate(around)}: ${v.complaints.after}`}
                    >
                      {v.complaints.after}
                    </a>
                    {v.complaints.conflict && <span className="badge badge-alert">Рост жалоб после решения</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        Обращения той же категории на той же территории за {windowDays} дней до и после даты решения (без неё —
        окончания события). Отметка «рост жалоб» — когда после решения их не меньше {minComplaints} и в{' '}
        {formatNumber(ratio)} раза больше, чем до.
      </p>
    </>
  );
}
