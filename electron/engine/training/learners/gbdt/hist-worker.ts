/**
 * Worker entry of HistThreads (see hist-threads.ts): waits on the shared control words,
 * builds the histograms of the feature groups it is given into the shared output, and
 * signals completion. It never uses its event loop; CMD_STOP ends it.
 */
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import {
  CMD_ATTACH,
  CMD_ADD_SCORES,
  CMD_HIST_Q,
  CMD_LEAF_SUMS,
  CMD_LOSS,
  CMD_PARTITION,
  CMD_PEAKS,
  CMD_QUANTIZE,
  CMD_STOP,
  CONTROL,
  SPIN,
  type HistWorkerData,
} from './hist-threads';
import { binaryLossAndGradients } from './objective';
import { buildGroupHistogram, partitionRows, type PackedBins } from './histogram';
import { wasmKernels } from './hist-wasm';
import { addLeafScores, leafSums } from './leaf-rows';
import { buildGroupHistogramQ, gradientPeaks, packedScratch, quantizeRange } from './quantized';

const { SEQ, DONE, READY, CMD, START, END, NQ, FAILED, LIST } = CONTROL;
const wd = workerData as HistWorkerData;
const ctrl = new Int32Array(wd.ctrl);
const packed: PackedBins = {
  n: wd.n,
  d: wd.d,
  groups: wd.groups,
  byteOffset: Int32Array.from(wd.byteOffset),
  laneTop: Int32Array.from(wd.laneTop),
  bytes: wd.bins,
  kernels: wd.memory ? wasmKernels(wd.memory) : null,
};
const idx = wd.idx;
const scratch = wd.scratch;
const goLeft = wd.goLeft;
const g = wd.g;
const h = wd.h;
const out = new Float64Array(wd.out);
const pv = wd.pv;
const scales = wd.scales ? new Float64Array(wd.scales) : null;
const cols = wd.cols;
const qScratch = wd.qScratch ?? packedScratch();
if (packed.kernels && wd.qScratch) packed.kernels.io = wd.qScratch;
const result = new Float64Array(wd.result);
let F: Float64Array = new Float64Array(0);
let y: Float64Array = new Float64Array(0);

Atomics.store(ctrl, READY, 1);
Atomics.notify(ctrl, READY);
let seen = 0;
for (;;) {
  let spins = 0;
  let seq = Atomics.load(ctrl, SEQ);
  while (seq === seen) {
    if (spins < SPIN) spins++;
    else Atomics.wait(ctrl, SEQ, seen);
    seq = Atomics.load(ctrl, SEQ);
  }
  seen = seq;
  if (ctrl[CMD] === CMD_STOP) break;
  try {
    const cmd = ctrl[CMD];
    if (cmd === CMD_ATTACH) {
      const msg = receiveMessageOnPort(wd.port)?.message as { F: SharedArrayBuffer; y: SharedArrayBuffer };
      F = new Float64Array(msg.F);
      y = new Float64Array(msg.y);
    } else if (cmd === CMD_PARTITION) {
      const columns = ctrl[LIST + 1] === 1;
      if (columns && !cols) throw new Error('the column-major bins were not shared');
      const bytes = columns && cols ? cols : packed.bytes;
      result[0] = partitionRows(
        idx,
        scratch,
        ctrl[START],
        ctrl[END],
        bytes,
        ctrl[LIST],
        ctrl[NQ],
        goLeft,
        packed.kernels,
      );
    } else if (cmd === CMD_PEAKS) {
      gradientPeaks(g, h, idx, ctrl[START], ctrl[END], result, packed.kernels);
    } else if (cmd === CMD_QUANTIZE) {
      if (!pv) throw new Error('quantisation needs the packed gradients');
      quantizeRange(
        g,
        h,
        idx,
        ctrl[START],
        ctrl[END],
        ctrl[LIST],
        result[0],
        result[1],
        pv,
        result,
        packed.kernels,
      );
    } else if (cmd === CMD_LEAF_SUMS) {
      leafSums(g, h, idx, out, ctrl[NQ], ctrl[START], ctrl[END], packed.kernels);
    } else if (cmd === CMD_ADD_SCORES) {
      addLeafScores(F, idx, out, ctrl[NQ], ctrl[START], ctrl[END]);
    } else if (cmd === CMD_LOSS) {
      result[0] = binaryLossAndGradients(F, y, g, h, ctrl[START], ctrl[END], result, 1);
    } else if (cmd === CMD_HIST_Q) {
      if (!pv || !scales) throw new Error('quantised histograms need the packed gradients');
      const start = ctrl[START];
      const end = ctrl[END];
      const count = ctrl[NQ];
      for (let i = 0; i < count; i++)
        buildGroupHistogramQ(out, packed, ctrl[LIST + i], idx, start, end, pv, scales, qScratch);
    } else {
      const start = ctrl[START];
      const end = ctrl[END];
      const count = ctrl[NQ];
      for (let i = 0; i < count; i++) buildGroupHistogram(out, packed, ctrl[LIST + i], idx, start, end, g, h);
    }
  } catch {
    Atomics.store(ctrl, FAILED, 1);
  }
  Atomics.store(ctrl, DONE, seq);
  Atomics.notify(ctrl, DONE);
}
