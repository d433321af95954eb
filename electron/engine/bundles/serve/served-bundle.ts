/**
 * A bundle folder made ready to serve (`assay serve-model`, docs/architecture.md "Serving a
 * bundle"): its manifest is checked once, its signature and ONNX versions are read, and one
 * ONNX Runtime session is created for the life of the server — requests only build tensors
 * and run it. The digest is the sha256 of the bundle's manifest.json, which pins every file.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import type { BundleSignature } from '../../../../shared/bundles';
import { ApiError } from '../../../../shared/errors';
import { realPathOf, requireAbsolute } from '../../workspace/caller-paths';
import { readManifest } from '../bundle-manifest';

/** What GET /metadata answers. */
export interface BundleMetadata {
  model: string;
  version: string;
  task: string;
  algorithm: string;
  target: string;
  createdAt: string;
  /** "sha256:…" of manifest.json. */
  digest: string;
  onnx: { irVersion?: number; opset?: number; mlOpset?: number };
  signature: BundleSignature;
}

export interface ServedBundle {
  metadata: BundleMetadata;
  signature: BundleSignature;
  session: ort.InferenceSession;
  close(): Promise<void>;
}

async function readJson<T>(folder: string, file: string): Promise<T> {
  try {
    return JSON.parse(await readFile(path.join(folder, file), 'utf8')) as T;
  } catch {
    throw new ApiError('INVALID_INPUT', `The bundle's ${file} is missing or not JSON (${folder}).`);
  }
}

function checkSignature(signature: BundleSignature, folder: string): void {
  const ok =
    typeof signature === 'object' &&
    signature !== null &&
    Array.isArray(signature.inputs) &&
    signature.inputs.every((i) => typeof i.name === 'string' && typeof i.onnxType === 'string') &&
    (signature.task === 'regression' || Array.isArray(signature.classes));
  if (!ok) throw new ApiError('INVALID_INPUT', `The bundle's signature.json in ${folder} is not usable.`);
}

/** Checks `folder` against its manifest and opens its model.onnx once. */
export async function loadServedBundle(folderPath: string): Promise<ServedBundle> {
  const folder = await realPathOf(requireAbsolute(folderPath, 'The bundle folder'));
  const manifest = await readManifest(folder);
  const signature = await readJson<BundleSignature>(folder, 'signature.json');
  checkSignature(signature, folder);
  const lineage = await readJson<{ onnx?: BundleMetadata['onnx'] }>(folder, 'lineage.json');
  const manifestBytes = await readFile(path.join(folder, 'manifest.json'));
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(path.join(folder, 'model.onnx'));
  } catch (error) {
    throw new ApiError(
      'INVALID_INPUT',
      `ONNX Runtime cannot load the bundle's model.onnx (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  return {
    signature,
    session,
    metadata: {
      model: manifest.model,
      version: manifest.version,
      task: manifest.task,
      algorithm: manifest.algorithm,
      target: signature.target,
      createdAt: manifest.createdAt,
      digest: `sha256:${createHash('sha256').update(manifestBytes).digest('hex')}`,
      onnx: lineage.onnx ?? {},
      signature,
    },
    close: () => session.release(),
  };
}
