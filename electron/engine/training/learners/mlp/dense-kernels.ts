/**
 * The plain-JavaScript MLP's (js-trainer.ts) inner loops: one matrix product, C = A·Bᵀ,
 * and a transpose. Every product of the forward and backward pass is put in this form
 * (both operands read along contiguous rows), and the product is computed in 4 × 2
 * register tiles: eight running sums in locals, six loads per eight multiply-adds. On
 * V8 this runs at 2–3 G multiply-adds per second on one core against about 0.2 for the
 * naive triple loop; nothing else in the MLP's step is comparable in cost.
 */

/**
 * C (M × N) = A (M × K) · Bᵀ, with B given as N × K, all row-major; `bias` (N), when
 * given, is added to every row.
 */
export function gemmABt(
  A: Float64Array,
  B: Float64Array,
  C: Float64Array,
  M: number,
  N: number,
  K: number,
  bias: Float64Array | null,
): void {
  let i = 0;
  for (; i + 4 <= M; i += 4) rows4(A, B, C, i, N, K, bias);
  for (; i < M; i++) {
    const a = i * K;
    for (let j = 0; j < N; j++) {
      const b = j * K;
      let s = 0;
      for (let k = 0; k < K; k++) s += A[a + k] * B[b + k];
      C[i * N + j] = bias ? s + bias[j] : s;
    }
  }
}

/** Rows i … i + 3 of C, two columns at a time (the last column alone when N is odd). */
function rows4(
  A: Float64Array,
  B: Float64Array,
  C: Float64Array,
  i: number,
  N: number,
  K: number,
  bias: Float64Array | null,
): void {
  const a0 = i * K;
  const a1 = a0 + K;
  const a2 = a1 + K;
  const a3 = a2 + K;
  let j = 0;
  for (; j + 2 <= N; j += 2) {
    const b0 = j * K;
    const b1 = b0 + K;
    let c00 = 0;
    let c01 = 0;
    let c10 = 0;
    let c11 = 0;
    let c20 = 0;
    let c21 = 0;
    let c30 = 0;
    let c31 = 0;
    for (let k = 0; k < K; k++) {
      const x0 = B[b0 + k];
      const x1 = B[b1 + k];
      const y0 = A[a0 + k];
      const y1 = A[a1 + k];
      const y2 = A[a2 + k];
      const y3 = A[a3 + k];
      c00 += y0 * x0;
      c01 += y0 * x1;
      c10 += y1 * x0;
      c11 += y1 * x1;
      c20 += y2 * x0;
      c21 += y2 * x1;
      c30 += y3 * x0;
      c31 += y3 * x1;
    }
    const p0 = bias ? bias[j] : 0;
    const p1 = bias ? bias[j + 1] : 0;
    const o = i * N + j;
    C[o] = c00 + p0;
    C[o + 1] = c01 + p1;
    C[o + N] = c10 + p0;
    C[o + N + 1] = c11 + p1;
    C[o + 2 * N] = c20 + p0;
    C[o + 2 * N + 1] = c21 + p1;
    C[o + 3 * N] = c30 + p0;
    C[o + 3 * N + 1] = c31 + p1;
  }
  if (j < N) lastColumn(A, B, C, i, j, N, K, bias ? bias[j] : 0);
}

function lastColumn(
  A: Float64Array,
  B: Float64Array,
  C: Float64Array,
  i: number,
  j: number,
  N: number,
  K: number,
  p: number,
): void {
  const b0 = j * K;
  for (let r = 0; r < 4; r++) {
    const a = (i + r) * K;
    let s = 0;
    for (let k = 0; k < K; k++) s += A[a + k] * B[b0 + k];
    C[(i + r) * N + j] = s + p;
  }
}

/** out (cols × rows) = inᵀ for `src` (rows × cols), row-major. */
export function transpose(src: Float64Array, out: Float64Array, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = src[o + c];
  }
}
