/**
 * How `assay serve` stops on SIGTERM or SIGINT: promptly, whatever is running. Closing
 * the engine cancels every job (and so interrupts their queries), but a query or a native
 * call that ignores the interrupt must not keep a service manager or a person waiting, so
 * the whole close runs against a deadline and the process exits when it passes. A second
 * signal exits at once.
 */

/** Time allowed for a clean close; the process is gone well within two seconds. */
export const SHUTDOWN_DEADLINE_MS = 1500;

/** Resolves with the first SIGTERM or SIGINT; any later one ends the process immediately. */
export function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) process.exit(1);
      stopping = true;
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/**
 * Runs `close` for at most `deadlineMs`. Returns normally when it finished in time;
 * otherwise reports what was left behind and exits, since whatever still runs would keep
 * the process alive.
 */
export async function closeWithin(
  deadlineMs: number,
  close: () => Promise<void>,
  report: (line: string) => void,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), deadlineMs);
  });
  const outcome = await Promise.race([close().then(() => 'closed' as const), late]).catch(
    (error: unknown) => {
      report(`assay: stopping hit an error: ${error instanceof Error ? error.message : String(error)}`);
      return 'failed' as const;
    },
  );
  clearTimeout(timer);
  if (outcome === 'closed') {
    // A finished close leaves nothing running; if a native handle lingers anyway, do not wait on it.
    setTimeout(() => process.exit(process.exitCode ?? 0), 250).unref();
    return;
  }
  if (outcome === 'late')
    report('assay: stopped without waiting for a running query or job to finish cancelling.');
  process.exit(outcome === 'late' ? 0 : 1);
}
