/* eslint-disable @typescript-eslint/no-unnecessary-type-assertion -- the assertions give useForm the state type it infers (the rule misreads inference from them) */
// Recording a check of a required element of a page (the government mark, the ПОС widget, contacts, description)
// with its date (ДД.ММ.ГГГГ) and evidence: a link, a screenshot's name or a description.
import type { FormEvent } from 'react';
import { PAGE_ELEMENT_LABELS, PAGE_ELEMENTS, type Page, type PageElement } from '../../../shared/api/public-pages';
import { moscowIsoDate } from '../common/format';
import { RuDateInput } from '../common/ru-date-input';
import { FormMessage } from '../common/states';
import { recordCheck } from './comms-api';
import { useForm } from './use-form';

export function CheckForm({ pages, onSaved }: { pages: Page[]; onSaved: () => void }) {
  const { f, set, error, busy, done, fail, run } = useForm({
    pageId: '',
    element: 'gov_mark' as PageElement,
    passed: true,
    checkedOn: moscowIsoDate(new Date()) as string | undefined,
    evidence: '',
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checkedOn = f.checkedOn;
    if (!checkedOn) {
      fail('Укажите дату проверки в формате ДД.ММ.ГГГГ');
      return;
    }
    run(
      () => recordCheck(Number(f.pageId), { element: f.element, passed: f.passed, checkedOn, evidence: f.evidence }),
      () => {
        set({ evidence: '' });
        onSaved();
      },
      'Проверка записана',
    );
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="check-form-title">
      <h2 id="check-form-title">Проверка обязательного элемента</h2>
      <div className="form-grid">
        <label className="field">
          Страница
          <select required value={f.pageId} onChange={(e) => set({ pageId: e.target.value })}>
            <option value="">— выберите —</option>
            {pages.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title} ({p.organisation})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Элемент
          <select value={f.element} onChange={(e) => set({ element: e.target.value as PageElement })}>
            {PAGE_ELEMENTS.map((x) => (
              <option key={x} value={x}>
                {PAGE_ELEMENT_LABELS[x]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Результат
          <select value={f.passed ? 'yes' : 'no'} onChange={(e) => set({ passed: e.target.value === 'yes' })}>
            <option value="yes">Есть</option>
            <option value="no">Нет</option>
          </select>
        </label>
        <RuDateInput label="Дата проверки" value={f.checkedOn} onCommit={(checkedOn) => set({ checkedOn })} />
        <label className="field">
          Подтверждение
          <input
            required
            minLength={3}
            maxLength={2000}
            placeholder="ссылка или снимок экрана"
            value={f.evidence}
            onChange={(e) => set({ evidence: e.target.value })}
          />
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Записать проверку
        </button>
      </div>
      <FormMessage error={error} success={done} />
    </form>
  );
}
