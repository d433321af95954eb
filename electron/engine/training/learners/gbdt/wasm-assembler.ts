/**
 * The WebAssembly module of hist-wasm.ts, assembled from its instructions: a few hundred
 * bytes, so no binary ships and this file shows exactly what runs. One exported function
 * per histogram shape (group width and real lanes), the partition step, and the row
 * passes of quantised training (leaf sums, gradient peaks, quantisation), each the same
 * arithmetic in the same order as its JavaScript twin, so the results are the same bits.
 * The memory is imported (env.mem), shared when a worker uses it.
 */

/** The (width, lanes) pairs assembled: every lane count a width's group can have (planGroups). */
const SHAPES: Array<[number, number]> = [
  ...Array.from({ length: 8 }, (_, j): [number, number] => [16, 16 - j]),
  ...Array.from({ length: 4 }, (_, j): [number, number] => [8, 8 - j]),
  ...Array.from({ length: 4 }, (_, j): [number, number] => [4, 4 - j]),
];

const I32 = 0x7f;
const F64 = 0x7c;
const op = {
  block: 0x02,
  loop: 0x03,
  br: 0x0c,
  brIf: 0x0d,
  end: 0x0b,
  get: 0x20,
  set: 0x21,
  tee: 0x22,
  i32Load: 0x28,
  f64Load: 0x2b,
  i32Load8u: 0x2d,
  f64Store: 0x39,
  f64Lt: 0x63,
  f64Gt: 0x64,
  f64Abs: 0x99,
  f64Floor: 0x9c,
  f64Mul: 0xa2,
  f64Const: 0x44,
  f64ConvertI32S: 0xb7,
  f64ConvertI32U: 0xb8,
  i32And: 0x71,
  i32Xor: 0x73,
  i32Mul: 0x6c,
  select: 0x1b,
  i32Store: 0x36,
  i32Const: 0x41,
  i32Sub: 0x6b,
  i32ShrU: 0x76,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  i32Shl: 0x74,
  f64Add: 0xa0,
};

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 127;
    n >>>= 7;
    if (n) b |= 128;
    out.push(b);
  } while (n);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 127;
    n >>= 7;
    if ((n === 0 && (b & 64) === 0) || (n === -1 && (b & 64) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 128);
  }
}

