// ECharts (about 600 kB of code) loaded only when a chart that needs it comes near the screen: the first screens —
// the inbox and the bars of the dashboard — open without it, and a chart below the fold does not load, compile and
// evaluate the library while the dashboard's first bars are drawn. Until it arrives, an empty box of the chart's
// size keeps the layout.
import { lazy, Suspense, type ComponentProps } from 'react';
import { useNearScreen } from '../common/use-near-screen';
import type { EChart as EChartComponent } from './echart';

export type { ChartItem, ChartOption } from './echart';

const Chart = lazy(() => import('./echart').then((m) => ({ default: m.EChart })));

export function EChart(props: ComponentProps<typeof EChartComponent>) {
  const [box, near] = useNearScreen<HTMLDivElement>();
  const empty = (
    <div
      ref={near ? undefined : box}
      className="chart"
      style={{ height: props.height }}
      role="img"
      aria-label={props.label}
    />
  );
  return near ? (
    <Suspense fallback={empty}>
      <Chart {...props} />
    </Suspense>
  ) : (
    empty
  );
}
