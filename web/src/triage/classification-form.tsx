// Accept or correct block, category, municipality and organisation. Saving stores a training example for the
// classifier on the server; a case waiting in triage is then routed (by the rules or to the chosen organisation).
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { reclassifyInputSchema, type CaseDetail, type CaseListItem } from '../../../shared/api/cases';
import { caseActions } from '../api/cases-api';
import { FormMessage } from '../common/states';
import { hasModifier, isTypingTarget } from '../common/keyboard';
import { firstIssue, useAction } from '../case/use-action';
import { useReference } from '../reference/reference-context';
import { readClassification } from '../case/classification-panel';
import { ClassificationFields, type ClassificationValue } from './classification-fields';

interface Props {
  item: CaseListItem & { classification?: unknown };
  onDone: (detail: CaseDetail) => void;
  /** Page-wide shortcuts (1–3 pick a suggestion, Ctrl+Enter saves); only one form on a screen should take them. */
  shortcuts?: boolean;
  autoFocus?: boolean;
  /** The screen announces the result itself (triage). */
  quiet?: boolean;
}

export function ClassificationForm({ item, onDone, shortcuts, autoFocus, quiet }: Props) {
  const id = useId();
  const { municipalityByShortName } = useReference();
  const [value, setValue] = useState<ClassificationValue>(() => ({
    block: item.block ?? '',
    category: item.category ?? '',
    municipality: municipalityByShortName(item.municipality)?.code ?? '',
    organisation: item.organisationId !== null ? String(item.organisationId) : '',
  }));
  const action = useAction(onDone, quiet);
  const suggestions = readClassification(item.classification)
    .top.map((t) => {
      const [block = '', category = ''] = t.label.split('.');
      return { block, category, score: t.score };
    })
    .filter((s) => s.block && s.category)
    .slice(0, 3);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const parsed = reclassifyInputSchema.safeParse({
      block: value.block,
      category: value.category,
      municipality: value.municipality || null,
      ...(value.organisation ? { organisationId: Number(value.organisation) } : {}),
    });
    if (!parsed.success)
      return action.fail(value.block && value.category ? firstIssue(parsed.error) : 'Выберите блок и категорию');
    await action.run(() => caseActions.classify(item.id, parsed.data), 'Классификация сохранена');
  };
  const submitRef = useRef(submit);
  submitRef.current = submit;
  const suggestionsRef = useRef(suggestions);
  suggestionsRef.current = suggestions;

  useEffect(() => {
    if (!shortcuts) return undefined;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        void submitRef.current();
        return;
      }
      if (hasModifier(e) || isTypingTarget(e.target)) return;
      const n = Number(e.key);
      const pick = Number.isInteger(n) && n >= 1 ? suggestionsRef.current[n - 1] : undefined;
      if (pick) {
        e.preventDefault();
        setValue((v) => ({ ...v, block: pick.block, category: pick.category }));
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [shortcuts]);

  return (
    <form className="classification-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Классификация и маршрут</h2>
      {suggestions.length > 0 && (
        <div className="suggestions" role="group" aria-label="Варианты классификатора">
          {suggestions.map((s, i) => (
            <button
              key={`${s.block}.${s.category}`}
              type="button"
              aria-keyshortcuts={shortcuts ? String(i + 1) : undefined}
              className={`btn btn-small${s.block === value.block && s.category === value.category ? ' btn-pressed' : ''}`}
              aria-pressed={s.block === value.block && s.category === value.category}
              onClick={() => setValue((v) => ({ ...v, block: s.block, category: s.category }))}
            >
              {shortcuts && <kbd>{i + 1}</kbd>} <Suggestion block={s.block} category={s.category} /> ·{' '}
              {Math.round(s.score * 100)} %
            </button>
          ))}
        </div>
      )}
      <ClassificationFields value={value} onChange={setValue} autoFocus={autoFocus} />
      <FormMessage error={action.error} success={action.success} />
      <button
        type="submit"
        className="btn btn-primary"
        disabled={action.busy}
        aria-keyshortcuts={shortcuts ? 'Control+Enter' : undefined}
      >
        {action.busy ? 'Сохранение…' : 'Подтвердить'}
      </button>
      {shortcuts && <span className="muted small"> Ctrl+Enter</span>}
    </form>
  );
}

function Suggestion({ block, category }: { block: string; category: string }) {
  const { blockName, categoryName } = useReference();
  return (
    <>
      {blockName(block)} → {categoryName(block, category)}
    </>
  );
}
