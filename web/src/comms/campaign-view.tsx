// One campaign: its problem, plans, approval (send, approve, return with comments), publishing (channels and tasks
// for the pages' owners), reach per municipality, the effect on messages, media interactions and the history.
import { useState, type FormEvent } from 'react';
import {
  CAMPAIGN_CHANNEL_LABELS,
  CAMPAIGN_STATUS_LABELS,
  PUBLICATION_STATUS_LABELS,
  REACH_SOURCE_LABELS,
  type CampaignDetail,
  type Publication,
} from '../../../shared/api/campaigns';
import { INTERACTION_LABELS } from '../../../shared/api/media';
import { formatDateTime, formatNumber, isoToRuDate } from '../common/format';
import { RuDateInput } from '../common/ru-date-input';
import { FormMessage } from '../common/states';
import { useReference } from '../reference/reference-context';
import { href } from '../router/router';
import { EffectTable } from './campaign-effect';
import { CampaignForm } from './campaign-form';
import { campaignStep, completeTask, importReach, recordReach } from './campaigns-api';
import { FileImport } from './file-import';
import { useForm } from './use-form';

export function CampaignView({
  campaign,
  onChanged,
}: {
  campaign: CampaignDetail;
  onChanged: (c?: CampaignDetail) => void;
}) {
  const c = campaign;
  const [editing, setEditing] = useState(false);
  const can = (a: CampaignDetail['allowedActions'][number]) => c.allowedActions.includes(a);
  if (editing) {
    return (
      <CampaignForm
        seed={{ categoryCode: c.categoryCode, municipalityCodes: c.municipalityCodes, spike: c.spike }}
        current={c}
        onSaved={(saved) => {
          setEditing(false);
          onChanged(saved);
        }}
        onCancel={() => setEditing(false)}
      />
    );
  }
  return (
    <div className="stack">
      <section className="panel" aria-labelledby="campaign-title">
        <h2 id="campaign-title">
          {c.title} <span className="badge">{CAMPAIGN_STATUS_LABELS[c.status]}</span>
        </h2>
        <dl className="facts">
          <dt>Проблема</dt>
          <dd>
            {c.category ?? 'все категории'} — {c.municipalities.join(', ')}
            {c.spike ? `; всплеск ${isoToRuDate(c.spike.from)} — ${isoToRuDate(c.spike.to)}` : ''}
          </dd>
          <dt>Цель</dt>
          <dd>{c.goal}</dd>
          <dt>Аудитория</dt>
          <dd>{c.audience || '—'}</dd>
          <dt>Начало</dt>
          <dd>{isoToRuDate(c.startsOn)}</dd>
          <dt>Каналы</dt>
          <dd>
            {c.channels
              .map((ch) => CAMPAIGN_CHANNEL_LABELS[ch.kind] + ('target' in ch ? ` ${ch.target}` : ''))
              .join('; ')}
          </dd>
          <dt>Автор</dt>
          <dd>{c.createdBy}</dd>
          {c.approvalComment && (
            <>
              <dt>Замечания руководителя</dt>
              <dd>{c.approvalComment}</dd>
            </>
          )}
        </dl>
        <ApprovalBar campaign={c} onChanged={onChanged} onEdit={can('edit') ? () => setEditing(true) : null} />
      </section>
      <section className="panel" aria-labelledby="campaign-effect-title">
        <h2 id="campaign-effect-title">Эффект: обращения до и после начала</h2>
        <EffectTable campaign={c} caption="Эффект по муниципалитетам" />
      </section>
      <section className="panel" aria-labelledby="campaign-plan-title">
        <h2 id="campaign-plan-title">Контент-план и медиаплан</h2>
        <ul>
          {c.posts.map((p) => (
            <li key={p.id}>
              <strong>{isoToRuDate(p.publishOn)}</strong> — {p.text}
            </li>
          ))}
        </ul>
        {c.mediaPlan.length > 0 && (
          <ul aria-label="Медиаплан">
            {c.mediaPlan.map((m, i) => (
              <li key={i}>
                <strong>{isoToRuDate(m.plannedOn)}</strong> — {m.contactName}
                {m.note ? `: ${m.note}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
      {c.publications.length > 0 && <Publications campaign={c} onChanged={onChanged} />}
      <section className="panel" aria-labelledby="campaign-reach-title">
        <h2 id="campaign-reach-title">Охват: {formatNumber(c.reach)}</h2>
        {c.reachRows.length > 0 && (
          <div className="table-wrap">
            <table aria-label="Охват по муниципалитетам и каналам">
              <thead>
                <tr>
                  <th scope="col">Дата</th>
                  <th scope="col">Муниципалитет</th>
                  <th scope="col">Канал</th>
                  <th scope="col" className="num">
                    Охват
                  </th>
                  <th scope="col">Откуда</th>
                </tr>
              </thead>
              <tbody>
                {c.reachRows.map((r, i) => (
                  <tr key={i}>
                    <td>{isoToRuDate(r.recordedOn)}</td>
                    <td>{r.municipality ?? 'без разбивки'}</td>
                    <td>{r.channel}</td>
                    <td className="num">{formatNumber(r.reach)}</td>
                    <td>
                      {REACH_SOURCE_LABELS[r.source]} · {r.author}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {can('record_reach') && <ReachForm campaign={c} onChanged={onChanged} />}
      </section>
      {can('record_reach') && (
        <FileImport
          title="Охват из файла"
          send={(file) => importReach(c.id, file)}
          onDone={() => onChanged()}
          columns="Муниципалитет, Канал, Охват, Дата"
        />
      )}
      <section className="panel" aria-labelledby="campaign-media-title">
        <h2 id="campaign-media-title">СМИ и лидеры мнений по кампании</h2>
        {c.interactions.length === 0 ? (
          <p className="muted">
            Нет. Запишите публикацию или запрос в разделе «СМИ и лидеры мнений» с номером кампании {c.id}.
          </p>
        ) : (
          <ul>
            {c.interactions.map((i) => (
              <li key={i.id}>
                {isoToRuDate(i.happenedOn)} · {INTERACTION_LABELS[i.kind]} · {i.contactName}: {i.topic}
                {i.url ? (
                  <>
                    {' '}
                    ·{' '}
                    <a href={i.url} rel="noreferrer" target="_blank">
                      ссылка
                    </a>
                  </>
                ) : null}
                {i.caseId ? (
                  <>
                    {' '}
                    · <a href={href(`/cases/${i.caseId}`)}>обращение № {i.caseId}</a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="campaign-history-title">
        <h2 id="campaign-history-title">История</h2>
        <ul className="small">
          {c.history.map((h, i) => (
            <li key={i}>
              {formatDateTime(h.at)} · {h.actor}: {h.summary}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function ApprovalBar({
  campaign,
  onChanged,
  onEdit,
}: {
  campaign: CampaignDetail;
  onChanged: (c?: CampaignDetail) => void;
  onEdit: (() => void) | null;
}) {
  const { f, set, error, busy, fail, run } = useForm({ comment: '' });
  const can = (a: CampaignDetail['allowedActions'][number]) => campaign.allowedActions.includes(a);
  const step = (s: 'submit' | 'approve' | 'return' | 'publish') => {
    if (s === 'return' && f.comment.trim().length < 3) {
      fail('Напишите замечания: что исправить');
      return;
    }
    run(
      () => campaignStep(campaign.id, s, f.comment.trim()).then(onChanged),
      () => set({ comment: '' }),
    );
  };
  if (!campaign.allowedActions.some((a) => a !== 'record_reach')) return null;
  return (
    <div className="form-actions">
      {onEdit && (
        <button type="button" className="btn btn-ghost" onClick={onEdit}>
          Изменить
        </button>
      )}
      {can('submit') && (
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => step('submit')}>
          Отправить на утверждение
        </button>
      )}
      {can('approve') && (
        <>
          <label className="field">
            Замечания или комментарий
            <input maxLength={2000} value={f.comment} onChange={(e) => set({ comment: e.target.value })} />
          </label>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => step('approve')}>
            Утвердить
          </button>
          <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => step('return')}>
            Вернуть с замечаниями
          </button>
        </>
      )}
      {can('publish') && (
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => step('publish')}>
          Опубликовать
        </button>
      )}
      <FormMessage error={error} />
    </div>
  );
}

function Publications({ campaign, onChanged }: { campaign: CampaignDetail; onChanged: (c?: CampaignDetail) => void }) {
  const where = (p: Publication) =>
    p.channelKind === 'page_task' ? `${p.pageTitle ?? ''}${p.pageOwner ? ` (${p.pageOwner})` : ''}` : p.target;
  return (
    <section className="panel" aria-labelledby="campaign-pub-title">
      <h2 id="campaign-pub-title">Публикации</h2>
      <div className="table-wrap">
        <table aria-label="Публикации по каналам">
          <thead>
            <tr>
              <th scope="col">Дата</th>
              <th scope="col">Канал</th>
              <th scope="col">Состояние</th>
              <th scope="col">Ссылка или ошибка</th>
            </tr>
          </thead>
          <tbody>
            {campaign.publications.map((p) => (
              <tr key={p.id}>
                <td>{isoToRuDate(p.publishOn)}</td>
                <td>
                  {CAMPAIGN_CHANNEL_LABELS[p.channelKind]}
                  <div className="muted small">{where(p)}</div>
                </td>
                <td>
                  {PUBLICATION_STATUS_LABELS[p.status]}
                  {p.attempts > 1 ? <div className="muted small">попыток {p.attempts}</div> : null}
                </td>
                <td>
                  {p.url ? (
                    <a href={p.url} rel="noreferrer" target="_blank">
                      {p.url}
                    </a>
                  ) : (
                    (p.lastError ?? '—')
                  )}
                  {p.status === 'task_open' && campaign.allowedActions.includes('record_reach') && (
                    <TaskDone publication={p} onChanged={onChanged} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function TaskDone({ publication, onChanged }: { publication: Publication; onChanged: (c?: CampaignDetail) => void }) {
  const { f, set, error, busy, run } = useForm({ url: '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run(() => completeTask(publication.id, f.url.trim()).then(onChanged));
  };
  return (
    <form onSubmit={submit} className="form-actions">
      <label className="field">
        Ссылка на публикацию
        <input type="url" required value={f.url} onChange={(e) => set({ url: e.target.value })} />
      </label>
      <button type="submit" className="btn btn-ghost" disabled={busy}>
        Выполнено
      </button>
      <FormMessage error={error} />
    </form>
  );
}

function ReachForm({ campaign, onChanged }: { campaign: CampaignDetail; onChanged: (c?: CampaignDetail) => void }) {
  const { ref } = useReference();
  const { f, set, error, busy, fail, run } = useForm({
    municipalityCode: campaign.municipalityCodes[0] ?? '',
    channel: '',
    reach: '',
    recordedOn: undefined as string | undefined,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!f.recordedOn) {
      fail('Укажите дату в формате ДД.ММ.ГГГГ');
      return;
    }
    const recordedOn = f.recordedOn;
    run(
      () =>
        recordReach(campaign.id, {
          items: [
            { municipalityCode: f.municipalityCode || null, channel: f.channel, reach: Number(f.reach), recordedOn },
          ],
        }).then(onChanged),
      () => set({ reach: '' }),
    );
  };
  return (
    <form onSubmit={submit} aria-label="Внести охват">
      <div className="form-grid">
        <label className="field">
          Муниципалитет
          <select value={f.municipalityCode} onChange={(e) => set({ municipalityCode: e.target.value })}>
            <option value="">без разбивки</option>
            {ref.municipalities
              .filter((m) => campaign.municipalityCodes.includes(m.code))
              .map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name}
                </option>
              ))}
          </select>
        </label>
        <label className="field">
          Канал
          <input required maxLength={200} value={f.channel} onChange={(e) => set({ channel: e.target.value })} />
        </label>
        <label className="field">
          Охват
          <input type="number" min={0} required value={f.reach} onChange={(e) => set({ reach: e.target.value })} />
        </label>
        <RuDateInput label="Дата" value={f.recordedOn} onCommit={(recordedOn) => set({ recordedOn })} />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Внести охват
        </button>
      </div>
      <FormMessage error={error} />
    </form>
  );
}
