import type { CaseDetail } from '../../../shared/api/cases';
import { channelLabel } from '../common/badges';
import { formatDateTime } from '../common/format';

export function CaseFacts({ detail }: { detail: CaseDetail }) {
  const first = detail.messagesList[0];
  const place = detail.address ?? first?.address ?? null;
  // Roles without access to citizens' personal data get them masked by the server (shared/personal-data/masking.ts).
  const hidden = detail.permissions.seeContacts === false;
  return (
    <section className="panel" aria-labelledby="facts-title">
      <h2 id="facts-title">Сведения</h2>
      <dl className="facts">
        <div>
          <dt>Поступило</dt>
          <dd>{formatDateTime(detail.createdAt)}</dd>
        </div>
        <div>
          <dt>Канал</dt>
          <dd>{channelLabel(detail.channel)}</dd>
        </div>
        <div>
          <dt>Автор</dt>
          <dd>
            {hidden ? (
              <span className="muted">скрыт: нет доступа к персональным данным</span>
            ) : (
              <>
                {first?.author ?? 'не указан'}
                {first?.contact ? `, ${first.contact}` : ''}
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>Муниципалитет</dt>
          <dd>{detail.municipality ?? <span className="muted">не определён</span>}</dd>
        </div>
        <div>
          <dt>Место</dt>
          <dd>
            {place ?? <span className="muted">{hidden ? 'адрес скрыт' : 'не указано'}</span>}
            {detail.lat !== null && detail.lon !== null && (
              <span className="muted small">
                {' '}
                ({detail.lat.toFixed(5)}, {detail.lon.toFixed(5)})
              </span>
            )}
          </dd>
        </div>
        {detail.rating !== null && (
          <div>
            <dt>Оценка гражданина</dt>
            <dd>{detail.rating} из 5</dd>
          </div>
        )}
        {detail.rejectionReason && (
          <div>
            <dt>Причина отклонения</dt>
            <dd>{detail.rejectionReason}</dd>
          </div>
        )}
        {detail.mergedIntoId && (
          <div>
            <dt>Объединено с</dt>
            <dd>
              <a href={`#/cases/${detail.mergedIntoId}`}>обращением № {detail.mergedIntoId}</a>
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}
