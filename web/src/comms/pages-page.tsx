// «Госпаблики»: the registry of official pages of organisations (270-ФЗ) with their category, posting norm and the
// latest check of each required element; adding a page, recording a check, importing weekly figures from a file, and
// the ratings. Everyone with analytics reads it; the media officer, block owners and the head change it.
import { useState } from 'react';
import {
  PAGE_CATEGORY_LABELS,
  PAGE_ELEMENT_LABELS,
  PAGE_ELEMENTS,
  PAGE_NETWORK_LABELS,
} from '../../../shared/api/public-pages';
import { hasPermission } from '../api/contract';
import { useMe } from '../auth/auth-context';
import { isoToRuDate } from '../common/format';
import { Empty, ErrorState, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { CheckForm } from './check-form';
import { fetchPages, importWeeks } from './comms-api';
import { CommsShell } from './comms-shell';
import { FileImport } from './file-import';
import { PageForm } from './page-form';
import { PageRatings } from './page-ratings';

export function PagesPage() {
  usePageTitle('Госпаблики');
  const me = useMe();
  const canManage = hasPermission(me, 'comms.manage');
  const [reloads, setReloads] = useState(0);
  const [adding, setAdding] = useState(false);
  const pages = useResource(`pages:${reloads}`, fetchPages, { keepPrevious: true });
  const changed = () => setReloads((n) => n + 1);

  return (
    <CommsShell title="Официальные страницы (госпаблики)">
      {canManage && !adding && (
        <div className="list-toolbar">
          <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
            Добавить страницу
          </button>
        </div>
      )}
      {adding && (
        <PageForm
          onSaved={() => {
            setAdding(false);
            changed();
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      {pages.error ? (
        <ErrorState error={pages.error} onRetry={pages.reload} />
      ) : !pages.data ? (
        <Loading />
      ) : pages.data.items.length === 0 ? (
        <Empty>В реестре пока нет страниц.</Empty>
      ) : (
        <div className="table-wrap">
          <table aria-label="Реестр официальных страниц">
            <thead>
              <tr>
                <th scope="col">Страница</th>
                <th scope="col">Организация</th>
                <th scope="col">Категория, норма</th>
                <th scope="col">Ответственный</th>
                {PAGE_ELEMENTS.map((e) => (
                  <th scope="col" key={e}>
                    {PAGE_ELEMENT_LABELS[e]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {pages.data.items.map((p) => (
                <tr key={p.id}>
                  <td>
                    <a href={p.url} target="_blank" rel="noreferrer noopener">
                      {p.title}
                    </a>
                    <div className="muted small">
                      {PAGE_NETWORK_LABELS[p.network]}
                      {p.isHeadPage ? ' · страница главы' : ''}
                    </div>
                  </td>
                  <td>
                    {p.organisation}
                    {p.municipality ? <div className="muted small">{p.municipality}</div> : null}
                  </td>
                  <td>
                    {PAGE_CATEGORY_LABELS[p.category]}, {p.postingNorm} в неделю
                  </td>
                  <td>{p.ownerName || '—'}</td>
                  {PAGE_ELEMENTS.map((e) => {
                    const c = p.checks.find((x) => x.element === e);
                    return (
                      <td key={e} title={c?.evidence}>
                        {c ? `${c.passed ? 'есть' : 'нет'}, ${isoToRuDate(c.checkedOn)}` : 'не проверено'}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage && pages.data && pages.data.items.length > 0 && (
        <CheckForm pages={pages.data.items} onSaved={changed} />
      )}
      {canManage && (
        <FileImport
          title="Недельные показатели из файла"
          send={importWeeks}
          onDone={changed}
          columns="Страница (адрес), Неделя (понедельник), Публикации, Просмотры, Комментарии, Подписчики, Отвечено, Время ответа, ч (необязательно)"
        />
      )}
      <PageRatings reloadKey={reloads} canManage={canManage} />
    </CommsShell>
  );
}
