/**
 * Relays a training job's progress two ways: the job's own stage line and fraction (the
 * jobs panel, the CLI's bar) and `run.progress` for the live curves of the run in hand.
 * A heartbeat repeats the last `run.progress` while a learner is quiet, so a view that
 * opens mid-run still learns where it stands.
 */
import type { RunProgress } from '../../../../shared/training';
import type { EventBus } from '../../core/event-bus';
import type { JobContext } from '../../jobs/job-manager';
import type { PlannedRun } from '../training-plan';
import type { TrainProgress } from '../types';
import { algorithmSpec } from '../catalogue';

/** A `run.progress` goes out at least this often while a run trains, even between reports. */
const HEARTBEAT_MS = 1000;
/** The share of the job's bar that loading the data takes; the runs share the rest. */
const LOAD_SHARE = 0.05;

export class ProgressRelay {
  private last: RunProgress;
  private lastSent = 0;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly ctx: JobContext,
    private readonly events: EventBus,
    firstRunId: string,
  ) {
    this.last = { runId: firstRunId, jobId: ctx.jobId, stage: 'Loading data', iteration: 0, total: 0 };
    this.heartbeat = setInterval(() => {
      if (Date.now() - this.lastSent >= HEARTBEAT_MS) this.send(this.last);
    }, HEARTBEAT_MS / 4);
  }

  stop(): void {
    clearInterval(this.heartbeat);
  }

  loading(): void {
    this.ctx.progress({ stage: 'Loading data', fraction: 0 });
    this.send(this.last);
  }

  /** Called after each column read. */
  loadedColumns(done: number, total: number): void {
    this.ctx.progress({
      stage: `Loading data (${done} of ${total} columns)`,
      fraction: (LOAD_SHARE * done) / total,
    });
  }

  /** Announces run `index` of `runs` and returns the listener for its learner's reports. */
  startRun(runs: PlannedRun[], index: number): (p: TrainProgress) => void {
    const run = runs[index]!;
    const label = algorithmSpec(run.algorithm).label;
    const name = runs.length > 1 ? `${label} (${index + 1} of ${runs.length})` : label;
    this.send({ runId: run.id, jobId: this.ctx.jobId, stage: 'Starting', iteration: 0, total: 0 });
    return (p) => {
      const inner = p.total > 0 ? Math.min(1, p.iteration / p.total) : 0;
      const within = p.folds && p.fold ? (p.fold - 1 + inner) / (p.folds + 1) : inner;
      this.ctx.progress({
        stage: `${name}: ${describeProgress(p)}`,
        fraction: LOAD_SHARE + ((1 - LOAD_SHARE) * (index + within)) / runs.length,
      });
      this.send({ runId: run.id, jobId: this.ctx.jobId, ...p });
    };
  }

  private send(p: RunProgress): void {
    this.last = p;
    this.lastSent = Date.now();
    this.events.emit('run.progress', p);
  }
}

/** "Boosting 40/100, loss 0.31 (valid 0.35), fold 2/5" — the job's stage line. */
function describeProgress(p: TrainProgress): string {
  const count = p.total
    ? /\d/.test(p.stage)
      ? ` of ${p.total}`
      : ` ${Math.floor(p.iteration)}/${p.total}`
    : '';
  const loss =
    p.trainLoss !== undefined && Number.isFinite(p.trainLoss)
      ? `, loss ${p.trainLoss.toPrecision(3)}${p.validLoss !== undefined && Number.isFinite(p.validLoss) ? ` (valid ${p.validLoss.toPrecision(3)})` : ''}`
      : '';
  return `${p.stage}${count}${loss}${p.folds ? `, fold ${p.fold}/${p.folds}` : ''}`;
}
