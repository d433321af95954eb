/**
 * The CLI's progress bar: one line on stderr, rewritten in place from the same
 * `job.progress` records the app's jobs panel shows. Only on a terminal, so a script
 * that captures stderr sees nothing but the failure sentence, if any.
 */
import type { JobProgress } from '../../shared/jobs';

const BAR_WIDTH = 20;

/** One progress record as a line of at most `columns - 1` characters (no newline). */
export function progressLine(progress: JobProgress, columns: number): string {
  const parts = [progress.stage];
  if (progress.fraction !== null) {
    const filled = Math.round(progress.fraction * BAR_WIDTH);
    parts.push(
      `[${'#'.repeat(filled)}${' '.repeat(BAR_WIDTH - filled)}] ${Math.round(progress.fraction * 100)}%`,
    );
  }
  if (progress.done !== undefined && progress.unit) {
    const total = progress.total === undefined ? '' : ` of ${progress.total.toLocaleString('en-US')}`;
    parts.push(`${progress.done.toLocaleString('en-US')}${total} ${progress.unit}`);
  }
  if (progress.etaMs !== null && progress.etaMs >= 1000)
    parts.push(`about ${formatEta(progress.etaMs)} left`);
  const line = parts.join('  ');
  const width = Math.max(10, columns - 1);
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

function formatEta(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export interface ProgressDisplay {
  /** Show a record of the job (finished ones clear the line). */
  show(progress: JobProgress): void;
  /** Clear the line; call once the job is over, whatever its outcome. */
  close(): void;
}

/** A display on `stream` when it is a terminal; one that does nothing otherwise. */
export function progressDisplay(stream: NodeJS.WriteStream = process.stderr): ProgressDisplay {
  if (!stream.isTTY) return { show: () => undefined, close: () => undefined };
  let drawn = false;
  const clear = (): void => {
    if (drawn) stream.write('\r\x1b[K');
    drawn = false;
  };
  return {
    show: (progress) => {
      if (progress.state !== 'running') return clear();
      stream.write(`\r\x1b[K${progressLine(progress, stream.columns || 100)}`);
      drawn = true;
    },
    close: clear,
  };
}
