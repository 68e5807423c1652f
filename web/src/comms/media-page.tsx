// «СМИ и лидеры мнений»: the registry (channels, audience, topics, territory, contact, who keeps the relationship),
// interactions and mentions with dates (a mention links to its case), import of the registry from a file.
import { useState } from 'react';
import { MEDIA_KIND_LABELS } from '../../../shared/api/media';
import { hasPermission } from '../api/contract';
import { useMe } from '../auth/auth-context';
import { formatNumber, isoToRuDate } from '../common/format';
import { Empty, ErrorState, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { fetchMedia, importMedia } from './comms-api';
import { CommsShell } from './comms-shell';
import { FileImport } from './file-import';
import { ContactForm, InteractionForm } from './media-forms';

export function MediaPage() {
  usePageTitle('СМИ и лидеры мнений');
  const me = useMe();
  const canManage = hasPermission(me, 'comms.manage');
  const [reloads, setReloads] = useState(0);
  const [adding, setAdding] = useState(false);
  const contacts = useResource(`media:${reloads}`, fetchMedia, { keepPrevious: true });
  const changed = () => setReloads((n) => n + 1);
  return (
    <CommsShell title="СМИ и лидеры общественного мнения">
      {canManage && !adding && (
        <div className="list-toolbar">
          <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
            Добавить
          </button>
        </div>
      )}
      {adding && (
        <ContactForm
          onSaved={() => {
            setAdding(false);
            changed();
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      {contacts.error ? (
        <ErrorState error={contacts.error} onRetry={contacts.reload} />
      ) : !contacts.data ? (
        <Loading />
      ) : contacts.data.items.length === 0 ? (
        <Empty>Реестр пока пуст.</Empty>
      ) : (
        <div className="table-wrap">
          <table aria-label="СМИ и лидеры мнений">
            <thead>
              <tr>
                <th scope="col">Название</th>
                <th scope="col">Каналы, аудитория</th>
                <th scope="col">Темы</th>
                <th scope="col">Территория</th>
                <th scope="col">Контакт</th>
                <th scope="col">Взаимодействий</th>
              </tr>
            </thead>
            <tbody>
              {contacts.data.items.map((c) => (
                <tr key={c.id}>
                  <td>
                    {c.name}
                    <div className="muted small">
                      {MEDIA_KIND_LABELS[c.kind]}
                      {c.ownerName ? ` · ведёт ${c.ownerName}` : ''}
                    </div>
                  </td>
                  <td>
                    {c.channels || '—'}
                    {c.audience !== null ? <div className="muted small">{formatNumber(c.audience)}</div> : null}
                  </td>
                  <td>{c.topics || '—'}</td>
                  <td>{c.municipality ?? 'Вся область'}</td>
                  <td>{[c.contactPerson, c.contact].filter(Boolean).join(', ') || '—'}</td>
                  <td>
                    {c.interactions}
                    {c.lastInteractionOn ? (
                      <div className="muted small">последнее {isoToRuDate(c.lastInteractionOn)}</div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage && contacts.data && contacts.data.items.length > 0 && (
        <InteractionForm contacts={contacts.data.items} onSaved={changed} />
      )}
      {canManage && (
        <FileImport
          title="Реестр из файла"
          send={importMedia}
          onDone={changed}
          columns="Тип (СМИ или лидер мнений), Название, Каналы, Аудитория, Темы, Муниципалитет, Контактное лицо, Контакт, Ответственный"
        />
      )}
    </CommsShell>
  );
}
