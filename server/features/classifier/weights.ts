// Weight storage. Each feature row is quantised to 16-bit integers with one scale per row, and kept
// either dense (one value per label) or, when few labels have a non-zero weight, sparse as
// (label, value) pairs. Models keep this packed form in memory too, so serialisation is exact.

export interface PackedWeights {
  /** Row r occupies weights[rowOffsets[r] .. rowOffsets[r+1]): `labels` values, or fewer (label, value) pairs. */
  readonly weights: Int16Array;
  readonly rowOffsets: Uint32Array;
  readonly rowScales: Float32Array;
}

const MAX_Q = 32767;

/**
 * Packs row-major float weights (`labels` per row). Weights below `pruneRatio` of their row's largest
 * magnitude are dropped, which makes rows of rare features sparse at no measurable cost.
 */
export const packRows = (dense: Float32Array, labels: number, pruneRatio: number): PackedWeights => {
  const rows = labels === 0 ? 0 : dense.length / labels;
  const out = new Int16Array(dense.length);
  let length = 0;
  const rowOffsets = new Uint32Array(rows + 1);
  const rowScales = new Float32Array(rows);
  const q = new Int16Array(labels);
  for (let r = 0; r < rows; r += 1) {
    const from = r * labels;
    let max = 0;
    for (let j = 0; j < labels; j += 1) max = Math.max(max, Math.abs(dense[from + j] ?? 0));
    const scale = Math.fround(max / MAX_Q);
    rowScales[r] = scale;
    let nonZero = 0;
    for (let j = 0; j < labels; j += 1) {
      const w = dense[from + j] ?? 0;
      q[j] = scale === 0 || Math.abs(w) < pruneRatio * max ? 0 : Math.round(w / scale);
      if (q[j] !== 0) nonZero += 1;
    }
    if (2 * nonZero < labels) {
      for (let j = 0; j < labels; j += 1) {
        if (q[j] === 0) continue;
        out[length] = j;
        out[length + 1] = q[j] ?? 0;
        length += 2;
      }
    } else {
      out.set(q, length);
      length += labels;
    }
    rowOffsets[r + 1] = length;
  }
  return { weights: out.slice(0, length), rowOffsets, rowScales };
};
