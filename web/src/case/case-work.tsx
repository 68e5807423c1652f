// The card's content: messages and answers on the left, deadlines, decisions and context on the right.
import type { CaseDetail } from '../../../shared/api/cases';
import { ClassificationForm } from '../triage/classification-form';
import { AnswerForm } from './answer-form';
import { AnswersList } from './answers-list';
import { canClassify } from './case-access';
import { CaseFacts } from './case-facts';
import { ClassificationPanel } from './classification-panel';
import { DeliveriesPanel } from './deliveries-panel';
import { DeadlineClocks } from './deadline-clocks';
import { DuplicatesPanel } from './duplicates-panel';
import { ExtensionForm } from './extension-form';
import { HistoryList } from './history-list';
import { MessagesList } from './messages-list';
import { RatingForm } from './rating-form';
import { ReviewPanel } from './review-panel';
import { RoutingPanel } from './routing-panel';
import { StatusActions } from './status-actions';

export function CaseWork({ detail, onDone }: { detail: CaseDetail; onDone: (d: CaseDetail) => void }) {
  return (
    <div className="case-grid">
      <div className="case-main">
        <MessagesList messages={detail.messagesList} />
        <AnswersList answers={detail.answers} />
        <DeliveriesPanel key={`deliveries-${detail.id}`} detail={detail} onDone={onDone} />
        <AnswerForm key={`answer-${detail.id}`} detail={detail} onDone={onDone} />
        <HistoryList history={detail.history} />
      </div>
      <aside className="case-side" aria-label="Сроки, решения и сведения">
        <DeadlineClocks detail={detail} />
        <ReviewPanel key={`review-${detail.id}`} detail={detail} onDone={onDone} />
        <StatusActions key={`status-${detail.id}`} detail={detail} onDone={onDone} />
        <CaseFacts detail={detail} />
        <ClassificationPanel detail={detail} />
        {canClassify(detail) && (
          <details className="panel">
            <summary>Исправить классификацию</summary>
            <ClassificationForm
              key={`class-${detail.id}-${detail.block}-${detail.category}`}
              item={detail}
              onDone={onDone}
            />
          </details>
        )}
        <DuplicatesPanel key={`dups-${detail.id}`} detail={detail} onDone={onDone} />
        <RoutingPanel key={`routing-${detail.id}`} detail={detail} onDone={onDone} />
        <ExtensionForm key={`ext-${detail.id}`} detail={detail} onDone={onDone} />
        <RatingForm key={`rating-${detail.id}`} detail={detail} onDone={onDone} />
      </aside>
    </div>
  );
}
