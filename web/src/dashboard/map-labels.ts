// Greedy label placement for the municipality map: biggest places first, each label takes the first spot
// (above, below, right, left of its circle) that does not overlap a label or circle already placed.
export interface LabelInput { key: string; x: number; y: number; r: number; text: string }
export interface PlacedLabel { key: string; x: number; y: number; anchor: 'start' | 'middle' | 'end' }

interface Box { x1: number; y1: number; x2: number; y2: number }
const CHAR_W = 6.2;
const LINE_H = 12;

const overlaps = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

export function placeLabels(points: readonly LabelInput[], width: number, height: number): Map<string, PlacedLabel> {
  const taken: Box[] = points.map((p) => ({ x1: p.x - p.r, y1: p.y - p.r, x2: p.x + p.r, y2: p.y + p.r }));
  const out = new Map<string, PlacedLabel>();
  for (const p of points) {
    const w = p.text.length * CHAR_W;
    const candidates: (PlacedLabel & { box: Box })[] = [
      { key: p.key, x: p.x, y: p.y - p.r - 4, anchor: 'middle', box: { x1: p.x - w / 2, y1: p.y - p.r - 4 - LINE_H, x2: p.x + w / 2, y2: p.y - p.r - 4 } },
      { key: p.key, x: p.x, y: p.y + p.r + LINE_H, anchor: 'middle', box: { x1: p.x - w / 2, y1: p.y + p.r + 1, x2: p.x + w / 2, y2: p.y + p.r + LINE_H + 1 } },
      { key: p.key, x: p.x + p.r + 4, y: p.y + 4, anchor: 'start', box: { x1: p.x + p.r + 4, y1: p.y - LINE_H / 2, x2: p.x + p.r + 4 + w, y2: p.y + LINE_H / 2 } },
      { key: p.key, x: p.x - p.r - 4, y: p.y + 4, anchor: 'end', box: { x1: p.x - p.r - 4 - w, y1: p.y - LINE_H / 2, x2: p.x - p.r - 4, y2: p.y + LINE_H / 2 } },
    ];
    const inside = (b: Box) => b.x1 >= 0 && b.y1 >= 0 && b.x2 <= width && b.y2 <= height;
    const pick = candidates.find((c) => inside(c.box) && !taken.some((b) => overlaps(b, c.box))) ?? candidates[0];
    if (!pick) continue;
    taken.push(pick.box);
    out.set(p.key, { key: pick.key, x: pick.x, y: pick.y, anchor: pick.anchor });
  }
  return out;
}
