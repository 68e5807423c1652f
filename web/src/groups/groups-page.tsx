// «Рабочие группы»: the list of working and expert groups with their meetings and open / overdue decisions, and a
// group's page (#/groups?id=N): members (marked when they hold a role in the centre's structure), meetings with
// attendance, decisions with owner, due date and status (overdue ones flagged), the protocol's approval, the history.
import { useState } from 'react';
import { DECISION_STATUS_LABELS, type Decision, type GroupDetail, type Meeting } from '../../../shared/api/groups';
import { PO_STATUS_LABELS } from '../../../shared/projects/approval-chains';
import { countOf, formatDateTime, isoToRuDate } from '../common/format';
import { RuDateInput } from '../common/ru-date-input';
import { Empty, ErrorState, FormMessage, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { ApprovalActions, ApprovalHistory } from '../projects/approval';
import { href, useLocation } from '../router/router';
import {
  addDecision,
  draftProtocol,
  fetchGroup,
  fetchGroups,
  holdMeeting,
  setDecisionStatus,
  stepProtocol,
} from './groups-api';

const MEETINGS = ['заседание', 'заседания', 'заседаний'] as const;

export function GroupsPage() {
  const { params } = useLocation();
  const id = Number(params.get('id') ?? 0);
  return id > 0 ? <GroupPage id={id} /> : <GroupList />;
}

function GroupList() {
  usePageTitle('Рабочие группы');
  const list = useResource('groups', (signal) => fetchGroups(signal));
  return (
    <section className="page page-wide" aria-labelledby="groups-title">
      <p>
        <a href={href('/projects')}>← Проекты</a> · <a href={href('/po-documents')}>Составы групп на согласовании</a>
      </p>
      <div className="page-head">
        <h1 id="groups-title">Рабочие и экспертные группы</h1>
      </div>
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data?.items.length === 0 && <Empty>Групп пока нет: состав группы предлагает ответственный за блок.</Empty>}
      {list.data && list.data.items.length > 0 && (
        <div className="table-wrap">
          <table aria-label="Группы">
            <thead>
              <tr>
                <th scope="col">Группа</th>
                <th scope="col">Блок</th>
                <th scope="col">Состав</th>
                <th scope="col" className="num">
                  Заседания
                </th>
                <th scope="col" className="num">
                  Решения в работе
                </th>
                <th scope="col" className="num">
                  Просрочено
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((g) => (
                <tr key={g.id}>
                  <td>
                    <a href={href('/groups', { id: String(g.id) })}>{g.name}</a>{' '}
                    <span className="muted small">{g.kind === 'expert' ? 'экспертная' : 'рабочая'}</span>
                  </td>
                  <td>{g.blockCode}</td>
                  <td>
                    {g.approved
                      ? 'утверждён'
                      : (PO_STATUS_LABELS[g.status as keyof typeof PO_STATUS_LABELS] ?? g.status)}
                  </td>
                  <td className="num">{g.meetings}</td>
                  <td className="num">{g.openDecisions}</td>
                  <td className="num">
                    {g.overdueDecisions > 0 ? <strong className="text-danger">{g.overdueDecisions}</strong> : 0}
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

function GroupPage({ id }: { id: number }) {
  const group = useResource(`group:${id}`, (signal) => fetchGroup(id, signal));
  usePageTitle(group.data?.name ?? 'Группа');
  if (group.error)
    return (
      <section className="page">
        <ErrorState error={group.error} onRetry={group.reload} />
      </section>
    );
  if (!group.data)
    return (
      <section className="page">
        <Loading />
      </section>
    );
  const g = group.data;
  const update = (next: GroupDetail): void => group.setData(next);
  return (
    <section className="page page-wide" aria-labelledby="group-title">
      <p>
        <a href={href('/groups')}>← Рабочие группы</a>
      </p>
      <div className="page-head">
        <h1 id="group-title">{g.name}</h1>
        <p className="muted">
          {g.kind === 'expert' ? 'Экспертная группа' : 'Рабочая группа'} · блок {g.blockCode}
          {g.purpose && ` · ${g.purpose}`} · {countOf(g.meetings.length, MEETINGS)}
        </p>
      </div>
      {g.composition.versions.length === 0 && (
        <p className="muted" role="status">
          Состав ещё не утверждён куратором: заседания проводит утверждённая группа.
        </p>
      )}
      <section className="panel" aria-label="Состав группы">
        <h2>Состав</h2>
        <ul>
          {g.members.map((m, i) => (
            <li key={i}>
              {m.name}
              {m.role && `, ${m.role}`}
              {m.organisation && ` (${m.organisation})`}{' '}
              <span className="muted small">{m.centreRole ? `ЦУР: ${m.centreRole}` : 'вне структуры ЦУР'}</span>
            </li>
          ))}
        </ul>
      </section>
      {g.canRunMeetings && <MeetingForm group={g} onSaved={update} />}
      {g.meetings.map((m) => (
        <MeetingPanel key={m.id} group={g} meeting={m} onChanged={update} />
      ))}
      <section className="panel" aria-label="История группы">
        <h2>История</h2>
        <ul className="small">
          {g.history.map((h, i) => (
            <li key={i}>
              {formatDateTime(h.at)} · {h.actor}: {h.detail}
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}

function MeetingForm({ group, onSaved }: { group: GroupDetail; onSaved: (g: GroupDetail) => void }) {
  const [heldOn, setHeldOn] = useState<string | undefined>(group.today);
  const [agenda, setAgenda] = useState('');
  const [place, setPlace] = useState('');
  const [present, setPresent] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(group.members.map((m) => [m.name, true])),
  );
  const [error, setError] = useState<unknown>(null);
  async function save(): Promise<void> {
    setError(null);
    if (!heldOn) {
      setError(new Error('Укажите дату заседания'));
      return;
    }
    try {
      onSaved(
        await holdMeeting(group.id, {
          heldOn,
          agenda,
          place,
          attendance: group.members.map((m) => ({ name: m.name, present: present[m.name] ?? false })),
        }),
      );
      setAgenda('');
      setPlace('');
    } catch (e) {
      setError(e);
    }
  }
  return (
    <form
      className="panel"
      aria-label="Новое заседание"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>Новое заседание</h2>
      <div className="list-toolbar">
        <RuDateInput id="meeting-date" label="Дата заседания" value={heldOn} onCommit={setHeldOn} required />
        <label className="field">
          Место <input value={place} onChange={(e) => setPlace(e.target.value)} />
        </label>
      </div>
      <label className="field">
        Повестка <textarea value={agenda} onChange={(e) => setAgenda(e.target.value)} rows={2} required />
      </label>
      <fieldset>
        <legend>Присутствовали</legend>
        {group.members.map((m) => (
          <label key={m.name} className="inline-field">
            <input
              type="checkbox"
              checked={present[m.name] ?? false}
              onChange={(e) => setPresent({ ...present, [m.name]: e.target.checked })}
            />{' '}
            {m.name}
          </label>
        ))}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          Записать заседание
        </button>
      </div>
      <FormMessage error={error} />
    </form>
  );
}

function MeetingPanel({
  group,
  meeting,
  onChanged,
}: {
  group: GroupDetail;
  meeting: Meeting;
  onChanged: (g: GroupDetail) => void;
}) {
  const [error, setError] = useState<unknown>(null);
  const present = meeting.attendance.filter((a) => a.present);
  const protocol = meeting.protocol;
  const canRedraft = group.canRunMeetings && (!protocol || protocol.allowed.includes('edit'));
  return (
    <section className="panel" aria-label={`Заседание ${isoToRuDate(meeting.heldOn)}`}>
      <h2>
        Заседание {isoToRuDate(meeting.heldOn)}
        {meeting.place && `, ${meeting.place}`}
      </h2>
      <p>
        <strong>Повестка:</strong> {meeting.agenda}
      </p>
      <p className="small">
        Присутствовали ({present.length} из {meeting.attendance.length}): {present.map((a) => a.name).join(', ') || '—'}
      </p>
      <DecisionsTable decisions={meeting.decisions} onChanged={onChanged} />
      {group.canRunMeetings && <DecisionForm group={group} meeting={meeting} onSaved={onChanged} />}
      <h3>
        Протокол{' '}
        {protocol && (
          <span className="muted small" data-testid="protocol-status">
            {PO_STATUS_LABELS[protocol.status]}
          </span>
        )}
        {meeting.protocolNumber && <span className="small"> · зарегистрирован № {meeting.protocolNumber}</span>}
      </h3>
      {canRedraft && (
        <button
          type="button"
          className="btn"
          onClick={() => {
            setError(null);
            draftProtocol(meeting.id, '').then(onChanged, setError);
          }}
        >
          {protocol ? 'Подготовить протокол заново' : 'Подготовить протокол'}
        </button>
      )}
      <FormMessage error={error} />
      {protocol && (
        <>
          <ApprovalActions
            document={{ ...protocol, allowed: protocol.allowed.filter((a) => a !== 'edit') }}
            label="Действия с протоколом"
            onStep={async (action, comment) => onChanged(await stepProtocol(protocol.id, action, comment))}
          />
          <ApprovalHistory document={protocol} />
        </>
      )}
    </section>
  );
}

function DecisionsTable({ decisions, onChanged }: { decisions: Decision[]; onChanged: (g: GroupDetail) => void }) {
  const [error, setError] = useState<unknown>(null);
  if (decisions.length === 0) return <p className="muted">Решений пока нет.</p>;
  return (
    <div className="table-wrap">
      <table aria-label="Решения">
        <thead>
          <tr>
            <th scope="col">Решение</th>
            <th scope="col">Ответственный</th>
            <th scope="col">Срок</th>
            <th scope="col">Статус</th>
            <th scope="col">Действие</th>
          </tr>
        </thead>
        <tbody>
          {decisions.map((d) => (
            <tr key={d.id}>
              <td>
                {d.text}
                {d.statusComment && <div className="muted small">{d.statusComment}</div>}
              </td>
              <td>{d.owner}</td>
              <td>{isoToRuDate(d.dueDate)}</td>
              <td>
                {DECISION_STATUS_LABELS[d.status]}
                {d.overdue && <strong className="text-danger"> · просрочено</strong>}
              </td>
              <td>
                {d.canChangeStatus && d.status === 'open' && (
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => {
                      setError(null);
                      setDecisionStatus(d.id, 'done', '').then(onChanged, setError);
                    }}
                  >
                    Исполнено
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FormMessage error={error} />
    </div>
  );
}

function DecisionForm({
  group,
  meeting,
  onSaved,
}: {
  group: GroupDetail;
  meeting: Meeting;
  onSaved: (g: GroupDetail) => void;
}) {
  const [text, setText] = useState('');
  const [owner, setOwner] = useState(group.members[0]?.name ?? '');
  const [dueDate, setDueDate] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  async function save(): Promise<void> {
    setError(null);
    if (!dueDate) {
      setError(new Error('Укажите срок решения'));
      return;
    }
    const member = group.members.find((m) => m.name === owner);
    try {
      onSaved(await addDecision(meeting.id, { text, owner, ownerUserId: member?.userId ?? null, dueDate }));
      setText('');
      setDueDate(undefined);
    } catch (e) {
      setError(e);
    }
  }
  return (
    <form
      aria-label={`Новое решение заседания ${isoToRuDate(meeting.heldOn)}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="list-toolbar">
        <label className="field">
          Решение <input value={text} onChange={(e) => setText(e.target.value)} required />
        </label>
        <label className="field">
          Ответственный
          <select value={owner} onChange={(e) => setOwner(e.target.value)}>
            {group.members.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <RuDateInput
          id={`decision-due-${meeting.id}`}
          label="Срок (рабочий день)"
          value={dueDate}
          onCommit={setDueDate}
          required
        />
        <button type="submit" className="btn">
          Добавить решение
        </button>
      </div>
      <FormMessage error={error} />
    </form>
  );
}
