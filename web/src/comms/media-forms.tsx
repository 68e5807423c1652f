/* eslint-disable @typescript-eslint/no-unnecessary-type-assertion -- the assertions give useForm the state type it infers (the rule misreads inference from them) */
// Adding an outlet or opinion leader, and recording an interaction with one (comms.manage); dates ДД.ММ.ГГГГ.
import type { FormEvent } from 'react';
import {
  INTERACTION_KINDS,
  INTERACTION_LABELS,
  MEDIA_KIND_LABELS,
  MEDIA_KINDS,
  type InteractionKind,
  type MediaContact,
  type MediaKind,
} from '../../../shared/api/media';
import { moscowIsoDate } from '../common/format';
import { RuDateInput } from '../common/ru-date-input';
import { FormMessage } from '../common/states';
import { useReference } from '../reference/reference-context';
import { recordInteraction, saveContact } from './comms-api';
import { useForm } from './use-form';

export function ContactForm({ onSaved, onCancel }: { onSaved: () => void; onCancel: () => void }) {
  const { ref } = useReference();
  const { f, set, error, busy, fail, run } = useForm({
    kind: 'outlet' as MediaKind,
    name: '',
    channels: '',
    audience: '',
    topics: '',
    municipalityCode: '',
    contactPerson: '',
    contact: '',
    ownerName: '',
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const audience = f.audience.trim() ? Number(f.audience.replace(/\s/g, '')) : null;
    if (audience !== null && (!Number.isInteger(audience) || audience < 0)) {
      fail('Аудитория — целое число');
      return;
    }
    run(() => saveContact({ ...f, audience, municipalityCode: f.municipalityCode || null }), onSaved);
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="media-form-title">
      <h2 id="media-form-title">Новое СМИ или лидер мнений</h2>
      <div className="form-grid">
        <label className="field">
          Тип
          <select value={f.kind} onChange={(e) => set({ kind: e.target.value as MediaKind })}>
            {MEDIA_KINDS.map((k) => (
              <option key={k} value={k}>
                {MEDIA_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Название или имя
          <input
            required
            minLength={2}
            maxLength={300}
            value={f.name}
            onChange={(e) => set({ name: e.target.value })}
          />
        </label>
        <label className="field">
          Каналы
          <input
            maxLength={1000}
            placeholder="сайт, VK, Telegram"
            value={f.channels}
            onChange={(e) => set({ channels: e.target.value })}
          />
        </label>
        <label className="field">
          Аудитория
          <input inputMode="numeric" value={f.audience} onChange={(e) => set({ audience: e.target.value })} />
        </label>
        <label className="field">
          Темы
          <input maxLength={1000} value={f.topics} onChange={(e) => set({ topics: e.target.value })} />
        </label>
        <label className="field">
          Муниципалитет
          <select value={f.municipalityCode} onChange={(e) => set({ municipalityCode: e.target.value })}>
            <option value="">Вся область</option>
            {ref.municipalities.map((m) => (
              <option key={m.code} value={m.code}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Контактное лицо
          <input maxLength={300} value={f.contactPerson} onChange={(e) => set({ contactPerson: e.target.value })} />
        </label>
        <label className="field">
          Контакт
          <input
            maxLength={300}
            placeholder="телефон, e-mail"
            value={f.contact}
            onChange={(e) => set({ contact: e.target.value })}
          />
        </label>
        <label className="field">
          Ответственный в ЦУР
          <input maxLength={200} value={f.ownerName} onChange={(e) => set({ ownerName: e.target.value })} />
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Добавить в реестр
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Отмена
        </button>
      </div>
      <FormMessage error={error} />
    </form>
  );
}

export function InteractionForm({ contacts, onSaved }: { contacts: MediaContact[]; onSaved: () => void }) {
  const { f, set, error, busy, done, fail, run } = useForm({
    contactId: '',
    kind: 'mention' as InteractionKind,
    happenedOn: moscowIsoDate(new Date()) as string | undefined,
    topic: '',
    outcome: '',
    url: '',
    caseId: '',
    campaignId: '',
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const happenedOn = f.happenedOn;
    if (!happenedOn) {
      fail('Укажите дату в формате ДД.ММ.ГГГГ');
      return;
    }
    run(
      () =>
        recordInteraction(Number(f.contactId), {
          kind: f.kind,
          happenedOn,
          topic: f.topic,
          outcome: f.outcome,
          url: f.url.trim() || null,
          caseId: f.caseId.trim() || null,
          campaignId: f.campaignId.trim() ? Number(f.campaignId) : null,
        }),
      () => {
        set({ topic: '', outcome: '', url: '', caseId: '', campaignId: '' });
        onSaved();
      },
      'Взаимодействие записано',
    );
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="interaction-form-title">
      <h2 id="interaction-form-title">Взаимодействие или упоминание</h2>
      <div className="form-grid">
        <label className="field">
          С кем
          <select required value={f.contactId} onChange={(e) => set({ contactId: e.target.value })}>
            <option value="">— выберите —</option>
            {contacts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Что
          <select value={f.kind} onChange={(e) => set({ kind: e.target.value as InteractionKind })}>
            {INTERACTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {INTERACTION_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <RuDateInput label="Дата" value={f.happenedOn} onCommit={(happenedOn) => set({ happenedOn })} />
        <label className="field">
          Тема
          <input
            required
            minLength={2}
            maxLength={1000}
            value={f.topic}
            onChange={(e) => set({ topic: e.target.value })}
          />
        </label>
        <label className="field">
          Итог
          <input maxLength={2000} value={f.outcome} onChange={(e) => set({ outcome: e.target.value })} />
        </label>
        <label className="field">
          Ссылка
          <input type="url" maxLength={1000} value={f.url} onChange={(e) => set({ url: e.target.value })} />
        </label>
        <label className="field">
          Номер обращения
          <input
            inputMode="numeric"
            pattern="\d{1,18}"
            value={f.caseId}
            onChange={(e) => set({ caseId: e.target.value })}
          />
        </label>
        <label className="field">
          Номер кампании
          <input
            inputMode="numeric"
            pattern="\d{1,9}"
            value={f.campaignId}
            onChange={(e) => set({ campaignId: e.target.value })}
          />
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Записать
        </button>
      </div>
      <FormMessage error={error} success={done} />
    </form>
  );
}
