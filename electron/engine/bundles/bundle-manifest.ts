/**
 * A bundle's manifest.json: who it is (model, version, run, dataset) and the sha256, size and
 * layer media type of every other file. Writing a bundle ends with it; reading one (a pull, a
 * folder to push or predict with) checks every file against it and refuses, in a sentence
 * naming the file, anything missing, altered or outside the folder.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BundleFile } from '../../../shared/bundles';
import { ApiError } from '../../../shared/errors';
import { digestFile } from '../registry';
import { layerMediaType, MANIFEST_FILE } from './bundle-layers';

export interface BundleManifest {
  format: 'assay-bundle/1';
  model: string;
  version: string;
  task: string;
  algorithm: string;
  run: string;
  dataset: string;
  createdAt: string;
  files: BundleFile[];
}

/** The file's sha256 as hex, streamed (the registry's digest without its "sha256:"). */
export async function sha256File(file: string): Promise<string> {
  return (await digestFile(file)).digest.slice('sha256:'.length);
}

/** Hashes `files` of `folder` and writes manifest.json beside them. */
export async function writeManifest(
  folder: string,
  files: readonly string[],
  facts: Omit<BundleManifest, 'format' | 'files'>,
): Promise<BundleManifest> {
  const entries: BundleFile[] = [];
  for (const file of files) {
    const full = path.join(folder, file);
    entries.push({
      path: file,
      sha256: await sha256File(full),
      bytes: (await stat(full)).size,
      mediaType: layerMediaType(file),
    });
  }
  const manifest: BundleManifest = { format: 'assay-bundle/1', ...facts, files: entries };
  await writeFile(path.join(folder, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function safePath(file: unknown): file is string {
  return (
    typeof file === 'string' &&
    /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(file) &&
    !file.split('/').some((p) => p === '..' || p === '.')
  );
}

/** Reads and checks `folder`'s manifest.json against the files; returns it. */
export async function readManifest(folder: string): Promise<BundleManifest> {
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(await readFile(path.join(folder, MANIFEST_FILE), 'utf8')) as BundleManifest;
  } catch {
    throw new ApiError(
      'INVALID_INPUT',
      `${folder} is not an Assay bundle: its manifest.json is missing or not JSON.`,
    );
  }
  if (manifest.format !== 'assay-bundle/1' || !Array.isArray(manifest.files))
    throw new ApiError('INVALID_INPUT', `${folder}/manifest.json is not an Assay bundle manifest.`);
  for (const file of manifest.files) {
    if (!safePath(file.path) || file.path === MANIFEST_FILE)
      throw new ApiError(
        'INVALID_INPUT',
        `The bundle manifest lists a file outside the bundle (${String(file.path)}).`,
      );
    let actual: string;
    try {
      actual = await sha256File(path.join(folder, file.path));
    } catch {
      throw new ApiError('INVALID_INPUT', `The bundle file ${file.path} is missing from ${folder}.`);
    }
    if (actual !== file.sha256)
      throw new ApiError(
        'INVALID_INPUT',
        `The bundle file ${file.path} does not match its sha256 in manifest.json: it was altered after export.`,
      );
  }
  return manifest;
}
