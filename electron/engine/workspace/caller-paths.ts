/**
 * Every path a caller hands the engine goes through here before anything is read,
 * created or written. Callers may be a remote browser page (browser mode), so a path is
 * never taken relative to the server's working folder, is resolved through symbolic
 * links to the real file it names, and is refused when it points into a workspace's
 * internals (its database, write-ahead log or artifacts: writing there destroys the
 * workspace) or onto a kernel filesystem such as /proc, where recursive folder creation
 * never ends. "Is this the workspace already open" compares these real paths.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../../shared/errors';
import { ARTIFACTS_DIR, DATABASE_FILE } from './workspace-paths';

/** Kernel and device filesystems: statfs magic numbers (linux/magic.h). */
const SPECIAL_FILESYSTEMS = new Set([
  0x9fa0, // proc
  0x62656572, // sysfs
  0x64626720, // debugfs
  0x27e0eb, // cgroup
  0x63677270, // cgroup2
  0x1cd1, // devpts
  0x73636673, // securityfs
  0x74726163, // tracefs
  0x62656570, // configfs
  0xcafe4a11, // bpf
  0x6165676c, // pstore
  0xde5e81e4, // efivarfs
]);
const SPECIAL_ROOTS = ['/proc', '/sys', '/dev'];

/** Refuse a path that is not absolute: relative to what would be a guess. */
export function requireAbsolute(given: string, what: string): string {
  if (!path.isAbsolute(given)) {
    throw new ApiError(
      'INVALID_INPUT',
      `${what} "${given}" is a relative path; give the full path (starting with / or a drive letter).`,
    );
  }
  return path.normalize(given);
}

/**
 * The real absolute path `given` names, following symbolic links; for a path that does
 * not exist yet, its deepest existing folder is resolved and the rest appended.
 */
export async function realPathOf(given: string): Promise<string> {
  const absolute = path.resolve(given);
  const missing: string[] = [];
  let existing = absolute;
  for (;;) {
    try {
      return path.join(await fs.realpath(existing), ...missing.reverse());
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return absolute;
      missing.push(path.basename(existing));
      existing = parent;
    }
  }
}

/** Deepest existing folder of a real path (the one whose filesystem the path is on). */
async function deepestExisting(real: string): Promise<string> {
  let current = real;
  while (!(await exists(current))) {
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return current;
}

/** Refuse /proc, /sys, /dev and any other kernel filesystem, wherever it is mounted. */
export async function assertOrdinaryFilesystem(real: string, doing: string): Promise<void> {
  const onSpecialRoot = SPECIAL_ROOTS.some((root) => real === root || real.startsWith(`${root}/`));
  const stats = await fs.statfs(await deepestExisting(real)).catch(() => null);
  if (onSpecialRoot || (stats && SPECIAL_FILESYSTEMS.has(Number(stats.type)))) {
    throw new ApiError(
      'INVALID_INPUT',
      `${real} is on a system filesystem (like /proc, /sys or /dev), not on a disk; choose a folder on a disk for ${doing}.`,
    );
  }
}

/** Refuse a real path inside any workspace's database files or artifacts folder. */
export async function assertOutsideWorkspaceInternals(real: string): Promise<void> {
  for (let dir = path.dirname(real); ; dir = path.dirname(dir)) {
    if (await exists(path.join(dir, DATABASE_FILE))) {
      const inside = path.relative(dir, real).split(path.sep)[0] ?? '';
      if (inside.startsWith(DATABASE_FILE) || inside === ARTIFACTS_DIR) {
        throw new ApiError(
          'INVALID_INPUT',
          `${real} is inside the workspace at ${dir} (its database or artifacts), and writing there would damage it; choose a file outside those.`,
        );
      }
    }
    if (path.dirname(dir) === dir) return;
  }
}

/** A file the engine will write (an export): absolute, real, on a disk, not a workspace's own. */
export async function resolveWriteTarget(given: string, what: string): Promise<string> {
  const real = await realPathOf(requireAbsolute(given, what));
  await assertOrdinaryFilesystem(real, 'saving files');
  await assertOutsideWorkspaceInternals(real);
  return real;
}

/** A file the engine will read (an import): refused on kernel filesystems, whose files never end. */
export async function assertReadableSource(real: string): Promise<void> {
  await assertOrdinaryFilesystem(real, 'importing');
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}
