// «Журнал доступа к ПДн» for the auditor and the administrator: who read citizens' personal data (case cards,
// lists, searches, exports), when, which cases and why, filtered by case, user, kind and period; below it the
// erasure journal (what was destroyed, as counts).
import { useState } from 'react';
import { ACCESS_ACTION_LABELS, ACCESS_ACTIONS } from '../../../shared/api/personal-data';
import { ROLE_LABELS, isRole } from '../../../shared/auth/roles';
import { formatDateTime } from '../common/format';
import { RuDateInput } from '../common/ru-date-input';
import { Empty, ErrorState, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { fetchAudit, fetchErasures, type AuditFilters } from './audit-api';

const FIELD_LABELS: Record<string, string> = {
  author_name: 'имя',
  author_contact: 'контакт',
  author_external_id: 'идентификатор автора',
  address: 'адрес',
  text: 'текст',
  labels: 'метки',
  case_summary: 'описание обращения',
  case_address: 'адрес обращения',
  answer_text: 'текст ответа',
  rating_comment: 'комментарий к оценке',
  attachment_name: 'имя файла',
  attachment_file: 'файл вложения',
  training_text: 'обучающий текст',
  history_text: 'текст в истории обращения',
  letter_recipient: 'адресат письма',
};

const caseLinks = (ids: string[]) =>
  ids.length === 0 ? (
    '—'
  ) : (
    <>
      {ids.slice(0, 10).map((id, i) => (
        <span key={id}>
          {i ? ', ' : ''}
          <a href={`#/cases/${id}`}>№ {id}</a>
        </span>
      ))}
      {ids.length > 10 ? ` и ещё ${ids.length - 10}` : ''}
    </>
  );

export function AuditPage() {
  usePageTitle('Журнал доступа к персональным данным');
  const [filters, setFilters] = useState<AuditFilters>({ page: 1 });
  const change = (patch: Partial<AuditFilters>) => setFilters((f) => ({ ...f, ...patch, page: patch.page ?? 1 }));
  const journal = useResource(JSON.stringify(filters), (signal) => fetchAudit(filters, signal), { keepPrevious: true });
  const erasures = useResource('erasures', (signal) => fetchErasures(signal));
  const data = journal.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <section className="page page-wide" aria-labelledby="audit-title">
      <div className="page-head">
        <h1 id="audit-title">Журнал доступа к персональным данным</h1>
        <p className="muted">
          Каждое чтение персональных данных граждан: карточка обращения, список и поиск (одна запись на страницу
          списка), выгрузка. Имена, контакты и адреса в журнал не попадают.
        </p>
      </div>
      <form className="list-toolbar" onSubmit={(e) => e.preventDefault()} aria-label="Фильтры журнала">
        <label className="inline-field">
          Обращение №{' '}
          <input
            inputMode="numeric"
            value={filters.case ?? ''}
            onChange={(e) => change({ case: e.target.value.replace(/\D/g, '') })}
          />
        </label>
        <label className="inline-field">
          Пользователь (id){' '}
          <input
            inputMode="numeric"
            value={filters.user ?? ''}
            onChange={(e) => change({ user: e.target.value.replace(/\D/g, '') })}
          />
        </label>
        <label className="inline-field">
          Действие{' '}
          <select value={filters.action ?? ''} onChange={(e) => change({ action: e.target.value || undefined })}>
            <option value="">все</option>
            {ACCESS_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {ACCESS_ACTION_LABELS[a]}
              </option>
            ))}
          </select>
        </label>
        <RuDateInput label="С" value={filters.from} onCommit={(from) => change({ from })} />
        <RuDateInput label="По" value={filters.to} onCommit={(to) => change({ to })} />
      </form>
      {journal.error ? <ErrorState error={journal.error} onRetry={journal.reload} /> : null}
      {journal.loading && !data ? <Loading /> : null}
      {data && data.items.length === 0 && <Empty>Записей за выбранные условия нет.</Empty>}
      {data && data.items.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Записи журнала доступа, новые сверху</caption>
            <thead>
              <tr>
                <th scope="col">Когда</th>
                <th scope="col">Кто</th>
                <th scope="col">Действие</th>
                <th scope="col">Цель</th>
                <th scope="col">Обращения</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((e) => (
                <tr key={e.id}>
                  <td>
                    {formatDateTime(e.at)}
                    {e.repeats > 0 && e.lastAt ? (
                      <div className="muted">
                        и ещё {e.repeats} раз(а), до {formatDateTime(e.lastAt)}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {e.actor}
                    {e.role ? (
                      <div className="muted">
                        {isRole(e.role) ? ROLE_LABELS[e.role] : e.role}
                        {e.userId !== null ? `, id ${e.userId}` : ''}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {e.actionLabel}
                    {e.action !== 'case_card' ? <div className="muted">записей: {e.itemCount}</div> : null}
                  </td>
                  <td>{e.purpose}</td>
                  <td>{caseLinks(e.caseIds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && pages > 1 && (
        <nav className="list-toolbar" aria-label="Страницы журнала">
          <button
            type="button"
            className="btn"
            disabled={filters.page <= 1}
            onClick={() => change({ page: filters.page - 1 })}
          >
            ← Назад
          </button>
          <span>
            Страница {filters.page} из {pages} (записей {data.total})
          </span>
          <button
            type="button"
            className="btn"
            disabled={filters.page >= pages}
            onClick={() => change({ page: filters.page + 1 })}
          >
            Вперёд →
          </button>
        </nav>
      )}
      <h2>Уничтожение персональных данных</h2>
      {erasures.error ? <ErrorState error={erasures.error} onRetry={erasures.reload} /> : null}
      {erasures.data && erasures.data.items.length === 0 && <Empty>Данные ещё не уничтожались.</Empty>}
      {erasures.data && erasures.data.items.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Когда</th>
                <th scope="col">Кто</th>
                <th scope="col">Основание</th>
                <th scope="col">Обращения</th>
                <th scope="col">Уничтожено</th>
              </tr>
            </thead>
            <tbody>
              {erasures.data.items.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.at)}</td>
                  <td>{e.actor}</td>
                  <td>
                    {e.basis === 'retention' ? 'Срок хранения' : 'Заявление'}: {e.reason}
                  </td>
                  <td>{caseLinks(e.caseIds)}</td>
                  <td>
                    сообщений {e.messageCount};{' '}
                    {Object.entries(e.fields)
                      .map(([k, n]) => `${FIELD_LABELS[k] ?? k}: ${n}`)
                      .join(', ') || '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
