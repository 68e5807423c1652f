// The case opened on the desk: what the citizen wrote, the clocks, and everything needed to answer.
import type { CaseDetail } from '../../../shared/api/cases';
import { fetchCase } from '../api/cases-api';
import { AnswerForm } from '../case/answer-form';
import { AnswersList } from '../case/answers-list';
import { DeadlineClocks } from '../case/deadline-clocks';
import { ExtensionForm } from '../case/extension-form';
import { MessagesList } from '../case/messages-list';
import { StatusActions } from '../case/status-actions';
import { StatusBadge } from '../common/badges';
import { ErrorState, Loading } from '../common/states';
import { useResource } from '../common/use-resource';

export function DeskCase({ id, onChanged }: { id: string; onChanged: () => void }) {
  const resource = useResource<CaseDetail>(`desk-case:${id}`, (signal) => fetchCase(id, signal));
  const detail = resource.data;
  if (!detail)
    return resource.error ? (
      <ErrorState error={resource.error} onRetry={resource.reload} />
    ) : (
      <Loading label="Загрузка обращения…" />
    );
  const onDone = (d: CaseDetail) => {
    resource.setData(d);
    onChanged();
  };
  return (
    <div className="desk-case">
      <header className="case-head">
        <h2>Обращение № {detail.id}</h2>
        <StatusBadge status={detail.status} />
        <a href={`#/cases/${detail.id}`}>Открыть карточку полностью</a>
      </header>
      <p className="small">
        {detail.blockName ?? 'Блок не определён'}
        {detail.categoryName ? ` → ${detail.categoryName}` : ''}
        {detail.municipality ? ` · ${detail.municipality}` : ''}
        {detail.address ? ` · ${detail.address}` : ''}
      </p>
      <DeadlineClocks detail={detail} />
      <StatusActions key={`s-${detail.id}`} detail={detail} onDone={onDone} />
      <MessagesList messages={detail.messagesList} />
      <AnswersList answers={detail.answers} />
      <AnswerForm key={`a-${detail.id}`} detail={detail} onDone={onDone} />
      <ExtensionForm key={`e-${detail.id}`} detail={detail} onDone={onDone} />
    </div>
  );
}
