// «Организации из импорта» (reference.manage): names under which import sources write organisations. Names that
// matched nothing (their cases wait in triage) are matched here to an organisation of the directory: the name becomes
// an alias, and later imports route such messages. The aliases themselves can be removed.
import { useState } from 'react';
import { formatDateTime, formatNumber } from '../common/format';
import { FormMessage } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { useReference } from '../reference/reference-context';
import { addAlias, fetchAliases, fetchHeldNames, removeAlias } from './admin-api';
import { AdminNav } from './admin-nav';
import { AdminTable } from './admin-table';

function MatchForm({ name, onDone, onError }: { name: string; onDone: () => void; onError: (e: unknown) => void }) {
  const { ref } = useReference();
  const [organisation, setOrganisation] = useState('');
  return (
    <form
      className="inline-form"
      aria-label={`Сопоставить «${name}»`}
      onSubmit={(e) => {
        e.preventDefault();
        addAlias(name, Number(organisation)).then(onDone).catch(onError);
      }}
    >
      <label className="field">
        Организация справочника
        <select value={organisation} onChange={(e) => setOrganisation(e.target.value)} required>
          <option value="">— выберите —</option>
          {ref.organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn btn-small btn-primary">
        Сопоставить
      </button>
    </form>
  );
}

export function OrganisationsPage() {
  usePageTitle('Организации из импорта');
  const { organisationName } = useReference();
  const [version, setVersion] = useState(0);
  const held = useResource(`admin-held:${version}`, (signal) => fetchHeldNames(signal));
  const aliases = useResource(`admin-aliases:${version}`, (signal) => fetchAliases(signal));
  const [error, setError] = useState<unknown>(null);
  const changed = () => {
    setError(null);
    setVersion((v) => v + 1);
  };

  return (
    <section className="page page-wide" aria-labelledby="organisations-title">
      <AdminNav />
      <div className="page-head">
        <h1 id="organisations-title">Организации из импорта</h1>
        <p className="muted">
          Обращение, источник которого назвал организацию, не найденную в справочнике, ждёт в разборе. Сопоставьте
          название с организацией: оно станет псевдонимом, и следующие импорты направят такие сообщения сразу. Уже
          ожидающие обращения маршрутизируются в «Разборе».
        </p>
      </div>
      <FormMessage error={error} />
      <h2>Не сопоставленные названия</h2>
      <AdminTable
        list={held}
        caption="Не сопоставленные названия"
        head={
          <>
            <th scope="col">Название в источнике</th>
            <th scope="col" className="num">
              Обращений ждёт
            </th>
            <th scope="col">Последнее</th>
            <th scope="col">Сопоставление</th>
          </>
        }
      >
        {(items) =>
          items.map((h) => (
            <tr key={h.name}>
              <td>{h.name}</td>
              <td className="num">{formatNumber(h.cases)}</td>
              <td className="nowrap">{formatDateTime(h.lastAt)}</td>
              <td>
                {h.matchedTo !== null ? (
                  `сопоставлено: ${organisationName(h.matchedTo)}`
                ) : (
                  <MatchForm name={h.name} onDone={changed} onError={setError} />
                )}
              </td>
            </tr>
          ))
        }
      </AdminTable>
      <h2>Псевдонимы</h2>
      <AdminTable
        list={aliases}
        caption="Псевдонимы организаций"
        head={
          <>
            <th scope="col">Название в источнике</th>
            <th scope="col">Организация</th>
            <th scope="col">Добавлен</th>
            <th scope="col">Действия</th>
          </>
        }
      >
        {(items) =>
          items.map((a) => (
            <tr key={a.id}>
              <td>{a.alias}</td>
              <td>{a.organisation}</td>
              <td className="nowrap">{formatDateTime(a.createdAt)}</td>
              <td>
                <button
                  type="button"
                  className="btn btn-small btn-ghost"
                  aria-label={`Удалить псевдоним ${a.alias}`}
                  onClick={() => {
                    setError(null);
                    removeAlias(a.id).then(changed).catch(setError);
                  }}
                >
                  Удалить
                </button>
              </td>
            </tr>
          ))
        }
      </AdminTable>
    </section>
  );
}
