// Citizens' messages as they arrived. The text is rendered by React as plain text (never as HTML), so markup
// such as <img onerror> or <script> in a message is displayed literally and cannot run.
import type { CaseDetail } from '../../../shared/api/cases';
import { channelLabel } from '../common/badges';
import { formatDateTime } from '../common/format';
import { AttachmentsList } from './attachments-list';
import { describeLabels } from './message-labels';

type Message = CaseDetail['messagesList'][number];

function MessageItem({ message, index }: { message: Message; index: number }) {
  const facts = describeLabels(message.labels);
  return (
    <article className="message" aria-labelledby={`msg-${message.id}`}>
      <header className="message-head">
        <h3 id={`msg-${message.id}`}>
          {index === 0 ? 'Исходное сообщение' : `Повторное сообщение ${index}`}
          {message.duplicate && <span className="badge badge-info">дубликат</span>}
        </h3>
        <span className="muted small">
          {formatDateTime(message.createdAt)} · {channelLabel(message.channel)} · № {message.externalId}
        </span>
      </header>
      <p className="message-text">{message.text}</p>
      <AttachmentsList files={message.attachments} label="Вложения сообщения" />
      <dl className="facts facts-inline">
        <div>
          <dt>Автор</dt>
          <dd>{message.author ?? 'не указан'}</dd>
        </div>
        {message.contact && (
          <div>
            <dt>Контакт</dt>
            <dd>{message.contact}</dd>
          </div>
        )}
        {message.address && (
          <div>
            <dt>Адрес</dt>
            <dd>{message.address}</dd>
          </div>
        )}
        {facts.map((f) => (
          <div key={f.label}>
            <dt>{f.label}</dt>
            <dd>
              {f.href ? (
                <a href={f.href} target="_blank" rel="noopener noreferrer">
                  {f.value}
                </a>
              ) : (
                f.value
              )}
            </dd>
          </div>
        ))}
      </dl>
    </article>
  );
}

export function MessagesList({ messages }: { messages: CaseDetail['messagesList'] }) {
  if (messages.length === 0) return <p className="muted">Сообщений нет.</p>;
  return (
    <section className="panel" aria-labelledby="messages-title">
      <h2 id="messages-title">
        Сообщения граждан <span className="muted">({messages.length})</span>
      </h2>
      {messages.length > 1 && (
        <p className="muted small">Повторные сообщения по той же проблеме объединены в это обращение.</p>
      )}
      {messages.map((m, i) => (
        <MessageItem key={m.id} message={m} index={i} />
      ))}
    </section>
  );
}
