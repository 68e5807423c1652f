import { DEADLINE_STATES } from '../../../shared/api/cases';
import { isCaseStatus } from '../../../shared/cases/case-status';
import { CHANNELS, CHANNEL_LABELS, isChannel } from '../../../shared/deadlines/channels';
import type { CaseQuery } from '../api/case-query';
import { DEADLINE_FILTER_LABELS, PRIORITIES, PRIORITY_LABELS, type Priority } from '../common/labels';
import { SelectField } from '../common/select-field';
import { useReference } from '../reference/reference-context';
import { SearchField } from './search-field';
import { StatusPicker } from './status-picker';

interface Props {
  query: CaseQuery;
  onChange: (patch: CaseQuery) => void;
  onReset: () => void;
  /** Organisation-scoped lists (the desk) hide the organisation filter. */
  hideOrganisation?: boolean;
}

export function FilterBar({ query, onChange, onReset, hideOrganisation }: Props) {
  const { ref, categoriesOf } = useReference();
  const blocks = query.block ?? [];
  const singleBlock = blocks.length === 1 ? blocks[0] : undefined;
  const categoryGroups = (singleBlock ? ref.blocks.filter((b) => b.code === singleBlock) : ref.blocks).map((b) => ({
    label: b.name,
    options: categoriesOf(b.code).map((c) => ({ value: `${b.code}.${c.code}`, label: c.name })),
  }));

  const changeBlock = (next: string[]) => {
    // Keep only the categories that still belong to the chosen blocks.
    const keep = (query.category ?? []).filter((c) => next.length === 0 || next.some((b) => c.startsWith(`${b}.`)));
    onChange({ block: next, category: keep });
  };
  const changeCategory = (next: string[]) => {
    const block = next[0]?.split('.')[0];
    onChange(block && blocks.length === 0 ? { category: next, block: [block] } : { category: next });
  };

  return (
    <form className="filters" role="search" aria-label="Фильтры обращений" onSubmit={(e) => e.preventDefault()}>
      <SearchField value={query.q ?? ''} onCommit={(q) => onChange({ q: q || undefined })} />
      <SelectField label="Отраслевой блок" values={blocks} onChange={changeBlock}
        options={ref.blocks.map((b) => ({ value: b.code, label: b.name }))} />
      <SelectField label="Категория" values={query.category} onChange={changeCategory} groups={categoryGroups}
        allLabel={singleBlock ? 'Все категории блока' : 'Все'} />
      <SelectField label="Муниципалитет" values={query.municipality} onChange={(v) => onChange({ municipality: v })}
        options={[...ref.municipalities].sort((a, b) => a.shortName.localeCompare(b.shortName, 'ru'))
          .map((m) => ({ value: m.code, label: m.shortName }))} />
      {!hideOrganisation && (
        <SelectField label="Исполнитель" values={query.organisation?.map(String)}
          onChange={(v) => onChange({ organisation: v.map(Number) })}
          options={[...ref.organisations].sort((a, b) => a.name.localeCompare(b.name, 'ru'))
            .map((o) => ({ value: String(o.id), label: o.shortName ?? o.name }))} />
      )}
      <StatusPicker values={query.status} onChange={(v) => onChange({ status: v.filter(isCaseStatus) })} />
      <SelectField label="Канал" values={query.channel} onChange={(v) => onChange({ channel: v.filter(isChannel) })}
        options={CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))} />
      <SelectField label="Срок ответа" values={query.deadline ? [query.deadline] : []}
        onChange={(v) => onChange({ deadline: DEADLINE_STATES.find((d) => d === v[0]) })}
        options={DEADLINE_STATES.map((d) => ({ value: d, label: DEADLINE_FILTER_LABELS[d] }))} />
      <SelectField label="Приоритет" values={query.priority} onChange={(v) => onChange({ priority: v.filter(isPriority) })}
        options={PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }))} />
      <fieldset className="field period">
        <legend>Период поступления</legend>
        <label className="visually-hidden" htmlFor="filter-from">Период: с</label>
        <input id="filter-from" type="date" lang="ru" value={query.from ?? ''} max={query.to}
          onChange={(e) => onChange({ from: e.target.value || undefined })} />
        <span aria-hidden="true">—</span>
        <label className="visually-hidden" htmlFor="filter-to">Период: по</label>
        <input id="filter-to" type="date" lang="ru" value={query.to ?? ''} min={query.from}
          onChange={(e) => onChange({ to: e.target.value || undefined })} />
      </fieldset>
      <div className="field filters-reset">
        <button type="button" className="btn" onClick={onReset}>Сбросить фильтры</button>
      </div>
    </form>
  );
}

function isPriority(v: string): v is Priority {
  return (PRIORITIES as readonly string[]).includes(v);
}
