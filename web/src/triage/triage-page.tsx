// «Разбор»: cases the classifier or the routing rules could not settle. Pick one, accept or correct the
// classification with a few keystrokes, and the next case opens by itself.
import { useEffect, useState } from 'react';
import type { CaseDetail } from '../../../shared/api/cases';
import type { CaseQuery } from '../api/case-query';
import { hasModifier, isTypingTarget } from '../common/keyboard';
import { formatNumber } from '../common/format';
import { Empty, ErrorState, FormMessage, Loading } from '../common/states';
import { useCaseList } from '../inbox/use-case-list';
import { usePageTitle } from '../layout/page-title';
import { rememberList } from '../router/router';
import { TriageCase } from './triage-case';
import { TriageList } from './triage-list';

const QUERY: CaseQuery = { status: ['triage'], sort: 'priority', pageSize: 50 };

export function TriagePage() {
  usePageTitle('Разбор');
  const list = useCaseList(QUERY, 'triage');
  const items = list.data?.items ?? [];
  const [selected, setSelected] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const current = items.find((i) => i.id === selected) ?? items[0] ?? null;
  const index = current ? items.indexOf(current) : -1;

  useEffect(() => rememberList('К разбору', '/triage', ''), []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (hasModifier(e) || isTypingTarget(e.target)) return;
      const step = e.key === 'j' || e.key === 'о' ? 1 : e.key === 'k' || e.key === 'л' ? -1 : 0;
      const next = step ? items[index + step] : undefined;
      if (next) {
        e.preventDefault();
        setSelected(next.id);
        setNote(null);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [items, index]);

  const onDone = (detail: CaseDetail) => {
    const following = items[index + 1] ?? items[index - 1] ?? null;
    setNote(
      detail.status === 'triage'
        ? `Обращение № ${detail.id}: классификация сохранена, но правило маршрутизации не найдено — выберите исполнителя.`
        : `Обращение № ${detail.id} разобрано: ${detail.blockName ?? ''} → ${detail.categoryName ?? ''}, исполнитель — ${detail.organisation ?? 'не назначен'}.`,
    );
    if (detail.status !== 'triage') setSelected(following?.id ?? null);
    list.reload();
  };

  return (
    <section className="page page-wide" aria-labelledby="triage-title">
      <div className="page-head">
        <h1 id="triage-title">Разбор</h1>
        <p className="muted" aria-live="polite">
          {list.data ? `В очереди: ${formatNumber(list.data.total)}` : ''}
        </p>
        <button type="button" className="btn btn-small" onClick={list.reload} disabled={list.loading}>
          Обновить
        </button>
      </div>
      <p className="muted small">
        Клавиши: <kbd>j</kbd>/<kbd>k</kbd> — следующее/предыдущее обращение, <kbd>1</kbd>–<kbd>3</kbd> — вариант
        классификатора, <kbd>Ctrl</kbd>+<kbd>Enter</kbd> — подтвердить. В списках работает быстрый поиск по первым
        буквам.
      </p>
      <FormMessage success={note} />
      {!list.data && list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading label="Загрузка очереди…" />
      ) : items.length === 0 ? (
        <Empty>
          <p>Очередь разбора пуста — все обращения классифицированы и назначены.</p>
        </Empty>
      ) : (
        <div className="triage-layout">
          <TriageList
            items={items}
            selectedId={current?.id ?? null}
            onSelect={(id) => {
              setSelected(id);
              setNote(null);
            }}
          />
          <div className="panel triage-panel" aria-live="off">
            {current && <TriageCase key={current.id} id={current.id} onDone={onDone} />}
          </div>
        </div>
      )}
    </section>
  );
}
