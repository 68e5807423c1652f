// «Маршрутизация» (reference.manage): which organisation gets the cases of a block, a category and a municipality
// (the most specific rule wins; a municipal rule sends them to the municipality's administration). Rules are added and
// removed; new cases follow at once, cases already routed stay where they are. Journalled with who and when.
import { useState, type FormEvent } from 'react';
import { FormMessage } from '../common/states';
import { useResource } from '../common/use-resource';
import { useReference } from '../reference/reference-context';
import { AdminJournal } from './admin-journal';
import { AdminPage, BlockCategoryFields, BlockSelect } from './admin-parts';
import { AdminTable } from './admin-table';
import { addRoutingRule, fetchOrganisations, fetchRoutingRules, removeRoutingRule } from './settings-api';

function NewRule({ onDone }: { onDone: () => void }) {
  const { ref } = useReference();
  const organisations = useResource('admin-routing-organisations', (signal) => fetchOrganisations(signal));
  const [block, setBlock] = useState('');
  const [category, setCategory] = useState('');
  const [municipality, setMunicipality] = useState('');
  const [target, setTarget] = useState<'organisation' | 'municipal_admin'>('organisation');
  const [organisation, setOrganisation] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    addRoutingRule({
      block: block || null,
      category: category || null,
      municipality: municipality || null,
      target,
      organisationId: target === 'organisation' && organisation ? Number(organisation) : null,
    })
      .then(() => {
        setCategory('');
        setOrganisation('');
        onDone();
      })
      .catch(setError);
  };
  return (
    <form className="panel" onSubmit={submit} aria-label="Новое правило">
      <div className="form-grid">
        <BlockCategoryFields
          block={block}
          category={category}
          onChange={(v) => {
            setBlock(v.block);
            setCategory(v.category);
          }}
        />
        <label className="field">
          Муниципалитет
          <select value={municipality} onChange={(e) => setMunicipality(e.target.value)}>
            <option value="">— любой —</option>
            {ref.municipalities.map((m) => (
              <option key={m.code} value={m.code}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Направлять
          <select
            value={target}
            onChange={(e) => setTarget(e.target.value === 'municipal_admin' ? 'municipal_admin' : 'organisation')}
          >
            <option value="organisation">в организацию</option>
            <option value="municipal_admin">в администрацию муниципалитета обращения</option>
          </select>
        </label>
        {target === 'organisation' && (
          <label className="field">
            Организация
            <select value={organisation} onChange={(e) => setOrganisation(e.target.value)} required>
              <option value="">— выберите —</option>
              {(organisations.data ?? [])
                .filter((o) => o.active)
                .map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
            </select>
          </label>
        )}
      </div>
      <FormMessage error={error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          Добавить правило
        </button>
      </div>
    </form>
  );
}

export function RoutingPage() {
  const { blockName, categoryName, municipality } = useReference();
  const [version, setVersion] = useState(0);
  const list = useResource(`admin-routing:${version}`, (signal) => fetchRoutingRules(signal));
  const [block, setBlock] = useState('');
  const [error, setError] = useState<unknown>(null);
  const changed = () => {
    setError(null);
    setVersion((v) => v + 1);
  };

  return (
    <AdminPage
      id="routing-title"
      title="Маршрутизация"
      intro={
        <>
          Кому направляются новые обращения: действует самое точное подходящее правило (категория точнее блока,
          муниципалитет — точнее всей области). Уже назначенные обращения остаются у своих исполнителей. Обращение, для
          которого правила нет, ждёт в «Разборе».
        </>
      }
    >
      <NewRule onDone={changed} />
      <div className="list-toolbar">
        <BlockSelect value={block} onChange={setBlock} any="Все блоки" />
      </div>
      <FormMessage error={error} />
      <AdminTable
        list={list}
        caption="Правила маршрутизации"
        head={
          <>
            <th scope="col">Блок</th>
            <th scope="col">Категория</th>
            <th scope="col">Муниципалитет</th>
            <th scope="col">Куда</th>
            <th scope="col">Действия</th>
          </>
        }
      >
        {(items) =>
          items
            .filter((r) => !block || r.block === block)
            .map((r) => {
              const where = `${r.block ? blockName(r.block) : 'любой блок'}, ${r.category ? categoryName(r.block, r.category) : 'любая категория'}, ${r.municipality ? (municipality(r.municipality)?.shortName ?? r.municipality) : 'вся область'}`;
              return (
                <tr key={r.id}>
                  <td>{r.block ? blockName(r.block) : 'любой'}</td>
                  <td>{r.category ? categoryName(r.block, r.category) : 'любая'}</td>
                  <td>
                    {r.municipality ? (municipality(r.municipality)?.shortName ?? r.municipality) : 'вся область'}
                  </td>
                  <td>{r.target === 'municipal_admin' ? 'администрация муниципалитета' : (r.organisation ?? '—')}</td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-small btn-ghost"
                      aria-label={`Удалить правило: ${where}`}
                      onClick={() => {
                        setError(null);
                        removeRoutingRule(r.id).then(changed).catch(setError);
                      }}
                    >
                      Удалить
                    </button>
                  </td>
                </tr>
              );
            })
        }
      </AdminTable>
      <AdminJournal entity="routing_rule" version={version} />
    </AdminPage>
  );
}
