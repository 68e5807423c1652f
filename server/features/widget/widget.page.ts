import { randomUUID } from 'node:crypto';
import { ratingFormHtml } from '../cases/rating-page';
import type { MunicipalityRef } from '../reference/reference.repository';
import { CONSENT_FIELD, HONEYPOT_FIELD, type WidgetReceipt, type WidgetStatus } from './widget-submission';

// The widget's HTML: one self-contained page (no external scripts, styles or fonts) that works without
// JavaScript (plain form posts) and, with it, submits in place and reports its height to the embedding page.

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const moscow = (iso: string): string =>
  new Date(iso).toLocaleString('ru-RU', { timeZone: 'Europe/Moscow', dateStyle: 'long', timeStyle: 'short' });

const STYLE = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
  body { margin: 0; padding: 16px; color: #1b1f24; background: #fff; font-size: 16px; line-height: 1.45; }
  h1 { font-size: 1.3rem; margin: 0 0 12px; } h2 { font-size: 1.1rem; margin: 24px 0 8px; }
  label { display: block; font-weight: 600; margin: 12px 0 4px; }
  .hint { font-weight: 400; color: #4a5560; font-size: .9rem; }
  input, select, textarea { box-sizing: border-box; width: 100%; font: inherit; padding: 8px 10px; border: 1px solid #6b7682; border-radius: 6px; }
  textarea { min-height: 140px; resize: vertical; }
  input:focus, select:focus, textarea:focus, button:focus { outline: 3px solid #1f6feb; outline-offset: 1px; }
  button { margin-top: 16px; font: inherit; font-weight: 600; padding: 10px 18px; border: 0; border-radius: 6px; background: #0b57d0; color: #fff; cursor: pointer; }
  button[disabled] { opacity: .6; cursor: progress; }
  label.consent { font-weight: 400; display: flex; gap: 8px; align-items: flex-start; } label.consent input { width: auto; margin-top: 4px; }
  .trap { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
  .result { margin-top: 16px; padding: 12px; border-radius: 6px; }
  .result:empty { display: none; }
  .ok { background: #e6f4ea; border: 1px solid #34a853; } .err { background: #fce8e6; border: 1px solid #d93025; }
  .code { font-family: ui-monospace, monospace; font-size: 1.2rem; letter-spacing: .05em; }
  ol.answers { padding-left: 20px; }
`;

function layout(title: string, body: string, script = ''): string {
  return `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main>${script ? `<script>${script}</script>` : ''}</body></html>`;
}

export function receiptHtml(r: WidgetReceipt): string {
  return `<p><strong>Обращение зарегистрировано.</strong> Номер: <span class="code">${escapeHtml(r.caseNumber)}</span>.</p>${
    r.code
      ? `<p>Код для проверки статуса: <span class="code">${escapeHtml(r.code)}</span>. Сохраните его: код показывается один раз.</p>`
      : '<p>Это обращение уже было отправлено раньше; используйте код из первого ответа.</p>'
  }
<p>Статус: ${escapeHtml(r.statusLabel)}.</p>`;
}

export function statusHtml(s: WidgetStatus): string {
  const answers = s.answers.length
    ? `<ol class="answers">${s.answers.map((a) => `<li><strong>${a.kind === 'final' ? 'Ответ' : 'Промежуточный ответ'}, ${escapeHtml(moscow(a.at))}:</strong> ${escapeHtml(a.body)}</li>`).join('')}</ol>`
    : '<p>Ответа пока нет.</p>';
  const notices = s.notices
    .map((n) => `<p class="notice"><strong>${escapeHtml(moscow(n.at))}:</strong> ${escapeHtml(n.text)}</p>`)
    .join('');
  const rating = !s.rating
    ? ''
    : s.rating.score !== null
      ? `<p>Ваша оценка ответа: <strong>${s.rating.score}</strong>. Спасибо!</p>`
      : ratingFormHtml('rating', { case: s.caseNumber, code: s.rating.code });
  return `<p>Обращение № <span class="code">${escapeHtml(s.caseNumber)}</span> от ${escapeHtml(moscow(s.receivedAt))}.</p>
<p>Статус: <strong>${escapeHtml(s.statusLabel)}</strong>.${s.organisation ? ` Исполнитель: ${escapeHtml(s.organisation)}.` : ''}${s.finalAnswerDueAt ? ` Срок ответа: ${escapeHtml(moscow(s.finalAnswerDueAt))}.` : ''}</p>${notices}${answers}${rating}`;
}

/** A full page around one result (the no-JavaScript path). */
export function resultPage(title: string, html: string, ok: boolean): string {
  return layout(
    title,
    `<h1>${escapeHtml(title)}</h1><div class="result ${ok ? 'ok' : 'err'}" role="${ok ? 'status' : 'alert'}">${html}</div>
<p><a href="./">Вернуться к форме</a></p>`,
  );
}

const CLIENT_SCRIPT = `
(function () {
  function height() { try { parent.postMessage({ otklikWidgetHeight: document.documentElement.scrollHeight }, '*'); } catch (e) {} }
  function wire(form, box) {
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var button = form.querySelector('button'); button.disabled = true;
      box.className = 'result'; box.textContent = 'Отправка…';
      var data = new FormData(form);
      fetch(form.action, { method: 'POST', body: form.enctype === 'multipart/form-data' ? data : new URLSearchParams(data), headers: { accept: 'application/json' } })
        .then(function (res) { return res.json().then(function (body) { return { ok: res.ok, body: body }; }); })
        .then(function (r) {
          box.className = 'result ' + (r.ok ? 'ok' : 'err');
          box.setAttribute('role', r.ok ? 'status' : 'alert');
          box.innerHTML = r.ok ? r.body.html : '';
          if (!r.ok) box.textContent = (r.body.error && r.body.error.message) || 'Не удалось отправить';
          if (r.ok && form.id === 'report') { form.reset(); form.elements.submission_id.value = (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2)); }
          box.focus();
        })
        .catch(function () { box.className = 'result err'; box.textContent = 'Нет связи с сервером. Попробуйте ещё раз.'; })
        .then(function () { button.disabled = false; height(); });
    });
  }
  wire(document.getElementById('report'), document.getElementById('report-result'));
  wire(document.getElementById('lookup'), document.getElementById('lookup-result'));
  window.addEventListener('load', height); window.addEventListener('resize', height); height();
})();
`;

/** The page's own inline code: the only inline code its Content-Security-Policy allows (by hash). */
export const WIDGET_INLINE_CODE = { scripts: [CLIENT_SCRIPT], styles: [STYLE] } as const;

export interface PolicyLink {
  url: string;
  version: string;
}

export function formPage(
  municipalities: readonly MunicipalityRef[],
  source: string | null,
  maxPhotoBytes: number,
  policy: PolicyLink,
): string {
  const options = municipalities
    .map((m) => `<option value="${escapeHtml(m.code)}">${escapeHtml(m.name)}</option>`)
    .join('');
  const mb = Math.round((maxPhotoBytes / (1024 * 1024)) * 10) / 10;
  return layout(
    'Сообщить о проблеме',
    `
<h1>Сообщить о проблеме</h1>
<p class="hint">Обращение получит Центр управления регионом и передаст ответственному органу. Поля со звёздочкой обязательны.</p>
<form id="report" action="messages" method="post" enctype="multipart/form-data" novalidate>
  <input type="hidden" name="submission_id" value="${randomUUID()}">
  ${source ? `<input type="hidden" name="source" value="${escapeHtml(source)}">` : ''}
  <label for="text">Что случилось? *</label>
  <textarea id="text" name="text" required minlength="10" maxlength="5000" aria-describedby="text-hint"></textarea>
  <span id="text-hint" class="hint">Опишите проблему: что, где и с какого времени.</span>
  <label for="address">Адрес или место</label>
  <input id="address" name="address" maxlength="500" autocomplete="street-address">
  <label for="municipality">Город или округ</label>
  <select id="municipality" name="municipality"><option value="">— определить по адресу —</option>${options}</select>
  <label for="photo">Фото <span class="hint">(JPEG, PNG, WebP или HEIC, до ${mb} МБ)</span></label>
  <input id="photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp,image/heic">
  <label for="name">Как к вам обращаться</label>
  <input id="name" name="name" maxlength="200" autocomplete="name">
  <label for="contact">Телефон или e-mail для ответа</label>
  <input id="contact" name="contact" maxlength="200" autocomplete="email">
  <label class="consent"><input type="checkbox" name="${CONSENT_FIELD}" value="yes" required>
    Я согласен(на) на обработку моих персональных данных, указанных в обращении, в соответствии с
    <a href="${escapeHtml(policy.url)}" target="_blank" rel="noopener">политикой обработки персональных данных</a>
    (редакция ${escapeHtml(policy.version)}) *</label>
  <div class="trap" aria-hidden="true"><label for="${HONEYPOT_FIELD}">Не заполняйте это поле</label>
    <input id="${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" tabindex="-1" autocomplete="off"></div>
  <button type="submit">Отправить обращение</button>
  <div id="report-result" class="result" tabindex="-1" aria-live="polite"></div>
</form>
<h2>Проверить статус</h2>
<form id="lookup" action="status" method="post" novalidate>
  <label for="case">Номер обращения *</label>
  <input id="case" name="case" inputmode="numeric" required autocomplete="off">
  <label for="code">Код из квитанции *</label>
  <input id="code" name="code" required autocomplete="off">
  <button type="submit">Проверить</button>
  <div id="lookup-result" class="result" tabindex="-1" aria-live="polite"></div>
</form>`,
    CLIENT_SCRIPT,
  );
}

/** The script snippet for sites: inserts the widget's iframe where the script tag stands and follows its height. */
export function embedScript(widgetUrl: string): string {
  return `(function () {
  var me = document.currentScript; if (!me) return;
  var src = ${JSON.stringify(widgetUrl)} + (me.dataset.source ? '?source=' + encodeURIComponent(me.dataset.source) : '');
  var frame = document.createElement('iframe');
  frame.src = src; frame.title = 'Форма обращения в Центр управления регионом'; frame.loading = 'lazy';
  frame.style.cssText = 'width:100%;min-height:760px;border:0;';
  me.parentNode.insertBefore(frame, me.nextSibling);
  window.addEventListener('message', function (ev) {
    if (ev.source === frame.contentWindow && ev.data && typeof ev.data.otklikWidgetHeight === 'number') frame.style.height = ev.data.otklikWidgetHeight + 'px';
  });
})();
`;
}

/** The built-in processing policy page (used while OTKLIK_PRIVACY_POLICY_URL points to it). */
export function policyPage(operator: string, version: string): string {
  return layout(
    'Политика обработки персональных данных',
    `
<h1>Политика обработки персональных данных</h1>
<p class="hint">Редакция ${escapeHtml(version)}</p>
<p>Оператор персональных данных — ${escapeHtml(operator)}. Обрабатываются данные, которые вы указали в обращении:
имя, телефон или адрес электронной почты, адрес и сведения в тексте обращения и на фото.</p>
<p>Цель обработки — рассмотрение обращения и ответ на него (Федеральный закон от 02.05.2006 № 59-ФЗ), передача обращения
в орган власти или организацию, ответственные за решение вопроса. Данные доступны только сотрудникам, которые рассматривают
обращение; каждый просмотр записывается в журнал.</p>
<p>Срок хранения — до завершения рассмотрения обращения и срока хранения, установленного для обращений; затем данные
уничтожаются. Вы можете отозвать согласие и потребовать уничтожения данных, обратившись к оператору с номером обращения.</p>`,
  );
}
