// «Публикация ответов» for the administrator (reference.manage): the rules deciding when a final answer reaches the
// citizen. Without a rule every answer waits for ЦУР's acceptance; a rule for a channel, an organisation or both may
// let answers be accepted automatically after N working hours. The server enforces the permission and checks input.
import { useState } from 'react';
import type { PublicationPolicy } from '../../../shared/api/publication';
import { CHANNEL_LABELS, isChannel } from '../../../shared/deadlines/channels';
import { formatDateTime, formatNumber } from '../common/format';
import { Empty, ErrorState, FormMessage, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { useReference } from '../reference/reference-context';
import { MODE_LABELS, PolicyForm } from './policy-form';
import { deletePublicationPolicy, fetchPublicationPolicies } from './publication-api';

type Editing = { kind: 'new' } | { kind: 'edit'; policy: PublicationPolicy } | null;

export function PublicationPage() {
  usePageTitle('Публикация ответов');
  const { organisationName } = useReference();
  const list = useResource('publication-policies', (signal) => fetchPublicationPolicies(signal));
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const saved = () => {
    setEditing(null);
    list.reload();
  };
  const remove = (id: string) => {
    setError(null);
    deletePublicationPolicy(id)
      .then(() => {
        setRemoving(null);
        list.reload();
      })
      .catch(setError);
  };
  const channelName = (c: string | null) => (c === null ? 'Все каналы' : isChannel(c) ? CHANNEL_LABELS[c] : c);
  const scopeName = (p: PublicationPolicy) =>
    `${channelName(p.channel)}, ${p.organisationId === null ? 'все организации' : organisationName(p.organisationId)}`;

  return (
    <section className="page page-wide" aria-labelledby="publication-title">
      <div className="page-head">
        <h1 id="publication-title">Публикация ответов</h1>
        <p className="muted">
          По умолчанию каждый окончательный ответ уходит гражданину только после того, как ЦУР его примет (контроль).
          Правило для канала и (или) организации может разрешить автоматическое принятие через заданное число рабочих
          часов по производственному календарю, если ЦУР не примет или не вернёт ответ раньше. Из нескольких подходящих
          правил действует самое точное: канал и организация, затем организация, затем канал, затем общее.
        </p>
      </div>
      <div className="list-toolbar">
        <button type="button" className="btn" onClick={() => setEditing({ kind: 'new' })} disabled={editing !== null}>
          Новое правило
        </button>
      </div>
      {editing && (
        <PolicyForm
          key={editing.kind === 'edit' ? editing.policy.id : 'new'}
          {...(editing.kind === 'edit' ? { policy: editing.policy } : {})}
          onSaved={saved}
          onCancel={() => setEditing(null)}
        />
      )}
      <FormMessage error={error} />
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.length === 0 && (
        <Empty>Правил нет: все ответы публикуются только после принятия ЦУР.</Empty>
      )}
      {list.data && list.data.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Правила публикации ответов</caption>
            <thead>
              <tr>
                <th scope="col">Канал</th>
                <th scope="col">Организация</th>
                <th scope="col">Публикация ответа</th>
                <th scope="col" className="num">
                  Рабочих часов
                </th>
                <th scope="col">Изменено</th>
                <th scope="col">Действия</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((p) => (
                <tr key={p.id}>
                  <td>{channelName(p.channel)}</td>
                  <td>{p.organisationId === null ? 'Все организации' : organisationName(p.organisationId)}</td>
                  <td>{MODE_LABELS[p.mode]}</td>
                  <td className="num">{p.autoAcceptHours === null ? '—' : formatNumber(p.autoAcceptHours)}</td>
                  <td className="nowrap">{formatDateTime(p.updatedAt)}</td>
                  <td>
                    {removing === p.id ? (
                      <span className="form-actions">
                        <button type="button" className="btn btn-danger" onClick={() => remove(p.id)}>
                          Да, удалить
                        </button>
                        <button type="button" className="btn btn-ghost" onClick={() => setRemoving(null)}>
                          Не удалять
                        </button>
                      </span>
                    ) : (
                      <span className="form-actions">
                        <button
                          type="button"
                          className="btn"
                          aria-label={`Изменить правило: ${scopeName(p)}`}
                          onClick={() => setEditing({ kind: 'edit', policy: p })}
                          disabled={editing !== null}
                        >
                          Изменить
                        </button>
                        <button
                          type="button"
                          className="btn btn-ghost"
                          aria-label={`Удалить правило: ${scopeName(p)}`}
                          onClick={() => setRemoving(p.id)}
                        >
                          Удалить
                        </button>
                      </span>
                    )}
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
