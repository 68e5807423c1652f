/* eslint-disable @typescript-eslint/no-unnecessary-type-assertion -- the assertions give useForm the state type it infers (the rule misreads inference from them) */
// Registering an official page (comms.manage): organisation, network, address, title, responsible person, category
// with its posting norm (suggested by category, editable), whether it is a head's page, and what links the platform's
// messages to it (the VK community number, the widget's source=). The server checks everything again.
import type { FormEvent } from 'react';
import {
  DEFAULT_POSTING_NORMS,
  PAGE_CATEGORIES,
  PAGE_CATEGORY_LABELS,
  PAGE_NETWORK_LABELS,
  PAGE_NETWORKS,
  type PageCategory,
  type PageInput,
  type PageNetwork,
} from '../../../shared/api/public-pages';
import { FormMessage } from '../common/states';
import { useReference } from '../reference/reference-context';
import { savePage } from './comms-api';
import { useForm } from './use-form';

export function PageForm({ onSaved, onCancel }: { onSaved: () => void; onCancel: () => void }) {
  const { ref } = useReference();
  const { f, set, error, busy, fail, run } = useForm({
    organisationId: '',
    network: 'vk' as PageNetwork,
    url: '',
    title: '',
    ownerName: '',
    category: 'active' as PageCategory,
    postingNorm: String(DEFAULT_POSTING_NORMS.active),
    isHeadPage: false,
    vkOwnerId: '',
    widgetSource: '',
  });
  const organisations = [...ref.organisations].sort((a, b) => a.name.localeCompare(b.name, 'ru'));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const norm = Number(f.postingNorm);
    if (!Number.isInteger(norm) || norm < 0) {
      fail('Норма публикаций — целое число в неделю, например 5');
      return;
    }
    const vk = f.vkOwnerId.trim() ? Number(f.vkOwnerId.trim()) : null;
    if (vk !== null && !Number.isInteger(vk)) {
      fail('Номер сообщества ВКонтакте — целое число, например -123456');
      return;
    }
    const input: PageInput = {
      organisationId: Number(f.organisationId),
      network: f.network,
      url: f.url.trim(),
      title: f.title,
      ownerName: f.ownerName,
      category: f.category,
      postingNorm: norm,
      isHeadPage: f.isHeadPage,
      vkOwnerId: vk,
      widgetSource: f.widgetSource.trim() || null,
    };
    run(() => savePage(null, input), onSaved);
  };

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="page-form-title">
      <h2 id="page-form-title">Новая официальная страница</h2>
      <div className="form-grid">
        <label className="field">
          Организация
          <select required value={f.organisationId} onChange={(e) => set({ organisationId: e.target.value })}>
            <option value="">— выберите —</option>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Сеть
          <select value={f.network} onChange={(e) => set({ network: e.target.value as PageNetwork })}>
            {PAGE_NETWORKS.map((n) => (
              <option key={n} value={n}>
                {PAGE_NETWORK_LABELS[n]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Адрес страницы
          <input
            required
            type="url"
            maxLength={500}
            placeholder="https://vk.com/…"
            value={f.url}
            onChange={(e) => set({ url: e.target.value })}
          />
        </label>
        <label className="field">
          Название
          <input
            required
            minLength={2}
            maxLength={300}
            value={f.title}
            onChange={(e) => set({ title: e.target.value })}
          />
        </label>
        <label className="field">
          Ответственный
          <input maxLength={200} value={f.ownerName} onChange={(e) => set({ ownerName: e.target.value })} />
        </label>
        <label className="field">
          Категория
          <select
            value={f.category}
            onChange={(e) => {
              const c = e.target.value as PageCategory;
              set({ category: c, postingNorm: String(DEFAULT_POSTING_NORMS[c]) });
            }}
          >
            {PAGE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {PAGE_CATEGORY_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Норма публикаций в неделю
          <input
            required
            inputMode="numeric"
            value={f.postingNorm}
            onChange={(e) => set({ postingNorm: e.target.value })}
          />
        </label>
        <label className="field">
          Номер сообщества ВКонтакте (для комментариев)
          <input
            inputMode="numeric"
            placeholder="-123456"
            value={f.vkOwnerId}
            onChange={(e) => set({ vkOwnerId: e.target.value })}
          />
        </label>
        <label className="field">
          Метка виджета (source=)
          <input
            maxLength={100}
            placeholder="uglich-vk"
            value={f.widgetSource}
            onChange={(e) => set({ widgetSource: e.target.value })}
          />
        </label>
        <label className="field field-check">
          <input type="checkbox" checked={f.isHeadPage} onChange={(e) => set({ isHeadPage: e.target.checked })} />{' '}
          Страница главы (квартальная оценка)
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Добавить страницу
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Отмена
        </button>
      </div>
      <FormMessage error={error} />
    </form>
  );
}
