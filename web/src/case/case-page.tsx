import type { CaseDetail } from '../../../shared/api/cases';
import { ApiError } from '../api/client';
import { fetchCase } from '../api/cases-api';
import { homePath } from '../auth/access';
import { useMe } from '../auth/auth-context';
import { PriorityBadge, StatusBadge } from '../common/badges';
import { ErrorState, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { MessagePage } from '../layout/message-page';
import { usePageTitle } from '../layout/page-title';
import { lastList } from '../router/router';
import { CaseWork } from './case-work';

export function CasePage({ id }: { id: string }) {
  usePageTitle(`Обращение № ${id}`);
  const me = useMe();
  const resource = useResource<CaseDetail>(`case:${id}`, (signal) => fetchCase(id, signal));
  const back = lastList() ?? { label: 'К списку', href: `#${homePath(me)}` };
  const onDone = resource.setData;
  const reload = resource.reload;

  if (resource.error instanceof ApiError && resource.error.status === 404) {
    return (
      <MessagePage title="Обращение не найдено" text={`Обращения № ${id} нет или оно вам недоступно.`} link={back} />
    );
  }
  const detail = resource.data;
  return (
    <article className="page page-wide case-page" aria-labelledby="case-title">
      <p className="back-link">
        <a href={back.href}>← {back.label}</a>
      </p>
      <header className="case-head">
        <h1 id="case-title">Обращение № {id}</h1>
        {detail && (
          <div className="case-badges">
            <StatusBadge status={detail.status} citizenRepliedAt={detail.citizenRepliedAt} />
            <PriorityBadge priority={detail.priority} />
            {detail.blockName && <span className="badge badge-info">{detail.blockName}</span>}
          </div>
        )}
        <button type="button" className="btn btn-small" onClick={reload} disabled={resource.loading}>
          {resource.loading && detail ? 'Обновление…' : 'Обновить'}
        </button>
      </header>
      {!detail && resource.error ? (
        <ErrorState error={resource.error} onRetry={reload} />
      ) : !detail ? (
        <Loading label="Загрузка обращения…" />
      ) : (
        <CaseWork detail={detail} onDone={onDone} />
      )}
    </article>
  );
}
