// The forms of the seminars screen (comms.manage): a seminar of the plan (new or changed), invitations, attendance
// with scores and feedback, and a material (file or link).
import { useState, type FormEvent } from 'react';
import {
  SEMINAR_FORMAT_LABELS,
  SEMINAR_FORMATS,
  SEMINAR_STATUS_LABELS,
  SEMINAR_STATUSES,
  type SeminarDetail,
  type SeminarFormat,
  type SeminarStatus,
  type SeminarSummary,
} from '../../../shared/api/seminars';
import { RuDateInput } from '../common/ru-date-input';
import { FormMessage } from '../common/states';
import { useResource } from '../common/use-resource';
import { useReference } from '../reference/reference-context';
import { fileUpload } from './comms-api';
import { addMaterial, fetchCandidates, invite, markAttendance, saveSeminar } from './seminars-api';
import { useForm } from './use-form';

const selectedNumbers = (select: HTMLSelectElement): number[] =>
  [...select.selectedOptions].map((o) => Number(o.value));

interface SeminarFields {
  topic: string;
  description: string;
  date: string | undefined;
  time: string;
  durationMinutes: string;
  format: SeminarFormat;
  place: string;
  trainers: string;
  status: SeminarStatus;
  targetOrganisationIds: number[];
  targetMunicipalityIds: number[];
}
const EMPTY: SeminarFields = {
  topic: '',
  description: '',
  date: undefined,
  time: '10:00',
  durationMinutes: '90',
  format: 'online',
  place: '',
  trainers: '',
  status: 'planned',
  targetOrganisationIds: [],
  targetMunicipalityIds: [],
};
const fieldsOf = (s: SeminarSummary): SeminarFields => ({ ...s, durationMinutes: String(s.durationMinutes) });

