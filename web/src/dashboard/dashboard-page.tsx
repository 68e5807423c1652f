// «Комплексная картина проблем»: volume by block, channel and municipality, top categories and deadline
// compliance for a period. Every bar, slice, point and table row leads to the inbox filtered to its cases.
import { useMemo, useState } from 'react';
import { formatNumber, NOUNS, plural } from '../common/format';
import { usePageTitle } from '../layout/page-title';
import { useReference } from '../reference/reference-context';
import { navigate, useLocation } from '../router/router';
import { analyticsSource } from './analytics-source';
import { BarFigure } from './bar-figure';
import { ComplianceFigure } from './compliance-figure';
import { FigurePanel } from './figure-panel';
import { inboxHref } from './figure-table';
import { AttentionPanels } from './attention-panels';
import { MunicipalityMap } from './municipality-map';
import { fetchCasePoints } from '../api/analytics-api';
import { fetchVotes } from '../comms/comms-api';
import { VotesTable } from '../comms/votes-table';
import { fetchCampaigns } from '../comms/campaigns-api';
import { CampaignsPicture } from '../comms/campaign-effect';
import { describePeriod, readPeriod } from './period';
import { PeriodPicker } from './period-picker';

const TOP_CATEGORIES = 10;

/** One request for two panels: the first call starts it, later ones take the same answer; a failure is not kept,
 * so a retry asks again. */
function sharedLoad<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = null;
      throw error;
    }));
}

export function DashboardPage() {
  usePageTitle('Комплексная картина проблем');
  const { ref } = useReference();
  const { search } = useLocation();
  const [today] = useState(() => new Date());
  const [reloads, setReloads] = useState(0);
  const { choice, period } = readPeriod(new URLSearchParams(search), today);
  const source = useMemo(() => analyticsSource(ref), [ref]);
  const key = `${period.from ?? ''}..${period.to ?? ''}#${reloads}`;
  const votesQuery = useMemo(
    () =>
      Object.fromEntries(
        Object.entries({ from: period.from, to: period.to }).filter((e): e is [string, string] => Boolean(e[1])),
      ),
    [period.from, period.to],
  );
  // the map and the votes panel show the same votes: asked once per period and reload, not twice on every opening
  // (the second request queued behind the header's on the server and held the screen back)
  const loadVotes = useMemo(() => sharedLoad(() => fetchVotes(votesQuery)), [votesQuery, reloads]);
  const setParams = (params: Record<string, string>) => {
    const clean = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== ''));
    navigate('/dashboard', clean, { replace: true });
  };

  return (
    <section className="page page-wide" aria-labelledby="dash-title">
      <div className="page-head">
        <h1 id="dash-title">Комплексная картина проблем</h1>
        <p className="muted">{describePeriod(period)} · по дате поступления</p>
      </div>
      <div className="list-toolbar">
        <PeriodPicker choice={choice} period={period} onChange={setParams} />
        <button type="button" className="btn" onClick={() => setReloads((n) => n + 1)}>
          Обновить
        </button>
      </div>
      <p className="muted small">
        Нажмите на столбец, сектор, точку или строку таблицы, чтобы открыть соответствующие обращения во «Входящих».
      </p>
      <div className="dashboard-grid">
        <FigurePanel
          id="dash-total"
          title="Всего за период"
          loadKey={key}
          load={(s) => source.total(period, s)}
          className="figure-kpi"
        >
          {(f) => (
            <p className="kpi">
              <a href={inboxHref(f)} className="kpi-big">
                {formatNumber(f.count)}
              </a>
              <span> {plural(f.count, NOUNS.case)}</span>
            </p>
          )}
        </FigurePanel>
        <FigurePanel
          id="dash-compliance"
          title="Соблюдение сроков (открытые обращения)"
          loadKey={key}
          load={(s) => source.compliance(period, s)}
        >
          {(figures) => <ComplianceFigure figures={figures} />}
        </FigurePanel>
        <AttentionPanels loadKey={key} />
        <FigurePanel
          id="dash-blocks"
          title="По отраслевым блокам"
          loadKey={key}
          load={(s) => source.byBlock(period, s)}
        >
          {(figures) => <BarFigure figures={figures} title="Обращения по блокам" heading="Блок" />}
        </FigurePanel>
        <FigurePanel
          id="dash-channels"
          title="По каналам поступления"
          loadKey={key}
          load={(s) => source.byChannel(period, s)}
        >
          {(figures) => <BarFigure figures={figures} title="Обращения по каналам" heading="Канал" />}
        </FigurePanel>
        <FigurePanel
          id="dash-map"
          title="По муниципалитетам"
          loadKey={key}
          className="figure-wide"
          load={(s) => Promise.all([source.byMunicipality(period, s), fetchCasePoints(period, s), loadVotes()])}
        >
          {([places, points, votes]) => <MunicipalityMap places={places} points={points} votes={votes.items} />}
        </FigurePanel>
        <FigurePanel
          id="dash-votes"
          title="Голосования и обсуждения рядом с обращениями"
          loadKey={key}
          className="figure-wide"
          load={loadVotes}
        >
          {(votes) =>
            votes.items.length ? (
              <VotesTable votes={votes} caption="Голосования и обсуждения за период" />
            ) : (
              <p className="muted">За период голосований и обсуждений нет.</p>
            )
          }
        </FigurePanel>
        <FigurePanel
          id="dash-campaigns"
          title="Проблема → кампания → эффект"
          loadKey={key}
          className="figure-wide"
          load={(s) => fetchCampaigns(votesQuery, s)}
        >
          {(campaigns) =>
            campaigns.items.length ? (
              <CampaignsPicture items={campaigns.items} />
            ) : (
              <p className="muted">За период информационных кампаний нет.</p>
            )
          }
        </FigurePanel>
        <FigurePanel
          id="dash-categories"
          title={`Топ-${TOP_CATEGORIES} категорий`}
          loadKey={key}
          load={(s) => Promise.all([source.topCategories(period, s, TOP_CATEGORIES), source.total(period, s)])}
          className="figure-wide"
        >
          {([figures, all]) => (
            // shares of all the period's cases, as on the other figures, not of the ten shown
            <BarFigure figures={figures} title="Самые частые категории" heading="Категория" total={all.count} />
          )}
        </FigurePanel>
      </div>
    </section>
  );
}
