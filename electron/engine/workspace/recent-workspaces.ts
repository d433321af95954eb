/**
 * The list of workspaces a person opened, most recent first, kept in the user's config
 * folder (not in any workspace: it spans them). Losing it is harmless, so read errors
 * give an empty list rather than a failure. Listing leaves out folders that no longer hold
 * a workspace, but the file keeps them: an unmounted drive may come back.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { userConfigDir, workspaceFiles } from './workspace-paths';

const MAX_RECENT = 12;

function recentFile(): string {
  return path.join(userConfigDir(), 'recent-workspaces.json');
}

export async function readRecentWorkspaces(): Promise<string[]> {
  try {
    const parsed: unknown = JSON.parse(await fs.readFile(recentFile(), 'utf8'));
    return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return [];
  }
}

/** The recent workspaces that still exist (their database file is there), most recent first. */
export async function listRecentWorkspaces(): Promise<string[]> {
  const paths = await readRecentWorkspaces();
  const present = await Promise.all(
    paths.map((p) =>
      fs.stat(workspaceFiles(p).databaseFile).then(
        (s) => s.isFile(),
        () => false,
      ),
    ),
  );
  return paths.filter((_p, i) => present[i]);
}

export async function rememberWorkspace(dir: string): Promise<void> {
  const list = [dir, ...(await readRecentWorkspaces()).filter((p) => p !== dir)].slice(0, MAX_RECENT);
  await fs.mkdir(path.dirname(recentFile()), { recursive: true });
  // Write then rename so a crash never leaves half a file.
  const temporary = `${recentFile()}.${process.pid}.tmp`;
  await fs.writeFile(temporary, JSON.stringify(list, null, 2));
  await fs.rename(temporary, recentFile());
}
