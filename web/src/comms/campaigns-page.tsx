// «Кампании» (decree 6.7): informing by geography. The list with problem → campaign → effect, a new campaign (from a
// spike: «Всплески» opens this screen with its category, municipality and window), and one campaign (?id=N).
import { useState } from 'react';
import { CAMPAIGN_STATUS_LABELS } from '../../../shared/api/campaigns';
import { hasPermission } from '../api/contract';
import { useMe } from '../auth/auth-context';
import { formatNumber, isoToRuDate } from '../common/format';
import { Empty, ErrorState, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { href, navigate, useLocation } from '../router/router';
import { CampaignForm, type CampaignSeed } from './campaign-form';
import { CampaignView } from './campaign-view';
import { fetchCampaign, fetchCampaigns } from './campaigns-api';
import { CommsShell } from './comms-shell';

export function CampaignsPage() {
  usePageTitle('Кампании');
  const { params } = useLocation();
  const id = Number(params.get('id') ?? '');
  if (params.get('new') === '1') return <NewCampaign params={params} />;
  return Number.isInteger(id) && id > 0 ? <OneCampaign id={id} /> : <CampaignList />;
}

function NewCampaign({ params }: { params: URLSearchParams }) {
  const from = params.get('spikeFrom');
  const to = params.get('spikeTo');
  const seed: CampaignSeed = {
    categoryCode: params.get('category'),
    municipalityCodes: params.getAll('municipality'),
    spike: from && to ? { from, to } : null,
    ...(to ? { startsOn: to } : {}),
  };
  return (
    <CommsShell title="Новая кампания">
      <CampaignForm
        seed={seed}
        onSaved={(c) => navigate('/comms/campaigns', { id: String(c.id) })}
        onCancel={() => navigate('/comms/campaigns')}
      />
    </CommsShell>
  );
}

function OneCampaign({ id }: { id: number }) {
  const [reloads, setReloads] = useState(0);
  const campaign = useResource(`campaign:${id}:${reloads}`, (s) => fetchCampaign(id, s), { keepPrevious: true });
  return (
    <CommsShell title="Кампания">
      <p>
        <a href={href('/comms/campaigns')}>← Все кампании</a>
      </p>
      {campaign.error ? (
        <ErrorState error={campaign.error} onRetry={campaign.reload} />
      ) : !campaign.data ? (
        <Loading />
      ) : (
        <CampaignView campaign={campaign.data} onChanged={() => setReloads((n) => n + 1)} />
      )}
    </CommsShell>
  );
}

function CampaignList() {
  const me = useMe();
  const list = useResource('campaigns', (s) => fetchCampaigns({}, s));
  return (
    <CommsShell title="Информационные кампании">
      {hasPermission(me, 'comms.manage') && (
        <div className="list-toolbar">
          <a className="btn btn-primary" href={href('/comms/campaigns', { new: '1' })}>
            Новая кампания
          </a>
          <span className="muted small">Кампанию по всплеску начните с экрана «Всплески».</span>
        </div>
      )}
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : list.data.items.length === 0 ? (
        <Empty>Кампаний пока нет.</Empty>
      ) : (
        <div className="table-wrap">
          <table aria-label="Кампании">
            <thead>
              <tr>
                <th scope="col">Кампания</th>
                <th scope="col">Проблема</th>
                <th scope="col">Начало</th>
                <th scope="col">Состояние</th>
                <th scope="col" className="num">
                  Обращений до / после
                </th>
                <th scope="col" className="num">
                  Охват
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <a href={href('/comms/campaigns', { id: String(c.id) })}>{c.title}</a>
                  </td>
                  <td>
                    {c.category ?? 'все категории'}
                    <div className="muted small">{c.municipalities.join(', ')}</div>
                  </td>
                  <td>{isoToRuDate(c.startsOn)}</td>
                  <td>{CAMPAIGN_STATUS_LABELS[c.status]}</td>
                  <td className="num">
                    <a
                      href={href('/inbox', {
                        municipality: c.municipalityCodes.join(','),
                        ...(c.categoryCode ? { category: c.categoryCode } : {}),
                        from: c.effect.beforeFrom,
                        to: c.effect.beforeTo,
                      })}
                    >
                      {formatNumber(c.effect.before)}
                    </a>
                    {' / '}
                    <a
                      href={href('/inbox', {
                        municipality: c.municipalityCodes.join(','),
                        ...(c.categoryCode ? { category: c.categoryCode } : {}),
                        from: c.effect.afterFrom,
                        to: c.effect.afterTo,
                      })}
                    >
                      {formatNumber(c.effect.after)}
                    </a>
                  </td>
                  <td className="num">{formatNumber(c.reach)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </CommsShell>
  );
}
