// Adding or changing a publication policy: its scope (a channel, an organisation, both or neither) and its mode.
// Changing keeps the scope (a policy is the rule of its scope); the server checks everything again.
import { useState, type FormEvent } from 'react';
import type { PublicationPolicy, PublicationPolicyInput } from '../../../shared/api/publication';
import { CHANNELS, CHANNEL_LABELS, isChannel } from '../../../shared/deadlines/channels';
import { FormMessage } from '../common/states';
import { useReference } from '../reference/reference-context';
import { savePublicationPolicy } from './publication-api';

export const MODE_LABELS: Record<PublicationPolicy['mode'], string> = {
  control: 'Только после принятия ЦУР',
  auto: 'Автоматически через рабочие часы',
};

/** `policy` absent: a new policy. */
export function PolicyForm({
  policy,
  onSaved,
  onCancel,
}: {
  policy?: PublicationPolicy;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { ref } = useReference();
  const [channel, setChannel] = useState(policy?.channel ?? '');
  const [organisation, setOrganisation] = useState(
    policy?.organisationId === null || !policy ? '' : String(policy.organisationId),
  );
  const [mode, setMode] = useState<PublicationPolicy['mode']>(policy?.mode ?? 'auto');
  const [hours, setHours] = useState(
    policy?.autoAcceptHours === null || !policy ? '24' : String(policy.autoAcceptHours),
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const title = policy ? 'Изменить правило публикации' : 'Новое правило публикации';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(hours.trim());
    if (mode === 'auto' && (!/^\d+$/.test(hours.trim()) || n > 1000)) {
      setError(new Error('Укажите целое число рабочих часов от 0 до 1000'));
      return;
    }
    const input: PublicationPolicyInput = {
      channel: isChannel(channel) ? channel : null,
      organisationId: organisation ? Number(organisation) : null,
      mode,
      autoAcceptHours: mode === 'auto' ? n : null,
    };
    setBusy(true);
    setError(null);
    savePublicationPolicy(input)
      .then(onSaved)
      .catch(setError)
      .finally(() => setBusy(false));
  };

  return (
    <form className="panel" onSubmit={submit} aria-label={title}>
      <h2>{title}</h2>
      <div className="form-grid">
        <label className="field">
          Канал
          <select value={channel} disabled={!!policy} onChange={(e) => setChannel(e.target.value)}>
            <option value="">Все каналы</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Организация
          <select value={organisation} disabled={!!policy} onChange={(e) => setOrganisation(e.target.value)}>
            <option value="">Все организации</option>
            {[...ref.organisations]
              .sort((a, b) => a.name.localeCompare(b.name, 'ru'))
              .map((o) => (
                <option key={o.id} value={String(o.id)}>
                  {o.shortName ?? o.name}
                </option>
              ))}
          </select>
        </label>
        <label className="field">
          Публикация ответа
          <select value={mode} onChange={(e) => setMode(e.target.value === 'control' ? 'control' : 'auto')}>
            {(['control', 'auto'] as const).map((m) => (
              <option key={m} value={m}>
                {MODE_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
        {mode === 'auto' && (
          <label className="field">
            Рабочих часов до принятия
            <input inputMode="numeric" value={hours} onChange={(e) => setHours(e.target.value)} />
          </label>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {policy ? 'Сохранить' : 'Добавить правило'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Отмена
        </button>
      </div>
      <FormMessage error={error} />
    </form>
  );
}
