// A new campaign or a change of a draft (comms.manage): the problem (category and municipalities, the spike it came
// from), goal, audience, start and effect window, channels (VK wall, Telegram channel, e-mail list, госпаблики as
// tasks for their owners), the content plan (dates and texts) and the media plan (outlets of the registry, dates).
import { useState, type FormEvent } from 'react';
import type { CampaignChannel, CampaignDetail, CampaignInput } from '../../../shared/api/campaigns';
import { isoToRuDate } from '../common/format';
import { RuDateInput } from '../common/ru-date-input';
import { FormMessage } from '../common/states';
import { useResource } from '../common/use-resource';
import { useReference } from '../reference/reference-context';
import { saveCampaign } from './campaigns-api';
import { fetchMedia, fetchPages } from './comms-api';
import { useForm } from './use-form';

interface Post {
  publishOn: string | undefined;
  text: string;
}
interface Planned {
  contactId: string;
  plannedOn: string | undefined;
  note: string;
}

export interface CampaignSeed {
  categoryCode: string | null;
  municipalityCodes: string[];
  spike: { from: string; to: string } | null;
  startsOn?: string;
}

export function CampaignForm({
  seed,
  current,
  onSaved,
  onCancel,
}: {
  seed: CampaignSeed;
  current?: CampaignDetail;
  onSaved: (c: CampaignDetail) => void;
  onCancel: () => void;
}) {
  const { ref } = useReference();
  const pages = useResource('campaign-form:pages', fetchPages);
  const outlets = useResource('campaign-form:media', fetchMedia);
  const channel = <K extends CampaignChannel['kind']>(kind: K) =>
    current?.channels.find((c): c is Extract<CampaignChannel, { kind: K }> => c.kind === kind);
  const { f, set, error, busy, fail, run } = useForm({
    title: current?.title ?? '',
    goal: current?.goal ?? '',
    audience: current?.audience ?? '',
    categoryCode: current?.categoryCode ?? seed.categoryCode ?? '',
    startsOn: current?.startsOn ?? seed.startsOn,
    effectWindowDays: String(current?.effectWindowDays ?? 28),
    vkWall: Boolean(channel('vk_wall')),
    telegram: channel('telegram_channel')?.target ?? '',
    emails: channel('email_list')?.target ?? '',
  });
  const [places, setPlaces] = useState<string[]>(current?.municipalityCodes ?? seed.municipalityCodes);
  const [pageIds, setPageIds] = useState<number[]>(
    current?.channels.flatMap((c) => (c.kind === 'page_task' ? [c.pageId] : [])) ?? [],
  );
  const [posts, setPosts] = useState<Post[]>(
    current?.posts.map((p) => ({ publishOn: p.publishOn, text: p.text })) ?? [{ publishOn: seed.startsOn, text: '' }],
  );
  const [plan, setPlan] = useState<Planned[]>(
    current?.mediaPlan.map((m) => ({ contactId: String(m.contactId), plannedOn: m.plannedOn, note: m.note })) ?? [],
  );
  const spike = current ? current.spike : seed.spike;
  const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!f.startsOn) {
      fail('Укажите дату начала в формате ДД.ММ.ГГГГ');
      return;
    }
    if (posts.some((p) => !p.publishOn) || plan.some((m) => !m.plannedOn)) {
      fail('У каждой публикации и каждой строки медиаплана должна быть дата ДД.ММ.ГГГГ');
      return;
    }
    const channels: CampaignChannel[] = [
      ...(f.vkWall ? [{ kind: 'vk_wall' as const }] : []),
      ...(f.telegram.trim() ? [{ kind: 'telegram_channel' as const, target: f.telegram.trim() }] : []),
      ...(f.emails.trim() ? [{ kind: 'email_list' as const, target: f.emails.trim() }] : []),
      ...pageIds.map((pageId) => ({ kind: 'page_task' as const, pageId })),
    ];
    const input: CampaignInput = {
      title: f.title,
      goal: f.goal,
      audience: f.audience,
      categoryCode: f.categoryCode || null,
      municipalityCodes: places,
      spike,
      startsOn: f.startsOn,
      effectWindowDays: Number(f.effectWindowDays),
      channels,
      posts: posts.map((p) => ({ publishOn: p.publishOn ?? '', text: p.text })),
      mediaPlan: plan.map((m) => ({ contactId: Number(m.contactId), plannedOn: m.plannedOn ?? '', note: m.note })),
    };
    run(() => saveCampaign(current?.id ?? null, input).then(onSaved));
  };

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="campaign-form-title">
      <h2 id="campaign-form-title">{current ? 'Изменить кампанию' : 'Новая кампания'}</h2>
      {spike && (
        <p className="small">
          По всплеску {isoToRuDate(spike.from)} — {isoToRuDate(spike.to)}.
        </p>
      )}
      <div className="form-grid">
        <label className="field">
          Название
          <input
            required
            minLength={3}
            maxLength={300}
            value={f.title}
            onChange={(e) => set({ title: e.target.value })}
          />
        </label>
        <label className="field">
          Цель
          <input
            required
            minLength={3}
            maxLength={2000}
            value={f.goal}
            onChange={(e) => set({ goal: e.target.value })}
          />
        </label>
        <label className="field">
          Целевая аудитория
          <input maxLength={1000} value={f.audience} onChange={(e) => set({ audience: e.target.value })} />
        </label>
        <label className="field">
          Категория проблемы
          <select value={f.categoryCode} onChange={(e) => set({ categoryCode: e.target.value })}>
            <option value="">Все категории</option>
            {ref.blocks.map((b) => (
              <optgroup key={b.code} label={b.name}>
                {ref.categories
                  .filter((c) => c.blockCode === b.code && !c.isOther)
                  .map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </label>
        <RuDateInput label="Начало кампании" value={f.startsOn} onCommit={(startsOn) => set({ startsOn })} required />
        <label className="field">
          Окно эффекта, дней
          <input
            type="number"
            min={7}
            max={180}
            required
            value={f.effectWindowDays}
            onChange={(e) => set({ effectWindowDays: e.target.value })}
          />
        </label>
      </div>
      <fieldset className="checks-grid">
        <legend>Муниципалитеты</legend>
        {ref.municipalities.map((m) => (
          <label key={m.code} className="check">
            <input
              type="checkbox"
              checked={places.includes(m.code)}
              onChange={() => setPlaces(toggle(places, m.code))}
            />{' '}
            {m.shortName}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Каналы</legend>
        <div className="form-grid">
          <label className="check">
            <input type="checkbox" checked={f.vkWall} onChange={(e) => set({ vkWall: e.target.checked })} /> Стена
            сообщества ВКонтакте
          </label>
          <label className="field">
            Канал Telegram
            <input placeholder="@имя_канала" value={f.telegram} onChange={(e) => set({ telegram: e.target.value })} />
          </label>
          <label className="field">
            Рассылка по e-mail
            <input
              placeholder="адреса через запятую"
              value={f.emails}
              onChange={(e) => set({ emails: e.target.value })}
            />
          </label>
        </div>
        {pages.data && pages.data.items.length > 0 && (
          <div className="checks-grid" role="group" aria-label="Госпаблики: задачи владельцам">
            {pages.data.items.map((p) => (
              <label key={p.id} className="check">
                <input
                  type="checkbox"
                  checked={pageIds.includes(p.id)}
                  onChange={() => setPageIds(toggle(pageIds, p.id))}
                />{' '}
                {p.title}
                {p.ownerName ? ` (${p.ownerName})` : ''}
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <fieldset>
        <legend>Контент-план</legend>
        {posts.map((p, i) => (
          <div key={i} className="form-grid">
            <RuDateInput
              label={`Публикация ${i + 1}: дата`}
              value={p.publishOn}
              onCommit={(publishOn) => setPosts(posts.map((x, j) => (j === i ? { ...x, publishOn } : x)))}
            />
            <label className="field">
              Текст
              <textarea
                required
                rows={2}
                maxLength={4000}
                value={p.text}
                onChange={(e) => setPosts(posts.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)))}
              />
            </label>
            {posts.length > 1 && (
              <button type="button" className="btn btn-ghost" onClick={() => setPosts(posts.filter((_, j) => j !== i))}>
                Убрать
              </button>
            )}
          </div>
        ))}
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() => setPosts([...posts, { publishOn: f.startsOn, text: '' }])}
        >
          Добавить публикацию
        </button>
      </fieldset>
      <fieldset>
        <legend>Медиаплан</legend>
        {plan.map((m, i) => (
          <div key={i} className="form-grid">
            <label className="field">
              СМИ или лидер мнений
              <select
                required
                value={m.contactId}
                onChange={(e) => setPlan(plan.map((x, j) => (j === i ? { ...x, contactId: e.target.value } : x)))}
              >
                <option value="">— выберите —</option>
                {outlets.data?.items.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <RuDateInput
              label="Дата"
              value={m.plannedOn}
              onCommit={(plannedOn) => setPlan(plan.map((x, j) => (j === i ? { ...x, plannedOn } : x)))}
            />
            <label className="field">
              Что
              <input
                maxLength={1000}
                value={m.note}
                onChange={(e) => setPlan(plan.map((x, j) => (j === i ? { ...x, note: e.target.value } : x)))}
              />
            </label>
            <button type="button" className="btn btn-ghost" onClick={() => setPlan(plan.filter((_, j) => j !== i))}>
              Убрать
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() => setPlan([...plan, { contactId: '', plannedOn: f.startsOn, note: '' }])}
        >
          Добавить СМИ
        </button>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Сохранить
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Отмена
        </button>
      </div>
      <FormMessage error={error} />
    </form>
  );
}
