/**
 * What DuckDB's errors mean for a person, independent of the job that hit them. A full
 * disk or a failing device surfaces as an IO error naming whichever file DuckDB was
 * writing at that moment (often the workspace's own database or its spill files), so
 * reading the file name out of such a message would blame the wrong file; these helpers
 * recognise the condition first and say it once, plainly.
 */
import { ApiError, messageOf } from '../../../shared/errors';

export function isInterrupt(error: unknown): boolean {
  return /INTERRUPT Error|Interrupted!/.test(messageOf(error));
}

const OUT_OF_SPACE =
  /No space left on device|disk is full|out of disk space|Disk quota exceeded|ENOSPC|EDQUOT/i;
const READ_ONLY_DEVICE = /Read-only file system|EROFS/i;

/** The first line of DuckDB's message, without its trailing full stop. */
export function firstLine(message: string): string {
  return message.split('\n')[0]!.trim().replace(/\.$/, '');
}

/**
 * One honest sentence for an error that is about the disk rather than the data, or null.
 * `doing` says what was under way ("importing flights.csv", "exporting to /tmp/x.csv").
 */
export function storageFailure(error: unknown, doing: string): ApiError | null {
  const message = messageOf(error);
  if (OUT_OF_SPACE.test(message)) {
    return new ApiError(
      'INVALID_INPUT',
      `The disk ran out of space while ${doing}; nothing was saved. Free some space on that disk (the workspace's or the target's) and try again.`,
    );
  }
  if (READ_ONLY_DEVICE.test(message)) {
    return new ApiError(
      'INVALID_INPUT',
      `The disk is read-only, so ${doing} could not write anything; nothing was saved. Choose a writable place and try again.`,
    );
  }
  return null;
}

/** Any error as an ApiError: the storage sentence when it applies, else `fallback`. */
export function describeFailure(
  error: unknown,
  doing: string,
  fallback: (message: string) => ApiError,
): ApiError {
  if (error instanceof ApiError) return error;
  return storageFailure(error, doing) ?? fallback(messageOf(error));
}
