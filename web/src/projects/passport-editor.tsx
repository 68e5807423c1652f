// The passport form: the fields of ПП ЯО №44-п section III. Lists are edited one item a line (passport-text.ts);
// each indicator has its calculation method and either hand-entered facts or a platform figure, and a plan by year
// and month. The server validates everything again and answers with what is wrong.
import { useState } from 'react';
import {
  PLATFORM_FIGURE_LABELS,
  PLATFORM_FIGURES,
  type Passport,
  type PassportIndicator,
  type PlatformFigure,
} from '../../../shared/api/projects';
import { FormMessage } from '../common/states';
import {
  controlPointsText,
  lines,
  LineError,
  parseControlPoints,
  parsePlan,
  parseResults,
  parseTeam,
  planText,
  resultsText,
  teamText,
} from './passport-text';

interface IndicatorForm {
  code: string;
  title: string;
  unit: string;
  direction: 'up' | 'down';
  method: string;
  source: 'manual' | PlatformFigure;
  categoryCode: string;
  municipalityId: string;
  plan: string;
}

const toIndicatorForm = (i: PassportIndicator): IndicatorForm => ({
  code: i.code,
  title: i.title,
  unit: i.unit,
  direction: i.direction,
  method: i.method,
  source: i.source.kind === 'manual' ? 'manual' : i.source.figure,
  categoryCode: i.source.kind === 'platform' ? (i.source.categoryCode ?? '') : '',
  municipalityId:
    i.source.kind === 'platform' && i.source.municipalityId !== null ? String(i.source.municipalityId) : '',
  plan: planText(i.plan),
});

function fromIndicatorForm(f: IndicatorForm): PassportIndicator {
  const muni = f.municipalityId.trim();
  if (muni && !/^\d+$/.test(muni)) throw new LineError(`Показатель ${f.code}: код муниципалитета — число`);
  return {
    code: f.code.trim(),
    title: f.title,
    unit: f.unit,
    direction: f.direction,
    method: f.method,
    plan: parsePlan(f.plan),
    source:
      f.source === 'manual'
        ? { kind: 'manual' }
        : {
            kind: 'platform',
            figure: f.source,
            categoryCode: f.categoryCode.trim() || null,
            municipalityId: muni ? Number(muni) : null,
          },
  };
}

const EMPTY_INDICATOR: IndicatorForm = {
  code: '',
  title: '',
  unit: '',
  direction: 'up',
  method: '',
  source: 'manual',
  categoryCode: '',
  municipalityId: '',
  plan: '',
};

type TextFields =
  | 'name'
  | 'goals'
  | 'socialResults'
  | 'successCriteria'
  | 'risks'
  | 'curator'
  | 'head'
  | 'administrator'
  | 'controlPoints'
  | 'team'
  | 'results';

function toForm(p: Passport): Record<TextFields, string> {
  return {
    name: p.name,
    goals: p.goals.join('\n'),
    socialResults: p.socialResults.join('\n'),
    successCriteria: p.successCriteria.join('\n'),
    risks: p.risks.join('\n'),
    curator: p.curator,
    head: p.head,
    administrator: p.administrator,
    controlPoints: controlPointsText(p.controlPoints),
    team: teamText(p.team),
    results: resultsText(p.results),
  };
}

export const EMPTY_PASSPORT: Passport = {
  name: '',
  goals: [],
  socialResults: [],
  indicators: [],
  results: [],
  controlPoints: [],
  curator: '',
  head: '',
  administrator: '',
  team: [],
  risks: [],
  successCriteria: [],
};

const FIELDS: { key: TextFields; label: string; hint?: string; rows?: number }[] = [
  { key: 'name', label: 'Наименование проекта' },
  { key: 'goals', label: 'Цели', hint: 'по одной в строке', rows: 3 },
  { key: 'socialResults', label: 'Общественно значимые результаты', hint: 'по одному в строке', rows: 3 },
  { key: 'results', label: 'Результаты по годам', hint: 'год; значение; единица; результат', rows: 3 },
  { key: 'controlPoints', label: 'Контрольные точки', hint: 'ДД.ММ.ГГГГ Название', rows: 4 },
  { key: 'curator', label: 'Куратор' },
  { key: 'head', label: 'Руководитель' },
  { key: 'administrator', label: 'Администратор' },
  { key: 'team', label: 'Команда', hint: 'Имя; роль; доля рабочего времени, %', rows: 3 },
  { key: 'risks', label: 'Риски', hint: 'по одному в строке', rows: 2 },
  { key: 'successCriteria', label: 'Критерии успешности', hint: 'по одному в строке', rows: 2 },
];