/** A new seminar of the plan, or the change of one (`seminar` given). */
export function SeminarForm({ seminar, onSaved }: { seminar?: SeminarSummary; onSaved: (s: SeminarDetail) => void }) {
  const { ref } = useReference();
  const { f, set, error, busy, done, fail, run } = useForm<SeminarFields>(seminar ? fieldsOf(seminar) : EMPTY);
  const title = seminar ? 'Изменить семинар' : 'Новый семинар';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { date } = f;
    if (!date) {
      fail('Укажите дату в формате ДД.ММ.ГГГГ');
      return;
    }
    run(
      async () => {
        const saved = await saveSeminar(seminar?.id ?? null, {
          ...f,
          date,
          durationMinutes: Number(f.durationMinutes),
        });
        if (!seminar) set(EMPTY);
        onSaved(saved);
      },
      undefined,
      seminar ? 'Изменения сохранены' : 'Семинар добавлен в план',
    );
  };
  return (
    <form className="panel" onSubmit={submit} aria-label={title}>
      <h2>{title}</h2>
      <div className="form-grid">
        <label className="field">
          Тема
          <input
            required
            minLength={3}
            maxLength={300}
            value={f.topic}
            onChange={(e) => set({ topic: e.target.value })}
          />
        </label>
        <RuDateInput label="Дата" value={f.date} onCommit={(date) => set({ date })} required />
        <label className="field">
          Время начала
          <input
            required
            inputMode="numeric"
            pattern="([01]\d|2[0-3]):[0-5]\d"
            placeholder="ЧЧ:ММ"
            maxLength={5}
            value={f.time}
            onChange={(e) => set({ time: e.target.value })}
          />
        </label>
        <label className="field">
          Длительность, мин
          <input
            type="number"
            min={15}
            max={1440}
            required
            value={f.durationMinutes}
            onChange={(e) => set({ durationMinutes: e.target.value })}
          />
        </label>
        <label className="field">
          Формат
          <select value={f.format} onChange={(e) => set({ format: e.target.value as SeminarFormat })}>
            {SEMINAR_FORMATS.map((x) => (
              <option key={x} value={x}>
                {SEMINAR_FORMAT_LABELS[x]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Место или ссылка на трансляцию
          <input maxLength={300} value={f.place} onChange={(e) => set({ place: e.target.value })} />
        </label>
        <label className="field">
          Ведущие
          <input
            required
            minLength={2}
            maxLength={500}
            value={f.trainers}
            onChange={(e) => set({ trainers: e.target.value })}
          />
        </label>
        <label className="field">
          Состояние
          <select value={f.status} onChange={(e) => set({ status: e.target.value as SeminarStatus })}>
            {SEMINAR_STATUSES.map((x) => (
              <option key={x} value={x}>
                {SEMINAR_STATUS_LABELS[x]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="form-grid">
        <label className="field">
          Организации
          <select
            multiple
            size={5}
            value={f.targetOrganisationIds.map(String)}
            onChange={(e) => set({ targetOrganisationIds: selectedNumbers(e.target) })}
          >
            {[...ref.organisations]
              .sort((a, b) => a.name.localeCompare(b.name, 'ru'))
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
          </select>
        </label>
        <label className="field">
          Муниципалитеты
          <select
            multiple
            size={5}
            value={f.targetMunicipalityIds.map(String)}
            onChange={(e) => set({ targetMunicipalityIds: selectedNumbers(e.target) })}
          >
            {ref.municipalities.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Программа
          <textarea
            rows={4}
            maxLength={4000}
            value={f.description}
            onChange={(e) => set({ description: e.target.value })}
          />
        </label>
      </div>
      <span className="field-hint">Несколько организаций или муниципалитетов — с Ctrl. Время — московское.</span>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {seminar ? 'Сохранить' : 'Добавить в план'}
        </button>
      </div>
      <FormMessage error={error} success={done} />
    </form>
  );
}

/** Invitations: users of the target organisations (from the users registry) and people without an account. */
export function InviteForm({ seminar, onSaved }: { seminar: SeminarDetail; onSaved: (s: SeminarDetail) => void }) {
  const { ref } = useReference();
  const candidates = useResource(`candidates:${seminar.id}:${seminar.participants.length}`, (s) =>
    fetchCandidates(seminar.id, s),
  );
  const { f, set, error, busy, done, run } = useForm<{ userIds: number[]; organisationId: string; personName: string }>(
    { userIds: [], organisationId: '', personName: '' },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const people =
      f.organisationId && f.personName.trim()
        ? [{ organisationId: Number(f.organisationId), personName: f.personName }]
        : [];
    run(
      async () => {
        onSaved(await invite(seminar.id, { userIds: f.userIds, people }));
        set({ userIds: [], personName: '' });
      },
      undefined,
      'Приглашения записаны',
    );
  };
  const toggle = (id: number, on: boolean) =>
    set({ userIds: on ? [...f.userIds, id] : f.userIds.filter((x) => x !== id) });
  return (
    <form className="panel" onSubmit={submit} aria-label="Пригласить участников">
      <h3>Пригласить участников</h3>
      <fieldset className="field">
        <legend>Пользователи организаций</legend>
        {candidates.data?.items.length === 0 && (
          <span className="muted small">Все пользователи этих организаций уже приглашены.</span>
        )}
        <div className="radio-row">
          {candidates.data?.items.map((c) => (
            <label key={c.userId} className="check">
              <input
                type="checkbox"
                checked={f.userIds.includes(c.userId)}
                onChange={(e) => toggle(c.userId, e.target.checked)}
              />
              {c.name} <span className="muted small">({c.organisation})</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="form-grid">
        <label className="field">
          Организация участника без учётной записи
          <select value={f.organisationId} onChange={(e) => set({ organisationId: e.target.value })}>
            <option value="">—</option>
            {[...ref.organisations]
              .sort((a, b) => a.name.localeCompare(b.name, 'ru'))
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
          </select>
        </label>
        <label className="field">
          Фамилия и инициалы
          <input maxLength={200} value={f.personName} onChange={(e) => set({ personName: e.target.value })} />
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Пригласить
        </button>
      </div>
      <FormMessage error={error} success={done} />
    </form>
  );
}

type Mark = { attended: boolean | null; score: number | null; feedback: string };
const attendedValue = (a: boolean | null): string => (a === null ? '' : a ? 'yes' : 'no');

/** Attendance of every participant, with an optional score (1–5) and feedback; saved together. */
export function AttendanceTable({ seminar, onSaved }: { seminar: SeminarDetail; onSaved: (s: SeminarDetail) => void }) {
  const [marks, setMarks] = useState<Record<number, Mark>>(() =>
    Object.fromEntries(
      seminar.participants.map((p) => [p.id, { attended: p.attended, score: p.score, feedback: p.feedback }]),
    ),
  );
  const { error, busy, done, run } = useForm({});
  const change = (id: number, patch: Partial<Mark>) =>
    setMarks((m) => ({ ...m, [id]: { ...(m[id] ?? { attended: null, score: null, feedback: '' }), ...patch } }));
  const save = () =>
    run(
      async () => {
        onSaved(
          await markAttendance(seminar.id, {
            items: Object.entries(marks).map(([id, m]) => ({ participantId: Number(id), ...m })),
          }),
        );
      },
      undefined,
      'Отметки сохранены',
    );
  return (
    <>
      <div className="table-wrap">
        <table aria-label="Участники и отметки">
          <thead>
            <tr>
              <th scope="col">Участник</th>
              <th scope="col">Организация</th>
              <th scope="col">Присутствие</th>
              <th scope="col">Оценка</th>
              <th scope="col">Отзыв</th>
            </tr>
          </thead>
          <tbody>
            {seminar.participants.map((p) => {
              const m = marks[p.id] ?? { attended: null, score: null, feedback: '' };
              return (
                <tr key={p.id}>
                  <th scope="row">{p.personName}</th>
                  <td>{p.organisation}</td>
                  <td>
                    <select
                      aria-label={`Присутствие: ${p.personName}`}
                      value={attendedValue(m.attended)}
                      onChange={(e) =>
                        change(p.id, { attended: e.target.value === '' ? null : e.target.value === 'yes' })
                      }
                    >
                      <option value="">не отмечено</option>
                      <option value="yes">был</option>
                      <option value="no">не был</option>
                    </select>
                  </td>
                  <td>
                    <select
                      aria-label={`Оценка: ${p.personName}`}
                      value={m.score ?? ''}
                      onChange={(e) => change(p.id, { score: e.target.value ? Number(e.target.value) : null })}
                    >
                      <option value="">—</option>
                      {[1, 2, 3, 4, 5].map((n) => (
                        <option key={n} value={n}>
                          {n}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      aria-label={`Отзыв: ${p.personName}`}
                      maxLength={2000}
                      value={m.feedback}
                      onChange={(e) => change(p.id, { feedback: e.target.value })}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" disabled={busy} onClick={save}>
          Сохранить отметки
        </button>
      </div>
      <FormMessage error={error} success={done} />
    </>
  );
}

/** A material: a file (kept in the attachments storage) or a link. */
export function MaterialForm({ seminarId, onSaved }: { seminarId: number; onSaved: (s: SeminarDetail) => void }) {
  const { f, set, error, busy, done, fail, run } = useForm<{
    kind: 'file' | 'link';
    title: string;
    url: string;
    file: File | null;
  }>({ kind: 'file', title: '', url: '', file: null });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { file } = f;
    if (f.kind === 'file' && !file) {
      fail('Выберите файл');
      return;
    }
    run(
      async () => {
        const saved =
          f.kind === 'link' || !file
            ? await addMaterial(seminarId, { kind: 'link', title: f.title, url: f.url })
            : await addMaterial(seminarId, { kind: 'file', title: f.title, ...(await fileUpload(file)) });
        set({ title: '', url: '', file: null });
        onSaved(saved);
      },
      undefined,
      'Материал добавлен',
    );
  };
  return (
    <form className="panel" onSubmit={submit} aria-label="Добавить материал">
      <h3>Добавить материал</h3>
      <fieldset className="radio-row">
        <legend>Вид</legend>
        <label className="check">
          <input type="radio" name="material-kind" checked={f.kind === 'file'} onChange={() => set({ kind: 'file' })} />
          Файл
        </label>
        <label className="check">
          <input type="radio" name="material-kind" checked={f.kind === 'link'} onChange={() => set({ kind: 'link' })} />
          Ссылка
        </label>
      </fieldset>
      <div className="form-grid">
        <label className="field">
          Название{f.kind === 'file' && ' (по умолчанию — имя файла)'}
          <input
            maxLength={300}
            required={f.kind === 'link'}
            value={f.title}
            onChange={(e) => set({ title: e.target.value })}
          />
        </label>
        {f.kind === 'file' ? (
          <label className="field">
            Файл материала
            <input
              type="file"
              key={f.file ? 'chosen' : 'empty'}
              onChange={(e) => set({ file: e.target.files?.[0] ?? null })}
            />
          </label>
        ) : (
          <label className="field">
            Адрес ссылки
            <input
              type="url"
              required
              maxLength={2000}
              placeholder="https://"
              value={f.url}
              onChange={(e) => set({ url: e.target.value })}
            />
          </label>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Добавить материал
        </button>
      </div>
      <FormMessage error={error} success={done} />
    </form>
  );
}
