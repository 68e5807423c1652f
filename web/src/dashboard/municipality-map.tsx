// The municipal units drawn by their real boundaries (OpenStreetMap, ODbL; the GeoJSON shipped with the server's
// places, loaded on first use and registered with ECharts' registerMap: no tile server, works offline) as a
// choropleth of cases per 10,000 residents or of counts; a click on a unit opens its cases, a click on a point (a
// case whose channel gave coordinates) opens that case. The table below carries the same figures as links.
import { useEffect, useMemo, useState } from 'react';
import type { CasePoints } from '../../../shared/api/analytics';
import type { Vote } from '../../../shared/api/votes';
import { formatNumber } from '../common/format';
import { navigate } from '../router/router';
import { toSearchParams } from '../api/case-params';
import type { PlaceFigure } from './analytics-source';
import { EChart, type ChartOption } from './lazy-echart';
import { useNearScreen } from '../common/use-near-screen';
import { FigureTable } from './figure-table';

const MAP = 'otklik-municipal-units';
export const BOUNDARIES_ATTRIBUTION =
  'Границы © участники OpenStreetMap, ODbL 1.0; выгрузка T. Nazarov (github.com/timurkanaz/Russia_geojson_OSM)';

let registered: Promise<void> | null = null;
function loadBoundaries(): Promise<void> {
  registered ??= Promise.all([
    import('echarts/core'),
    // registerMap does nothing until the geo component is installed (echart.tsx's use() does, when evaluated)
    import('./echart'),
    import('../../../server/features/places/geo/yaroslavl-municipalities.geo.json'),
  ])
    .then(([echarts, , m]) =>
      echarts.registerMap(MAP, m.default as unknown as Parameters<typeof echarts.registerMap>[1]),
    )
    .catch((error: unknown) => {
      registered = null;
      throw error;
    });
  return registered;
}

type Measure = 'rate' | 'count';
const rateOf = (p: PlaceFigure): number | null =>
  p.population ? Math.round((p.count / p.population) * 100_000) / 10 : null;

