// «Сроки ответа» (reference.manage): the first-response and final-answer terms by channel, block and category (the
// most specific matching rule wins). A change applies to new cases; open cases keep their deadlines. Journalled.
import { useState, type FormEvent } from 'react';
import {
  DURATION_UNIT_LABELS,
  type AdminDeadlinePolicy,
  type DeadlinePolicyInput,
} from '../../../shared/api/admin-settings';
import { CHANNEL_LABELS, CHANNELS } from '../../../shared/deadlines/channels';
import { DURATION_UNITS, type DurationUnit } from '../../../shared/deadlines/deadline-policy';
import { formatNumber } from '../common/format';
import { FormMessage } from '../common/states';
import { useResource } from '../common/use-resource';
import { useReference } from '../reference/reference-context';
import { AdminJournal } from './admin-journal';
import { AdminPage, BlockCategoryFields } from './admin-parts';
import { AdminTable } from './admin-table';
import { fetchDeadlinePolicies, removeDeadlinePolicy, saveDeadlinePolicy } from './settings-api';

const unitOf = (v: string): DurationUnit => DURATION_UNITS.find((u) => u === v) ?? 'working_days';
const channelLabel = (c: string | null): string =>
  c === null ? 'любой канал' : (CHANNEL_LABELS[CHANNELS.find((x) => x === c) ?? 'other'] ?? c);
const term = (d: { amount: number; unit: DurationUnit }): string =>
  `${formatNumber(d.amount)} ${DURATION_UNIT_LABELS[d.unit]}`;

function Term({
  label,
  value,
  onChange,
}: {
  label: string;
  value: { amount: number; unit: DurationUnit };
  onChange: (v: { amount: number; unit: DurationUnit }) => void;
}) {
  return (
    <>
      <label className="field">
        {label}
        <input
          type="number"
          min={1}
          max={365}
          step={1}
          value={value.amount}
          onChange={(e) => onChange({ ...value, amount: Number(e.target.value) })}
          required
        />
      </label>
      <label className="field">
        Единица
        <select
          aria-label={`${label}: единица`}
          value={value.unit}
          onChange={(e) => onChange({ ...value, unit: unitOf(e.target.value) })}
        >
          {DURATION_UNITS.map((u) => (
            <option key={u} value={u}>
              {DURATION_UNIT_LABELS[u]}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

/** A new policy (policy null) or the terms of an existing one. */
function PolicyForm({
  policy,
  onDone,
  onCancel,
}: {
  policy: AdminDeadlinePolicy | null;
  onDone: () => void;
  onCancel?: () => void;
}) {
  const [channel, setChannel] = useState(policy?.channel ?? '');
  const [block, setBlock] = useState(policy?.block ?? '');
  const [category, setCategory] = useState(policy?.category ?? '');
  const [first, setFirst] = useState(policy?.firstResponse ?? { amount: 1, unit: 'working_days' as DurationUnit });
  const [final, setFinal] = useState(policy?.finalAnswer ?? { amount: 8, unit: 'working_days' as DurationUnit });
  const [error, setError] = useState<unknown>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const input: DeadlinePolicyInput = {
      channel: channel || null,
      block: block || null,
      category: category || null,
      firstResponse: first,
      finalAnswer: final,
    };
    saveDeadlinePolicy(policy?.id ?? null, input)
      .then(onDone)
      .catch(setError);
  };
  return (
    <form
      className={policy ? 'inline-form' : 'panel'}
      onSubmit={submit}
      aria-label={policy ? `Изменить сроки: ${channelLabel(policy.channel)}` : 'Новое правило сроков'}
    >
      <div className="form-grid">
        {!policy && (
          <>
            <label className="field">
              Канал
              <select value={channel} onChange={(e) => setChannel(e.target.value)}>
                <option value="">— любой —</option>
                {CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {CHANNEL_LABELS[c]}
                  </option>
                ))}
              </select>
            </label>
            <BlockCategoryFields
              block={block}
              category={category}
              onChange={(v) => {
                setBlock(v.block);
                setCategory(v.category);
              }}
            />
          </>
        )}
        <Term label="Первый ответ" value={first} onChange={setFirst} />
        <Term label="Окончательный ответ" value={final} onChange={setFinal} />
      </div>
      <FormMessage error={error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-small">
          {policy ? 'Сохранить' : 'Добавить правило'}
        </button>
        {onCancel && (
          <button type="button" className="btn btn-ghost btn-small" onClick={onCancel}>
            Отмена
          </button>
        )}
      </div>
    </form>
  );
}

export function DeadlinesPage() {
  const { blockName, categoryName } = useReference();
  const [version, setVersion] = useState(0);
  const list = useResource(`admin-deadlines:${version}`, (signal) => fetchDeadlinePolicies(signal));
  const [editing, setEditing] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const changed = () => {
    setEditing(null);
    setError(null);
    setVersion((v) => v + 1);
  };

  return (
    <AdminPage
      id="deadlines-title"
      title="Сроки ответа"
      intro={
        <>
          Сроки первого и окончательного ответа по каналу, блоку и категории; действует самое точное подходящее правило.
          Новые сроки получают новые обращения, у открытых обращений сроки не меняются. Рабочие часы и дни — по
          производственному календарю.
        </>
      }
    >
      <PolicyForm policy={null} onDone={changed} />
      <FormMessage error={error} />
      <AdminTable
        list={list}
        caption="Правила сроков"
        head={
          <>
            <th scope="col">Канал</th>
            <th scope="col">Блок</th>
            <th scope="col">Категория</th>
            <th scope="col">Первый ответ</th>
            <th scope="col">Окончательный ответ</th>
            <th scope="col">Основание</th>
            <th scope="col">Действия</th>
          </>
        }
      >
        {(items) =>
          items.map((p) => (
            <tr key={p.id}>
              <td>{channelLabel(p.channel)}</td>
              <td>{p.block ? blockName(p.block) : 'любой'}</td>
              <td>{p.category ? categoryName(p.block, p.category) : 'любая'}</td>
              {editing === p.id ? (
                <td colSpan={2}>
                  <PolicyForm policy={p} onDone={changed} onCancel={() => setEditing(null)} />
                </td>
              ) : (
                <>
                  <td className="nowrap">{term(p.firstResponse)}</td>
                  <td className="nowrap">{term(p.finalAnswer)}</td>
                </>
              )}
              <td className="small">{p.source ?? '—'}</td>
              <td>
                <span className="form-actions">
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={`Изменить сроки: ${channelLabel(p.channel)}, ${p.block ? blockName(p.block) : 'любой блок'}`}
                    onClick={() => setEditing(p.id)}
                    disabled={editing !== null}
                  >
                    Изменить
                  </button>
                  <button
                    type="button"
                    className="btn btn-small btn-ghost"
                    aria-label={`Удалить сроки: ${channelLabel(p.channel)}, ${p.block ? blockName(p.block) : 'любой блок'}`}
                    onClick={() => {
                      setError(null);
                      removeDeadlinePolicy(p.id).then(changed).catch(setError);
                    }}
                  >
                    Удалить
                  </button>
                </span>
              </td>
            </tr>
          ))
        }
      </AdminTable>
      <AdminJournal entity="deadline_policy" version={version} />
    </AdminPage>
  );
}
