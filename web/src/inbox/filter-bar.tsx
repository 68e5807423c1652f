import { DEADLINE_STATES, type CaseFacets } from '../../../shared/api/cases';
import { isCaseStatus } from '../../../shared/cases/case-status';
import { CHANNELS, CHANNEL_LABELS, isChannel } from '../../../shared/deadlines/channels';
import type { CaseQuery } from '../api/case-query';
import { DEADLINE_FILTER_LABELS, PRIORITIES, PRIORITY_LABELS, type Priority } from '../common/labels';
import { formatNumber } from '../common/format';
import { RuDateInput } from '../common/ru-date-input';
import { SelectField, type Option } from '../common/select-field';
import { useReference } from '../reference/reference-context';
import { SearchField } from './search-field';
import { StatusPicker } from './status-picker';

interface Props {
  query: CaseQuery;
  onChange: (patch: CaseQuery) => void;
  onReset: () => void;
  /** Organisation-scoped lists (the desk) hide the organisation filter. */
  hideOrganisation?: boolean;
  /** Counts per option from /api/cases/facets; absent while they load. */
  counts?: CaseFacets['facets'] | undefined;
}

/** «ЖКХ (1 204)»: the option's label with the number of cases choosing it would list. */
function counted(options: Option[], counts: { key: string; count: number }[] | undefined): Option[] {
  if (!counts) return options;
  const by = new Map(counts.map((c) => [c.key, c.count]));
  return options.map((o) => ({ ...o, label: `${o.label} (${formatNumber(by.get(o.value) ?? 0)})` }));
}

export function FilterBar({ query, onChange, onReset, hideOrganisation, counts }: Props) {
  const { ref, categoriesOf } = useReference();
  const blocks = query.block ?? [];
  const singleBlock = blocks.length === 1 ? blocks[0] : undefined;
  const categoryGroups = (singleBlock ? ref.blocks.filter((b) => b.code === singleBlock) : ref.blocks).map((b) => ({
    label: b.name,
    options: counted(
      categoriesOf(b.code).map((c) => ({ value: `${b.code}.${c.code}`, label: c.name })),
      counts?.category,
    ),
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
    <form
      className="filters filters-inbox"
      role="search"
      aria-label="Фильтры обращений"
      onSubmit={(e) => e.preventDefault()}
    >
      <SearchField value={query.q ?? ''} onCommit={(q) => onChange({ q: q || undefined })} />
      <SelectField
        label="Отраслевой блок"
        values={blocks}
        onChange={changeBlock}
        options={counted(
          ref.blocks.map((b) => ({ value: b.code, label: b.name })),
          counts?.block,
        )}
      />
      <SelectField
        label="Категория"
        values={query.category}
        onChange={changeCategory}
        groups={categoryGroups}
        allLabel={singleBlock ? 'Все категории блока' : 'Все'}
      />
      <SelectField
        label="Муниципалитет"
        values={query.municipality}
        onChange={(v) => onChange({ municipality: v })}
        options={counted(
          [...ref.municipalities]
            .sort((a, b) => a.shortName.localeCompare(b.shortName, 'ru'))
            .map((m) => ({ value: m.code, label: m.shortName })),
          counts?.municipality,
        )}
      />
      {!hideOrganisation && (
        <SelectField
          label="Исполнитель"
          values={query.organisation?.map(String)}
          onChange={(v) => onChange({ organisation: v.map(Number) })}
          options={counted(
            [...ref.organisations]
              .sort((a, b) => a.name.localeCompare(b.name, 'ru'))
              .map((o) => ({ value: String(o.id), label: o.shortName ?? o.name })),
            counts?.organisation,
          )}
        />
      )}
      <StatusPicker values={query.status} onChange={(v) => onChange({ status: v.filter(isCaseStatus) })} />
      <SelectField
        label="Канал"
        values={query.channel}
        onChange={(v) => onChange({ channel: v.filter(isChannel) })}
        options={counted(
          CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] })),
          counts?.channel,
        )}
      />
      <SelectField
        label="Срок ответа"
        values={query.deadline ? [query.deadline] : []}
        onChange={(v) => onChange({ deadline: DEADLINE_STATES.find((d) => d === v[0]) })}
        options={counted(
          DEADLINE_STATES.map((d) => ({ value: d, label: DEADLINE_FILTER_LABELS[d] })),
          counts?.deadline,
        )}
      />
      <SelectField
        label="Доставка"
        values={query.delivery ? [query.delivery] : []}
        onChange={(v) => onChange({ delivery: v[0] === 'failed' ? 'failed' : undefined })}
        options={[{ value: 'failed', label: 'доставка не удалась' }]}
      />
      <SelectField
        label="Гражданин ответил"
        values={query.citizenReplied ? ['true'] : []}
        onChange={(v) => onChange({ citizenReplied: v[0] === 'true' ? true : undefined })}
        options={counted([{ value: 'true', label: 'написал после ответа' }], counts?.citizenReplied)}
      />
      <SelectField
        label="Приоритет"
        values={query.priority}
        onChange={(v) => onChange({ priority: v.filter(isPriority) })}
        options={counted(
          PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] })),
          counts?.priority,
        )}
      />
      <fieldset className="field period">
        <legend>Период поступления</legend>
        <RuDateInput
          id="filter-from"
          label="Период: с"
          hideLabel
          value={query.from}
          onCommit={(from) => onChange({ from })}
        />
        <span aria-hidden="true">—</span>
        <RuDateInput id="filter-to" label="Период: по" hideLabel value={query.to} onCommit={(to) => onChange({ to })} />
      </fieldset>
      <div className="field filters-reset">
        <button type="button" className="btn" onClick={onReset}>
          Сбросить фильтры
        </button>
      </div>
    </form>
  );
}

function isPriority(v: string): v is Priority {
  return (PRIORITIES as readonly string[]).includes(v);
}