export function PassportEditor({
  initial,
  submitLabel,
  onSave,
  onCancel,
}: {
  initial: Passport;
  submitLabel: string;
  onSave: (p: Passport, comment: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [form, setForm] = useState(() => toForm(initial));
  const [indicators, setIndicators] = useState(() => initial.indicators.map(toIndicatorForm));
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function save(): Promise<void> {
    setError(null);
    let passport: Passport;
    try {
      passport = {
        name: form.name.trim(),
        goals: lines(form.goals),
        socialResults: lines(form.socialResults),
        successCriteria: lines(form.successCriteria),
        risks: lines(form.risks),
        curator: form.curator.trim(),
        head: form.head.trim(),
        administrator: form.administrator.trim(),
        controlPoints: parseControlPoints(form.controlPoints),
        team: parseTeam(form.team),
        results: parseResults(form.results),
        indicators: indicators.map(fromIndicatorForm),
      };
    } catch (e) {
      setError(e);
      return;
    }
    setBusy(true);
    try {
      await onSave(passport, comment);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const setInd = (i: number, patch: Partial<IndicatorForm>) =>
    setIndicators((list) => list.map((x, j) => (j === i ? { ...x, ...patch } : x)));

  return (
    <form
      className="panel passport-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {FIELDS.map((f) => (
        <label key={f.key} className="field">
          <span>
            {f.label}
            {f.hint && <span className="muted small"> ({f.hint})</span>}
          </span>
          {f.rows ? (
            <textarea
              rows={f.rows}
              value={form[f.key]}
              onChange={(e) => setForm({ ...form, [f.key]: e.target.value })}
            />
          ) : (
            <input value={form[f.key]} onChange={(e) => setForm({ ...form, [f.key]: e.target.value })} />
          )}
        </label>
      ))}
      <fieldset>
        <legend>Показатели</legend>
        {indicators.map((ind, i) => (
          <fieldset key={i} className="indicator-form">
            <legend>Показатель {i + 1}</legend>
            <label className="inline-field">
              Код <input value={ind.code} onChange={(e) => setInd(i, { code: e.target.value })} size={12} />
            </label>{' '}
            <label className="inline-field">
              Наименование <input value={ind.title} onChange={(e) => setInd(i, { title: e.target.value })} size={40} />
            </label>{' '}
            <label className="inline-field">
              Единица <input value={ind.unit} onChange={(e) => setInd(i, { unit: e.target.value })} size={6} />
            </label>{' '}
            <label className="inline-field">
              Лучше, когда
              <select
                value={ind.direction}
                onChange={(e) => setInd(i, { direction: e.target.value === 'down' ? 'down' : 'up' })}
              >
                <option value="up">больше</option>
                <option value="down">меньше</option>
              </select>
            </label>
            <label className="field">
              Методика расчёта <input value={ind.method} onChange={(e) => setInd(i, { method: e.target.value })} />
            </label>
            <label className="inline-field">
              Источник факта
              <select
                value={ind.source}
                onChange={(e) => setInd(i, { source: e.target.value as IndicatorForm['source'] })}
              >
                <option value="manual">вносится вручную</option>
                {PLATFORM_FIGURES.map((f) => (
                  <option key={f} value={f}>
                    по данным платформы: {PLATFORM_FIGURE_LABELS[f]}
                  </option>
                ))}
              </select>
            </label>
            {ind.source === 'case_volume' && (
              <>
                {' '}
                <label className="inline-field">
                  Код категории{' '}
                  <input
                    value={ind.categoryCode}
                    onChange={(e) => setInd(i, { categoryCode: e.target.value })}
                    size={12}
                  />
                </label>{' '}
                <label className="inline-field">
                  Код муниципалитета (id){' '}
                  <input
                    value={ind.municipalityId}
                    onChange={(e) => setInd(i, { municipalityId: e.target.value })}
                    size={5}
                  />
                </label>
              </>
            )}
            <label className="field">
              План{' '}
              <span className="muted small">
                («ГГГГ: значение» на год, «ГГГГ-ММ: значение» на месяц, по одному в строке)
              </span>
              <textarea rows={3} value={ind.plan} onChange={(e) => setInd(i, { plan: e.target.value })} />
            </label>
            <button
              type="button"
              className="btn btn-link"
              onClick={() => setIndicators((list) => list.filter((_, j) => j !== i))}
            >
              Удалить показатель
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          className="btn"
          onClick={() => setIndicators((list) => [...list, { ...EMPTY_INDICATOR }])}
        >
          Добавить показатель
        </button>
      </fieldset>
      <label className="field">
        Комментарий к редакции <input value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      <FormMessage error={error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {submitLabel}
        </button>{' '}
        <button type="button" className="btn" onClick={onCancel} disabled={busy}>
          Отмена
        </button>
      </div>
    </form>
  );
}
