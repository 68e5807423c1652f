// Problem → campaign → effect: the cases of the campaign's category in each of its municipalities in the window
// before its start and the equal window from it; every number opens those cases in «Входящие».
import { CAMPAIGN_STATUS_LABELS, type CampaignSummary } from '../../../shared/api/campaigns';
import { formatNumber, isoToRuDate, NOUNS, plural } from '../common/format';
import { href } from '../router/router';

type Effect = CampaignSummary['effect'];

const inboxLink = (c: Pick<CampaignSummary, 'categoryCode'>, municipality: string, from: string, to: string) =>
  href('/inbox', { municipality, ...(c.categoryCode ? { category: c.categoryCode } : {}), from, to });

export function EffectTable({
  campaign,
  caption,
}: {
  campaign: Pick<CampaignSummary, 'categoryCode' | 'effect'>;
  caption: string;
}) {
  const e: Effect = campaign.effect;
  const all = e.rows.map((r) => r.municipalityCode).join(',');
  const cell = (municipality: string, n: number, from: string, to: string, when: string) => (
    <a
      href={inboxLink(campaign, municipality, from, to)}
      aria-label={`${when}: ${formatNumber(n)} ${plural(n, NOUNS.case)}`}
    >
      {formatNumber(n)}
    </a>
  );
  return (
    <div className="table-wrap">
      <table aria-label={caption}>
        <thead>
          <tr>
            <th scope="col">Муниципалитет</th>
            <th scope="col" className="num">
              До: {isoToRuDate(e.beforeFrom)} — {isoToRuDate(e.beforeTo)}
            </th>
            <th scope="col" className="num">
              После: {isoToRuDate(e.afterFrom)} — {isoToRuDate(e.afterTo)}
            </th>
            <th scope="col" className="num">
              Изменение
            </th>
            <th scope="col" className="num">
              Охват
            </th>
          </tr>
        </thead>
        <tbody>
          {e.rows.map((r) => (
            <tr key={r.municipalityCode}>
              <th scope="row">{r.municipality}</th>
              <td className="num">
                {cell(r.municipalityCode, r.before, e.beforeFrom, e.beforeTo, `${r.municipality}, до начала`)}
              </td>
              <td className="num">
                {cell(r.municipalityCode, r.after, e.afterFrom, e.afterTo, `${r.municipality}, после начала`)}
              </td>
              <td className="num">{change(r.before, r.after)}</td>
              <td className="num">{formatNumber(r.reach)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Всего</th>
            <td className="num">{cell(all, e.before, e.beforeFrom, e.beforeTo, 'Всего до начала')}</td>
            <td className="num">{cell(all, e.after, e.afterFrom, e.afterTo, 'Всего после начала')}</td>
            <td className="num">{change(e.before, e.after)}</td>
            <td className="num">{formatNumber(e.rows.reduce((s, r) => s + r.reach, 0))}</td>
          </tr>
        </tfoot>
      </table>
      {!e.afterComplete && <p className="muted small">Окно после начала ещё не закончилось: число «после» неполное.</p>}
    </div>
  );
}

function change(before: number, after: number): string {
  const d = after - before;
  return d === 0 ? '0' : `${d > 0 ? '+' : '−'}${formatNumber(Math.abs(d))}`;
}

/** The campaigns of a period, each with its problem, state and effect (the «Комплексная картина» panel). */
export function CampaignsPicture({ items }: { items: CampaignSummary[] }) {
  return (
    <div className="stack">
      {items.map((c) => (
        <article key={c.id} className="panel" aria-label={`Кампания «${c.title}»`}>
          <p className="small">
            <strong>Проблема:</strong> {c.category ?? 'все категории'} — {c.municipalities.join(', ')}
            {c.spike ? ` (всплеск ${isoToRuDate(c.spike.from)} — ${isoToRuDate(c.spike.to)})` : ''}
            {' → '}
            <strong>Кампания:</strong> <a href={href('/comms/campaigns', { id: String(c.id) })}>{c.title}</a>, с{' '}
            {isoToRuDate(c.startsOn)}, {CAMPAIGN_STATUS_LABELS[c.status].toLowerCase()}, охват {formatNumber(c.reach)}
            {' → '}
            <strong>Эффект:</strong> {formatNumber(c.effect.before)} → {formatNumber(c.effect.after)}{' '}
            {plural(c.effect.after, NOUNS.case)} за {c.effect.windowDays}{' '}
            {plural(c.effect.windowDays, ['день', 'дня', 'дней'])}
          </p>
          <EffectTable campaign={c} caption={`Эффект кампании «${c.title}» по муниципалитетам`} />
        </article>
      ))}
    </div>
  );
}