export function MunicipalityMap({
  places,
  points,
  votes = [],
}: {
  places: readonly PlaceFigure[];
  points: CasePoints | null;
  votes?: readonly Vote[];
}) {
  const placedVotes = useMemo(() => votes.filter((v) => v.lat !== null && v.lon !== null), [votes]);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  // the outlines (and ECharts) load when the map comes near the screen, not while the bars above are drawn
  const [box, near] = useNearScreen<HTMLParagraphElement>();
  const withPopulation = places.length > 0 && places.every((p) => p.population);
  const [measure, setMeasure] = useState<Measure>(withPopulation ? 'rate' : 'count');
  useEffect(() => {
    if (!near) return undefined;
    let live = true;
    loadBoundaries().then(
      () => {
        if (live) setState('ready');
      },
      () => {
        if (live) setState('failed');
      },
    );
    return () => {
      live = false;
    };
  }, [near]);
  const value = (p: PlaceFigure): number => (measure === 'rate' ? (rateOf(p) ?? 0) : p.count);
  const option = useMemo((): ChartOption => {
    const values = places.map(value);
    const layout = { layoutCenter: ['50%', '50%'] as [string, string], layoutSize: '96%', aspectScale: 0.55 };
    return {
      tooltip: { trigger: 'item' },
      geo: {
        map: MAP,
        nameProperty: 'short_name',
        roam: false,
        silent: true,
        itemStyle: { areaColor: 'transparent', borderColor: 'transparent' },
        ...layout,
      },
      visualMap: {
        type: 'continuous',
        min: 0,
        max: Math.max(1, ...values),
        seriesIndex: 0,
        left: 8,
        bottom: 8,
        calculable: false,
        text: [measure === 'rate' ? 'на 10 тыс. жителей' : 'обращений', ''],
        inRange: { color: ['#e8f0fa', '#1d4f91'] },
      },
      series: [
        {
          type: 'map',
          map: MAP,
          nameProperty: 'short_name',
          roam: false,
          selectedMode: false,
          ...layout,
          itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
          emphasis: { label: { show: true } },
          label: { show: false },
          data: places.map((p) => ({ name: p.label, value: value(p) })),
          tooltip: {
            valueFormatter: (v) =>
              measure === 'rate' ? `${formatNumber(Number(v))} на 10 тыс.` : formatNumber(Number(v)),
          },
        },
        {
          type: 'scatter',
          coordinateSystem: 'geo',
          geoIndex: 0,
          symbolSize: 5,
          itemStyle: { color: '#c0392b', opacity: 0.75 },
          data: (points?.points ?? []).map((pt) => ({ name: `Обращение № ${pt.id}`, value: [pt.lon, pt.lat] })),
        },
        {
          // votes and discussions at their municipality's centre; a decision met by a rise of complaints is red
          type: 'scatter',
          coordinateSystem: 'geo',
          geoIndex: 0,
          symbol: 'pin',
          symbolSize: 26,
          data: placedVotes.map((v) => ({
            name: `${v.title}: обращений до решения ${v.complaints.before}, после ${v.complaints.after}${v.complaints.conflict ? ' — рост жалоб' : ''}`,
            value: [v.lon ?? 0, v.lat ?? 0],
            itemStyle: { color: v.complaints.conflict ? '#b3261e' : '#2e7d32' },
          })),
        },
      ],
    };
  }, [places, points, measure, placedVotes]);

  if (places.length === 0) return <p className="muted">Нет муниципалитетов в справочнике.</p>;
  const openPlace = (name: string) => {
    const place = places.find((p) => p.label === name);
    if (place) navigate('/inbox', toSearchParams(place.query));
  };
  return (
    <>
      <div className="list-toolbar" role="group" aria-label="Что показывает цвет">
        <button
          type="button"
          className={`btn btn-small${measure === 'rate' ? ' btn-pressed' : ''}`}
          aria-pressed={measure === 'rate'}
          disabled={!withPopulation}
          onClick={() => setMeasure('rate')}
        >
          На 10 тыс. жителей
        </button>
        <button
          type="button"
          className={`btn btn-small${measure === 'count' ? ' btn-pressed' : ''}`}
          aria-pressed={measure === 'count'}
          onClick={() => setMeasure('count')}
        >
          Число обращений
        </button>
      </div>
      {state === 'failed' ? (
        <p className="muted">Не удалось загрузить границы округов: цифры — в таблице ниже.</p>
      ) : state === 'loading' ? (
        <p className="muted" ref={box}>
          Загрузка границ…
        </p>
      ) : (
        <EChart
          option={option}
          height={460}
          label="Карта обращений по муниципальным образованиям Ярославской области"
          onSelect={(i, item) => {
            if (item.seriesIndex === 1) {
              const pt = points?.points[i];
              if (pt) navigate(`/cases/${pt.id}`);
            } else if (item.seriesIndex === 2) navigate('/comms/votes');
            else if (item.name) openPlace(item.name);
          }}
          onRegion={openPlace}
        />
      )}
      <p className="muted small">
        Цвет —{' '}
        {measure === 'rate'
          ? 'обращений на 10 тыс. жителей (население — справочник муниципалитетов)'
          : 'число обращений'}
        ; точки — обращения с координатами{points?.truncated ? ' (показаны последние)' : ''}
        {placedVotes.length
          ? `; метки — голосования и обсуждения (${placedVotes.length}), красные — рост жалоб после решения`
          : ''}
        . {BOUNDARIES_ATTRIBUTION}.
      </p>
      <FigureTable
        figures={[...places].sort((a, b) => b.count - a.count)}
        caption="Обращения по муниципалитетам"
        heading="Муниципалитет"
      />
    </>
  );
}
