import type { Kpi, KpiFormula } from '../../../shared/api/kpi';
import type { Evaluation } from './evaluate-kpi';
import { KPI_FORMULA_REGISTRY } from './kpi-formulas';
import type { KpiRow } from './kpi.repository';

export function presentKpi(row: KpiRow, on: string, e: Evaluation): Kpi {
  const formula = row.formula ? (row.formula as KpiFormula) : null;
  return {
    id: row.id,
    code: row.code,
    kind: row.kind === 'mandatory' ? 'mandatory' : 'additional',
    title: row.title,
    federalResult: row.federal_result,
    unit: row.unit,
    direction: row.direction === 'down' ? 'down' : 'up',
    formula,
    formulaLabel: formula ? KPI_FORMULA_REGISTRY[formula].label : null,
    qualitative: row.qualitative,
    quantitative: row.quantitative,
    responsible: row.responsible,
    deadline: row.deadline,
    isExample: row.is_example,
    targets: row.targets,
    on,
    target: e.target,
    value: e.value,
    status: e.status,
    statusReason: e.statusReason,
  };
}
