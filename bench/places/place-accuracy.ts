// Place accuracy on what channels give besides the text:
//  - coordinates: random points inside each municipal unit (sampled over the unit's bounding box and kept when the
//    unit's own polygon contains them, turf on the file directly) must answer that unit through the indexed
//    geography; random points around the region outside every unit, and the centres of neighbouring towns, none;
//  - structured addresses (bench/places/addresses.tsv, hand-written, not used by the tests) through the place finder.
// Run: npx tsx bench/places/place-accuracy.ts [--points=200] [--errors]
import { readFileSync } from 'node:fs';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { createRng } from '../../server/features/demo/prng';
import boundaries from '../../server/features/places/geo/yaroslavl-municipalities.geo.json' with { type: 'json' };
import { findAddressMunicipality, YAROSLAVL_GAZETTEER, YAROSLAVL_GEOGRAPHY as geo } from '../../server/features/places';

type Geometry = Parameters<typeof booleanPointInPolygon>[1];
const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const perUnit = Number(arg('points') ?? 200);
const rng = createRng(12);
const features = boundaries.features as unknown as {
  geometry: Geometry & { coordinates: unknown };
  properties: { name: string };
}[];
const codeByName = new Map(geo.units.map((u) => [u.name, u.code]));
const errors: string[] = [];

function bbox(g: { coordinates: unknown }): [number, number, number, number] {
  const flat = JSON.stringify(g.coordinates).match(/-?\d+(\.\d+)?,-?\d+(\.\d+)?/g) ?? [];
  const pts = flat.map((p) => p.split(',').map(Number) as [number, number]);
  return [
    Math.min(...pts.map((p) => p[0])),
    Math.min(...pts.map((p) => p[1])),
    Math.max(...pts.map((p) => p[0])),
    Math.max(...pts.map((p) => p[1])),
  ];
}
const between = (a: number, b: number): number => a + rng.next() * (b - a);

let inside = 0;
let insideRight = 0;
let located = 0;
let spent = 0;
for (const f of features) {
  const [x0, y0, x1, y1] = bbox(f.geometry);
  const expected = codeByName.get(f.properties.name);
  for (let n = 0; n < perUnit;) {
    const p: [number, number] = [between(x0, x1), between(y0, y1)];
    if (!booleanPointInPolygon(p, f.geometry)) continue;
    n++;
    inside++;
    const t = performance.now();
    const unit = geo.locate(p[1], p[0]);
    spent += performance.now() - t;
    located++;
    if (unit?.code === expected) insideRight++;
    else
      errors.push(
        `точка ${p[1].toFixed(5)}, ${p[0].toFixed(5)} в «${f.properties.name}» → ${unit?.code ?? 'вне области'}`,
      );
  }
}
const all = features.map((f) => bbox(f.geometry));
const [rx0, ry0, rx1, ry1] = [
  Math.min(...all.map((b) => b[0])),
  Math.min(...all.map((b) => b[1])),
  Math.max(...all.map((b) => b[2])),
  Math.max(...all.map((b) => b[3])),
];
let outside = 0;
let outsideRight = 0;
while (outside < perUnit * 5) {
  const p: [number, number] = [between(rx0 - 1, rx1 + 1), between(ry0 - 0.7, ry1 + 0.7)];
  if (features.some((f) => booleanPointInPolygon(p, f.geometry))) continue;
  outside++;
  const unit = geo.locate(p[1], p[0]);
  if (!unit) outsideRight++;
  else errors.push(`точка ${p[1].toFixed(5)}, ${p[0].toFixed(5)} вне области → ${unit.code}`);
}
const towns: [string, number, number][] = [
  ['Кострома', 57.7677, 40.9264],
  ['Иваново', 57.0004, 40.9739],
  ['Вологда', 59.2187, 39.8886],
  ['Тверь', 56.8587, 35.9176],
  ['Владимир', 56.1291, 40.4066],
  ['Кашин', 57.3599, 37.6118],
  ['Нерехта', 57.4536, 40.5729],
  ['Череповец', 59.1226, 37.9035],
  ['Шуя', 56.8529, 41.3886],
  ['Александров', 56.3953, 38.7114],
  ['Кинешма', 57.4425, 42.1689],
  ['Сергиев Посад', 56.3153, 38.1358],
];
const townsRight = towns.filter(([name, lat, lon]) => {
  const unit = geo.locate(lat, lon);
  if (unit) errors.push(`${name} → ${unit.code}`);
  return !unit;
}).length;

const rows = readFileSync(new URL('./addresses.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'));
let addressRight = 0;
for (const row of rows) {
  const [address = '', expected = ''] = row.split('\t');
  const found = findAddressMunicipality(address, YAROSLAVL_GAZETTEER, geo.units)?.code ?? '';
  if (found === expected.trim()) addressRight++;
  else errors.push(`адрес «${address}»: ожидался ${expected || 'никакой'}, найден ${found || 'никакой'}`);
}

const share = (a: number, b: number): string => `${a}/${b} = ${(a / b).toFixed(3)}`;
console.log('Определение места по координатам и адресам');
console.log(
  `  точки внутри округов (${perUnit} на каждый из ${features.length}): ${share(insideRight, inside)}; ${((spent / located) * 1000).toFixed(1)} мкс на точку`,
);
console.log(`  точки вокруг области, вне округов: без муниципалитета ${share(outsideRight, outside)}`);
console.log(`  центры соседних городов: без муниципалитета ${share(townsRight, towns.length)}`);
console.log(`  структурированные адреса: ${share(addressRight, rows.length)}`);
if (process.argv.includes('--errors') || errors.length <= 10)
  for (const e of errors.slice(0, 50)) console.log(`  ${e}`);
