// A thin ECharts wrapper: SVG renderer (crisp, no canvas fonts), resizes with its box, click → callback.
import {
  BarChart,
  MapChart,
  PieChart,
  ScatterChart,
  type BarSeriesOption,
  type MapSeriesOption,
  type PieSeriesOption,
  type ScatterSeriesOption,
} from 'echarts/charts';
import {
  GeoComponent,
  GridComponent,
  TooltipComponent,
  VisualMapComponent,
  type GeoComponentOption,
  type GridComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([
  BarChart,
  PieChart,
  MapChart,
  ScatterChart,
  GridComponent,
  TooltipComponent,
  GeoComponent,
  VisualMapComponent,
  SVGRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | PieSeriesOption
  | MapSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | GeoComponentOption
  | VisualMapComponentOption
>;

/** What was clicked: a data item of a series (index, series) or a region of a map (its name). */
export interface ChartItem {
  dataIndex: number | null;
  seriesIndex: number | null;
  name: string | null;
}

interface Props {
  option: ChartOption;
  /** Called with the clicked data index (and the item: series, region name). */
  onSelect?: (index: number, item: ChartItem) => void;
  /** Called for a click on a map region that has no data item. */
  onRegion?: (name: string) => void;
  /** Text alternative: what the chart shows (the data itself is in the table next to it). */
  label: string;
  height: number;
}

export function EChart({ option, onSelect, onRegion, label, height }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;
  const regionRef = useRef(onRegion);
  regionRef.current = onRegion;

  const optionRef = useRef(option);
  optionRef.current = option;

  // Drawn when the box comes near the screen: a dashboard opens without paying for the charts below the fold.
  useEffect(() => {
    const box = el.current;
    if (!box) return undefined;
    let instance: ECharts | null = null;
    const resize = new ResizeObserver(() => instance?.resize());
    const draw = () => {
      if (instance) return;
      instance = init(box, undefined, { renderer: 'svg' });
      chart.current = instance;
      instance.on('click', (params) => {
        const name = typeof params.name === 'string' ? params.name : null;
        if (typeof params.dataIndex === 'number') {
          selectRef.current?.(params.dataIndex, {
            dataIndex: params.dataIndex,
            seriesIndex: params.seriesIndex ?? null,
            name,
          });
        } else if (name) regionRef.current?.(name);
      });
      instance.setOption(optionRef.current, { notMerge: true });
      resize.observe(box);
    };
    const visible = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          visible.disconnect();
          draw();
        }
      },
      { rootMargin: '200px' },
    );
    visible.observe(box);
    return () => {
      visible.disconnect();
      resize.disconnect();
      instance?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={el} className="chart" style={{ height }} role="img" aria-label={label} />;
}
