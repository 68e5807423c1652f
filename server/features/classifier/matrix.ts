// Compressed sparse rows: the training matrix of TF-IDF vectors.
import type { SparseVector } from './vectorizer';

export interface CsrMatrix {
  readonly rows: number;
  readonly columns: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

export const toCsr = (vectors: readonly SparseVector[], columns: number): CsrMatrix => {
  const indptr = new Int32Array(vectors.length + 1);
  vectors.forEach((v, i) => {
    indptr[i + 1] = (indptr[i] ?? 0) + v.indices.length;
  });
  const total = indptr[vectors.length] ?? 0;
  const indices = new Int32Array(total);
  const values = new Float32Array(total);
  vectors.forEach((v, i) => {
    indices.set(v.indices, indptr[i]);
    values.set(v.values, indptr[i]);
  });
  return { rows: vectors.length, columns, indptr, indices, values };
};
