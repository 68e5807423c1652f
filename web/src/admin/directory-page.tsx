// «Организации» (reference.manage): the directory of organisations that cases are routed to. Create, rename, switch
// off (no longer offered for routing; their cases keep them) or bring back; names from import sources are matched on
// «Организации из импорта». Every change is journalled with who and when.
import { useState, type FormEvent } from 'react';
import {
  ORGANISATION_KIND_LABELS,
  ORGANISATION_KINDS,
  type AdminOrganisation,
} from '../../../shared/api/admin-settings';
import { OPEN_STATUSES } from '../../../shared/cases/case-status';
import { formatNumber } from '../common/format';
import { FormMessage } from '../common/states';
import { useResource } from '../common/use-resource';
import { useReference } from '../reference/reference-context';
import { AdminJournal } from './admin-journal';
import { AdminPage, EditActions } from './admin-parts';
import { AdminTable } from './admin-table';
import { changeOrganisation, createOrganisation, fetchOrganisations } from './settings-api';

const kindLabel = (kind: string): string =>
  (ORGANISATION_KINDS as readonly string[]).includes(kind)
    ? ORGANISATION_KIND_LABELS[kind as keyof typeof ORGANISATION_KIND_LABELS]
    : kind;

function NewOrganisation({ onDone }: { onDone: (name: string) => void }) {
  const { ref } = useReference();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<(typeof ORGANISATION_KINDS)[number]>('regional_body');
  const [municipality, setMunicipality] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    createOrganisation({ name, kind, ...(municipality ? { municipality } : {}) })
      .then((o) => {
        setName('');
        onDone(o.name);
      })
      .catch(setError);
  };
  return (
    <form className="panel" onSubmit={submit} aria-label="Новая организация">
      <div className="form-grid">
        <label className="field">
          Название
          <input value={name} onChange={(e) => setName(e.target.value)} required minLength={3} maxLength={300} />
        </label>
        <label className="field">
          Вид
          <select
            value={kind}
            onChange={(e) => setKind(ORGANISATION_KINDS.find((k) => k === e.target.value) ?? 'other')}
          >
            {ORGANISATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {ORGANISATION_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Муниципалитет
          <select value={municipality} onChange={(e) => setMunicipality(e.target.value)}>
            <option value="">— вся область —</option>
            {ref.municipalities.map((m) => (
              <option key={m.code} value={m.code}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <FormMessage error={error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          Добавить организацию
        </button>
      </div>
    </form>
  );
}

function Rename({
  organisation,
  onDone,
  onCancel,
}: {
  organisation: AdminOrganisation;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(organisation.name);
  const [error, setError] = useState<unknown>(null);
  return (
    <form
      className="inline-form"
      aria-label={`Переименовать ${organisation.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        changeOrganisation(organisation.id, { name }).then(onDone).catch(setError);
      }}
    >
      <label className="field">
        Новое название
        <input value={name} onChange={(e) => setName(e.target.value)} required minLength={3} autoFocus />
      </label>
      <EditActions error={error} onCancel={onCancel} />
    </form>
  );
}

export function DirectoryPage() {
  const { municipality } = useReference();
  const [version, setVersion] = useState(0);
  const list = useResource(`admin-directory:${version}`, (signal) => fetchOrganisations(signal));
  const [editing, setEditing] = useState<number | null>(null);
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const changed = (message: string | null = null) => {
    setEditing(null);
    setDone(message);
    setVersion((v) => v + 1);
  };
  const setActive = (o: AdminOrganisation, active: boolean) => {
    setError(null);
    changeOrganisation(o.id, { active })
      .then(() =>
        changed(
          active ? `«${o.name}» снова в работе.` : `«${o.name}» отключена: новые обращения к ней не направляются.`,
        ),
      )
      .catch(setError);
  };
  const needle = filter.trim().toLowerCase();

  return (
    <AdminPage
      id="directory-title"
      title="Организации"
      intro={
        <>
          Организации, которым направляются обращения. Отключённая организация не предлагается при маршрутизации и
          назначении; её обращения остаются за ней. Названия из источников импорта сопоставляются на экране «
          <a href="#/admin/organisations">Организации из импорта</a>».
        </>
      }
    >
      <NewOrganisation onDone={(name) => changed(`Организация «${name}» добавлена.`)} />
      <div className="list-toolbar">
        <label className="field">
          Найти
          <input
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder="часть названия"
          />
        </label>
      </div>
      <FormMessage error={error} success={done} />
      <AdminTable
        list={list}
        caption="Организации"
        head={
          <>
            <th scope="col">Название</th>
            <th scope="col">Вид</th>
            <th scope="col">Муниципалитет</th>
            <th scope="col">Псевдонимы</th>
            <th scope="col" className="num">
              Открытых обращений
            </th>
            <th scope="col">Состояние</th>
            <th scope="col">Действия</th>
          </>
        }
      >
        {(items) =>
          items
            .filter((o) => !needle || o.name.toLowerCase().includes(needle))
            .map((o) => (
              <tr key={o.id}>
                <td>
                  {editing === o.id ? (
                    <Rename
                      organisation={o}
                      onDone={() => changed(`Организация переименована.`)}
                      onCancel={() => setEditing(null)}
                    />
                  ) : (
                    o.name
                  )}
                </td>
                <td className="small">{kindLabel(o.kind)}</td>
                <td className="small">
                  {o.municipality ? (municipality(o.municipality)?.shortName ?? o.municipality) : '—'}
                </td>
                <td className="small">{o.aliases.join('; ') || '—'}</td>
                <td className="num">
                  {o.openCases > 0 ? (
                    <a href={`#/inbox?organisation=${o.id}&status=${OPEN_STATUSES.join(',')}`}>
                      {formatNumber(o.openCases)}
                    </a>
                  ) : (
                    '0'
                  )}
                </td>
                <td>{o.active ? 'действует' : 'отключена'}</td>
                <td>
                  <span className="form-actions">
                    <button
                      type="button"
                      className="btn btn-small"
                      aria-label={`Переименовать: ${o.name}`}
                      onClick={() => setEditing(o.id)}
                      disabled={editing !== null}
                    >
                      Переименовать
                    </button>
                    {o.active ? (
                      <button
                        type="button"
                        className="btn btn-small btn-ghost"
                        aria-label={`Отключить: ${o.name}`}
                        onClick={() => setActive(o, false)}
                      >
                        Отключить
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="btn btn-small btn-ghost"
                        aria-label={`Вернуть: ${o.name}`}
                        onClick={() => setActive(o, true)}
                      >
                        Вернуть
                      </button>
                    )}
                  </span>
                </td>
              </tr>
            ))
        }
      </AdminTable>
      <AdminJournal entity="organisation" version={version} />
    </AdminPage>
  );
}
