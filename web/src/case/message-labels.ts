// What a message's channel labels tell a person, in Russian: the subject of a letter, the page a widget or a post
// was on, the consent given. Technical ids (message, chat, token and update ids), demo markers and raw structures
// stay out of the card; unknown keys are not shown.
import { formatDateTime } from '../common/format';

export interface LabelFact {
  label: string;
  value: string;
  href?: string;
}

const text = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null;
const link = (v: unknown): string | null => {
  const s = text(v);
  return s && /^https?:\/\//i.test(s) ? s : null;
};
const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

function page(label: string, v: unknown): LabelFact[] {
  const url = link(v) ?? link(obj(v).url) ?? link(obj(v).href);
  if (url) return [{ label, value: url, href: url }];
  const title = text(v) ?? text(obj(v).title) ?? text(obj(v).name);
  return title ? [{ label, value: title }] : [];
}

export function describeLabels(labels: Record<string, unknown> | null | undefined): LabelFact[] {
  if (!labels) return [];
  const facts: LabelFact[] = [];
  const subject = text(labels.subject);
  if (subject) facts.push({ label: 'Тема письма', value: subject });
  facts.push(...page('Ссылка', labels.url));
  const vk = obj(labels.vk);
  if (vk.kind)
    facts.push({
      label: 'ВКонтакте',
      value: vk.kind === 'comment' ? 'комментарий к записи' : 'личное сообщение сообществу',
    });
  if (!labels.url) facts.push(...page('Ссылка', vk.url));
  const widget = obj(labels.widget);
  facts.push(...page('Страница с виджетом', widget.source));
  const consent = obj(widget.consent);
  const consentAt = text(consent.at);
  if (consentAt) {
    const version = text(consent.policyVersion);
    facts.push({
      label: 'Согласие на обработку ПДн',
      value: `дано ${formatDateTime(consentAt)}${version ? `, редакция политики ${version}` : ''}`,
    });
  }
  const monitoring = obj(labels.monitoring);
  const source = text(monitoring.source);
  if (source) facts.push({ label: 'Найдено мониторингом', value: source });
  if (!labels.url) facts.push(...page('Публикация', monitoring.url));
  const open311 = obj(labels.open311);
  const service = text(open311.service_code);
  if (service) facts.push({ label: 'Услуга Open311', value: service });
  return facts;
}
