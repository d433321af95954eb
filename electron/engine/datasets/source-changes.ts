/**
 * A file that changes while it is imported (still being downloaded, rewritten by another
 * program, truncated) would give a version whose rows match neither the old file nor the
 * new one, under a fingerprint of bytes DuckDB never read. Size and modification time
 * are taken when the files are resolved and compared again after DuckDB and the
 * fingerprint have both read them: any difference fails the import.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../../shared/errors';
import { formatBytes, formatCount } from '../../../shared/format';
import type { ResolvedFile } from './source-files';

/** Throws when any file's size or modification time differs from when it was resolved. */
export async function assertUnchanged(files: ResolvedFile[]): Promise<void> {
  for (const file of files) {
    const now = await fs.stat(file.path).catch(() => null);
    if (!now) {
      throw new ApiError(
        'CONFLICT',
        `${path.basename(file.path)} was moved or deleted while it was being imported; nothing was imported. Import it again once it is in place.`,
      );
    }
    if (now.size !== file.sizeBytes || now.mtimeMs !== file.mtimeMs) {
      const [before, after] = [formatBytes(file.sizeBytes), formatBytes(now.size)];
      const sizes =
        now.size === file.sizeBytes
          ? 'its contents were rewritten'
          : before === after
            ? `it went from ${formatCount(file.sizeBytes)} to ${formatCount(now.size)} bytes`
            : `it went from ${before} to ${after}`;
      throw new ApiError(
        'CONFLICT',
        `${path.basename(file.path)} changed while it was being imported (${sizes}); nothing was imported. Import it again once nothing is writing to it.`,
      );
    }
  }
}
