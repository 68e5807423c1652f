// The 19 municipalities as circles at their lat/lon (equirectangular projection corrected for latitude), area
// proportional to the number of cases. Pure SVG: no tiles, works offline; every circle is a focusable link.
import { formatNumber, plural } from '../common/format';
import type { PlaceFigure } from './analytics-source';
import { FigureTable, inboxHref } from './figure-table';
import { placeLabels } from './map-labels';

const W = 560;
const H = 460;
const PAD = 40;

export function MunicipalityMap({ places }: { places: readonly PlaceFigure[] }) {
  if (places.length === 0) return <p className="muted">Нет координат муниципалитетов в справочнике.</p>;
  const lats = places.map((p) => p.lat);
  const lons = places.map((p) => p.lon);
  const minLat = Math.min(...lats);
  const maxLat = Math.max(...lats);
  const minLon = Math.min(...lons);
  const maxLon = Math.max(...lons);
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * k, 0.01);
  const spanY = Math.max(maxLat - minLat, 0.01);
  const scale = Math.min((W - 2 * PAD) / spanX, (H - 2 * PAD) / spanY);
  const x = (lon: number) => PAD + (lon - minLon) * k * scale + ((W - 2 * PAD) - spanX * scale) / 2;
  const y = (lat: number) => PAD + (maxLat - lat) * scale + ((H - 2 * PAD) - spanY * scale) / 2;
  const max = Math.max(1, ...places.map((p) => p.count));
  const radius = (n: number) => (n === 0 ? 4 : 6 + 22 * Math.sqrt(n / max));
  // Draw big circles first so small ones stay clickable on top.
  const ordered = [...places].sort((a, b) => b.count - a.count);
  const labels = placeLabels(ordered.map((p) => ({ key: p.key, x: x(p.lon), y: y(p.lat), r: radius(p.count), text: p.label })), W, H);

  return (
    <>
      <svg className="map" viewBox={`0 0 ${W} ${H}`} role="group" aria-label="Карта обращений по муниципалитетам Ярославской области">
        <rect x="0" y="0" width={W} height={H} className="map-bg" rx="8" />
        {ordered.map((p) => {
          const cx = x(p.lon);
          const cy = y(p.lat);
          const r = radius(p.count);
          const text = `${p.label}: ${formatNumber(p.count)} ${plural(p.count, ['обращение', 'обращения', 'обращений'])}`;
          return (
            <a key={p.key} href={inboxHref(p)} aria-label={text} className="map-point">
              <title>{text}</title>
              <circle cx={cx} cy={cy} r={r} className={p.count === 0 ? 'map-dot map-dot-empty' : 'map-dot'} />
              <text x={labels.get(p.key)?.x ?? cx} y={labels.get(p.key)?.y ?? cy - r - 4} textAnchor={labels.get(p.key)?.anchor ?? 'middle'}
                className="map-label">{p.label}</text>
              {p.count > 0 && <text x={cx} y={cy + 4} textAnchor="middle" className="map-count">{formatNumber(p.count)}</text>}
            </a>
          );
        })}
      </svg>
      <p className="muted small">Точки — административные центры округов; площадь круга пропорциональна числу обращений.</p>
      <FigureTable figures={[...places].sort((a, b) => b.count - a.count)} caption="Обращения по муниципалитетам" />
    </>
  );
}
