/**
 * Tree ensembles compiled to JavaScript for fast prediction, built once per model (a
 * cache; never serialised). Two forms:
 *  - 'masks' (trees of ≤ 32 leaves, the boosting case; see `compileMaskTrees`): rows are
 *    binned against the model's own thresholds and each tree becomes a few table lookups
 *    and ANDs with no data-dependent branches;
 *  - 'branches' (anything else): each group of trees becomes one function of nested
 *    `if (x <= threshold)` tests with the leaf values as literals; trees too large to
 *    compile sensibly stay walked by `predictRaw`.
 *
 * Why code generation is safe here: the source is built only from numbers in our own
 * fitted model (feature indices, thresholds, leaf values, offsets into `catBits`), each
 * emitted through `num()`/integer formatting; no string from a dataset, column name or
 * user ever reaches it. It runs in the engine (Node), never in the renderer.
 *
 * Exactness: results are bit-identical to `predictRaw`. Thresholds and leaf values are
 * emitted with `Number.prototype.toString()`, which round-trips every double (and −0 is
 * spelt out). Missing values follow the learned direction: "missing goes left" compiles
 * to `!(x > t)` and "missing goes right" to `x <= t`, which agree with the reference's
 * `x === x ? x <= t : missLeft` for every x (NaN thresholds get the explicit form).
 * Categorical splits compute the same bin and test the same bitset words. Each row's
 * outputs are accumulated tree by tree in the model's order starting from `out`, exactly
 * as the reference adds them, so every sum rounds the same way.
 *
 * Trees that are too large or deep to compile sensibly (big unpruned forests) stay in
 * interpreted stages; stages run in tree order over each block of rows.
 */
import { compileBranches } from './compile-branches';
import { compileMaskTrees } from './compile-masks';
import type { CompiledTrees } from './compiled-common';
import type { FlatTrees } from './flat-trees';

export type { CompiledTrees } from './compiled-common';
export { warmCompiled } from './compile-masks';

/** The mask compiler when the trees fit it, else compiled branches; `mode: 'branches'` forces the latter. */
export function compileTrees(
  trees: FlatTrees,
  missingBin: Int32Array,
  outWidth: number,
  weight = 1,
  mode: 'auto' | 'branches' = 'auto',
): CompiledTrees {
  if (mode === 'auto') {
    const fast = compileMaskTrees(trees, missingBin, outWidth, weight, missingBin.length);
    if (fast) return fast;
  }
  return compileBranches(trees, missingBin, outWidth, weight);
}
