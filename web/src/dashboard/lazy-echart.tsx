// ECharts (about 600 kB of code) loaded only when a chart that needs it is drawn: the first screens — the inbox and
// the bars of the dashboard — open without it. Until it arrives, an empty box of the chart's size keeps the layout.
import { lazy, Suspense, type ComponentProps } from 'react';
import type { EChart as EChartComponent } from './echart';

export type { ChartItem, ChartOption } from './echart';

const Chart = lazy(() => import('./echart').then((m) => ({ default: m.EChart })));

export function EChart(props: ComponentProps<typeof EChartComponent>) {
  return (
    <Suspense fallback={<div className="chart" style={{ height: props.height }} role="img" aria-label={props.label} />}>
      <Chart {...props} />
    </Suspense>
  );
}