function f64Bytes(x: number): number[] {
  return Array.from(new Uint8Array(Float64Array.of(x).buffer));
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function section(id: number, bytes: number[]): number[] {
  return [id, ...uleb(bytes.length), ...bytes];
}

function name(s: string): number[] {
  return [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
}

/**
 * hist{W}_{lanes}(acc, rows, idx, start, end, pv): for k in [start, end): i = idx[k],
 * v = pv[i]; for each lane j < lanes: acc[j·256 + rows[i·W + j]] += v (doubles). Row k's adds come before
 * row k+1's, as in kernelQ16/8/4.
 */
function kernelBody([W, lanes]: [number, number]): number[] {
  const [acc, rows, idx, start, end, pv, k, i, r, a, v] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const shift = Math.log2(W);
  const b: number[] = [];
  b.push(op.get, start, op.set, k);
  b.push(op.block, 0x40, op.loop, 0x40);
  b.push(op.get, k, op.get, end, op.i32GeU, op.brIf, 1);
  // i = idx[k]; v = pv[i]; r = rows + i·W
  b.push(op.get, idx, op.get, k, op.i32Const, 2, op.i32Shl, op.i32Add, op.i32Load, 2, 0, op.set, i);
  b.push(op.get, pv, op.get, i, op.i32Const, 3, op.i32Shl, op.i32Add, op.f64Load, 3, 0, op.set, v);
  b.push(op.get, rows, op.get, i, op.i32Const, shift, op.i32Shl, op.i32Add, op.set, r);
  for (let j = 0; j < lanes; j++) {
    // a = acc + rows[r + j]·8; *(a + j·2048) += v
    b.push(op.get, acc, op.get, r, op.i32Load8u, 0, ...uleb(j), op.i32Const, 3, op.i32Shl, op.i32Add);
    b.push(op.tee, a, op.get, a, op.f64Load, 3, ...uleb(j * 2048), op.get, v, op.f64Add);
    b.push(op.f64Store, 3, ...uleb(j * 2048));
  }
  b.push(op.get, k, op.i32Const, 1, op.i32Add, op.set, k);
  b.push(op.br, 0, op.end, op.end, op.end);
  const locals = vec([
    [4, I32],
    [1, F64],
  ]);
  const body = [...locals, ...b];
  return [...uleb(body.length), ...body];
}

/**
 * part(idx, scratch, start, end, bins, table): branch-free stable partition, as
 * partitionRows: every row is stored at both write heads and only one head moves.
 */
function partitionBody(): number[] {
  const [idx, scratch, start, end, bins, table, k, i, l, pl, pr] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const b: number[] = [];
  // pl = idx + 4·start; pr = scratch + 4·start; k = start
  b.push(op.get, idx, op.get, start, op.i32Const, 2, op.i32Shl, op.i32Add, op.set, pl);
  b.push(op.get, scratch, op.get, start, op.i32Const, 2, op.i32Shl, op.i32Add, op.set, pr);
  b.push(op.get, start, op.set, k);
  b.push(op.block, 0x40, op.loop, 0x40);
  b.push(op.get, k, op.get, end, op.i32GeU, op.brIf, 1);
  // i = idx[k]; l = table[bins[i]] · 4
  b.push(op.get, idx, op.get, k, op.i32Const, 2, op.i32Shl, op.i32Add, op.i32Load, 2, 0, op.set, i);
  b.push(op.get, table, op.get, bins, op.get, i, op.i32Add, op.i32Load8u, 0, 0, op.i32Add);
  b.push(op.i32Load8u, 0, 0, op.i32Const, 2, op.i32Shl, op.set, l);
  // *pl = i; *pr = i; pl += l; pr += 4 − l
  b.push(op.get, pl, op.get, i, op.i32Store, 2, 0, op.get, pr, op.get, i, op.i32Store, 2, 0);
  b.push(op.get, pl, op.get, l, op.i32Add, op.set, pl);
  b.push(op.get, pr, op.i32Const, 4, op.get, l, op.i32Sub, op.i32Add, op.set, pr);
  b.push(op.get, k, op.i32Const, 1, op.i32Add, op.set, k);
  b.push(op.br, 0, op.end, op.end);
  // (pl − idx) / 4 − start
  b.push(op.get, pl, op.get, idx, op.i32Sub, op.i32Const, 2, op.i32ShrU, op.get, start, op.i32Sub, op.end);
  const body = [...vec([[5, I32]]), ...b];
  return [...uleb(body.length), ...body];
}

/** The loop head every row pass shares: for k in [start, end) with i = idx[k] (k, i locals). */
function rowLoop(idx: number, start: number, end: number, k: number, i: number, body: number[]): number[] {
  return [
    ...[op.get, start, op.set, k, op.block, 0x40, op.loop, 0x40],
    ...[op.get, k, op.get, end, op.i32GeU, op.brIf, 1],
    ...[op.get, idx, op.get, k, op.i32Const, 2, op.i32Shl, op.i32Add, op.i32Load, 2, 0, op.set, i],
    ...body,
    ...[op.get, k, op.i32Const, 1, op.i32Add, op.set, k, op.br, 0, op.end, op.end],
  ];
}

/** Address of element i (local) of the 8-byte array at base (local). */
function at8(base: number, i: number): number[] {
  return [op.get, base, op.get, i, op.i32Const, 3, op.i32Shl, op.i32Add];
}

/** sums(g, h, idx, start, end, out): G += g[i], H += h[i] in row order, as leafSums. */
function sumsBody(): number[] {
  const [g, h, idx, start, end, out, k, i, G, H] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const b = rowLoop(idx, start, end, k, i, [
    ...[op.get, G, ...at8(g, i), op.f64Load, 3, 0, op.f64Add, op.set, G],
    ...[op.get, H, ...at8(h, i), op.f64Load, 3, 0, op.f64Add, op.set, H],
  ]);
  b.push(op.get, out, op.get, G, op.f64Store, 3, 0, op.get, out, op.get, H, op.f64Store, 3, 8, op.end);
  const body = [
    ...vec([
      [2, I32],
      [2, F64],
    ]),
    ...b,
  ];
  return [...uleb(body.length), ...body];
}

/** peaks(g, h, idx, start, end, out): a = |g[i]|; if (a > maxG) maxG = a; the same for h. */
function peaksBody(): number[] {
  const [g, h, idx, start, end, out, k, i, mg, mh, a] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const b = rowLoop(idx, start, end, k, i, [
    ...[...at8(g, i), op.f64Load, 3, 0, op.f64Abs, op.tee, a, op.get, mg, op.get, a, op.get, mg, op.f64Gt],
    ...[op.select, op.set, mg],
    ...[...at8(h, i), op.f64Load, 3, 0, op.tee, a, op.get, mh, op.get, a, op.get, mh, op.f64Gt],
    ...[op.select, op.set, mh],
  ]);
  b.push(op.get, out, op.get, mg, op.f64Store, 3, 0, op.get, out, op.get, mh, op.f64Store, 3, 8, op.end);
  const body = [
    ...vec([
      [2, I32],
      [3, F64],
    ]),
    ...b,
  ];
  return [...uleb(body.length), ...body];
}

/**
 * quantize(g, h, idx, start, end, salt, invG, invH, pv, out): quantizeRange's arithmetic
 * step for step (the noise hash in 32-bit integer multiplies, then the same double
 * operations in the same order), so pv and the sums are the same bits.
 */
function quantizeBody(): number[] {
  const [g, h, idx, start, end, salt, invG, invH, pv, out] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const [k, i, x, gq, hq, sg, sh] = [10, 11, 12, 13, 14, 15, 16];
  const fc = (v: number): number[] => [op.f64Const, ...f64Bytes(v)];
  const ic = (v: number): number[] => [op.i32Const, ...sleb(v | 0)];
  // x ^= x >>> s; x = imul(x, m)
  const mix = (sh: number, m: number): number[] => [
    ...[op.get, x, op.get, x, ...ic(sh), op.i32ShrU, op.i32Xor, ...ic(m), op.i32Mul, op.set, x],
  ];
  // v = v > 31 ? 31 : v < lo ? lo : v
  const clamp = (v: number, lo: number): number[] => [
    ...fc(Q),
    ...[...fc(lo), op.get, v, op.get, v, ...fc(lo), op.f64Lt, op.select],
    ...[op.get, v, ...fc(Q), op.f64Gt, op.select, op.set, v],
  ];
  const b = rowLoop(idx, start, end, k, i, [
    ...[op.get, i, ...ic(0x9e3779b1), op.i32Mul, op.get, salt, op.i32Xor, op.set, x],
    ...mix(16, 0x7feb352d),
    ...mix(15, 0x846ca68b),
    ...[op.get, x, op.get, x, ...ic(16), op.i32ShrU, op.i32Xor, op.set, x],
    // gq = floor(g[i]·invG + (x & 0xffff)·2⁻¹⁶); hq = floor(h[i]·invH + (x >>> 16)·2⁻¹⁶)
    ...[...at8(g, i), op.f64Load, 3, 0, op.get, invG, op.f64Mul],
    ...[op.get, x, ...ic(0xffff), op.i32And, op.f64ConvertI32U, ...fc(1 / 65536), op.f64Mul],
    ...[op.f64Add, op.f64Floor, op.set, gq],
    ...[...at8(h, i), op.f64Load, 3, 0, op.get, invH, op.f64Mul],
    ...[op.get, x, ...ic(16), op.i32ShrU, op.f64ConvertI32U, ...fc(1 / 65536), op.f64Mul],
    ...[op.f64Add, op.f64Floor, op.set, hq],
    ...clamp(gq, -Q),
    ...clamp(hq, 0),
    // pv[i] = 1 + hq·2¹⁴ + (gq + 31)·2³³
    ...[...at8(pv, i), ...fc(1), op.get, hq, ...fc(2 ** 14), op.f64Mul, op.f64Add],
    ...[op.get, gq, ...fc(Q), op.f64Add, ...fc(2 ** 33), op.f64Mul, op.f64Add, op.f64Store, 3, 0],
    ...[op.get, sg, op.get, gq, op.f64Add, op.set, sg, op.get, sh, op.get, hq, op.f64Add, op.set, sh],
  ]);
  b.push(op.get, out, op.get, sg, op.f64Store, 3, 0, op.get, out, op.get, sh, op.f64Store, 3, 8, op.end);
  const body = [
    ...vec([
      [3, I32],
      [4, F64],
    ]),
    ...b,
  ];
  return [...uleb(body.length), ...body];
}

/** Q_LEVELS of quantized.ts (not imported: quantized.ts depends on this module through hist-wasm.ts). */
const Q = 31;

export function assemble(shared: boolean, pages: number): Uint8Array {
  const six = vec([[I32], [I32], [I32], [I32], [I32], [I32]]);
  const type = section(
    1,
    vec([
      [0x60, ...six, 0],
      [0x60, ...six, 1, I32],
      [0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [I32], [F64], [F64], [I32], [I32]]), 0],
    ]),
  );
  const limits = shared ? [0x03, ...uleb(pages), ...uleb(pages)] : [0x01, ...uleb(pages), ...uleb(pages)];
  const imports = section(2, vec([[...name('env'), ...name('mem'), 0x02, ...limits]]));
  const S = SHAPES.length;
  const funcs = section(3, vec([...SHAPES.map(() => [0]), [1], [0], [0], [2]]));
  const exports = section(
    7,
    vec([
      ...SHAPES.map(([W, lanes], f) => [...name(`hist${W}_${lanes}`), 0x00, f]),
      [...name('part'), 0x00, S],
      [...name('sums'), 0x00, S + 1],
      [...name('peaks'), 0x00, S + 2],
      [...name('quantize'), 0x00, S + 3],
    ]),
  );
  const code = section(
    10,
    vec([...SHAPES.map(kernelBody), partitionBody(), sumsBody(), peaksBody(), quantizeBody()]),
  );
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    1,
    0,
    0,
    0,
    ...type,
    ...imports,
    ...funcs,
    ...exports,
    ...code,
  ]);
}
