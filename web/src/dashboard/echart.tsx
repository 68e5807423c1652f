// A thin ECharts wrapper: SVG renderer (crisp, no canvas fonts), resizes with its box, click → callback.
import { BarChart, PieChart, type BarSeriesOption, type PieSeriesOption } from 'echarts/charts';
import { GridComponent, TooltipComponent, type GridComponentOption, type TooltipComponentOption } from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([BarChart, PieChart, GridComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | PieSeriesOption | GridComponentOption | TooltipComponentOption>;

interface Props {
  option: ChartOption;
  /** Called with the clicked data index. */
  onSelect?: (index: number) => void;
  /** Text alternative: what the chart shows (the data itself is in the table next to it). */
  label: string;
  height: number;
}

export function EChart({ option, onSelect, label, height }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;

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
        if (typeof params.dataIndex === 'number') selectRef.current?.(params.dataIndex);
      });
      instance.setOption(optionRef.current, { notMerge: true });
      resize.observe(box);
    };
    const visible = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) { visible.disconnect(); draw(); }
    }, { rootMargin: '200px' });
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
