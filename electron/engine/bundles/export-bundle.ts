/**
 * Writes one bundle folder (docs/architecture.md) from a finished run: model.onnx, the
 * native model.json, signature, metrics, params, lineage, the training profile, the model
 * card and manifest.json, then the .tar.gz beside it. Everything is written under a
 * temporary name and renamed at the end, so a failed or cancelled export leaves nothing.
 */
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BundleInfo } from '../../../shared/bundles';
import type { DatasetVersion } from '../../../shared/datasets';
import type { Profile } from '../../../shared/profile';
import type { RunDetail } from '../../../shared/training';
import { FEATURE_SETS_FILE, type FeatureSetsFile } from '../features/sets/bundle-definitions';
import { exportOnnx, ONNX_VERSIONS } from './onnx/export-onnx';
import { loadModelFile } from '../training/model-file';
import { BUNDLE_FILES } from './bundle-layers';
import { writeManifest } from './bundle-manifest';
import { bundleSignature } from './bundle-signature';
import { modelCard } from './model-card';
import { writeTarGz } from './tar-gz';

export interface ExportFacts {
  model: string;
  version: string;
  run: RunDetail;
  dataset: DatasetVersion;
  /** A content hash of the training version (bundle-fingerprint.ts). */
  fingerprint: string;
  missing: ReadonlyMap<string, number>;
  profile: Profile;
  codeVersion: string;
  /** The feature-set definitions the run's training version holds, when it holds any. */
  featureSets?: FeatureSetsFile | null;
}

/** artifacts/bundles/<model>/<version>/ and artifacts/bundles/<model>/<model>-<version>.tar.gz. */
export function bundlePaths(
  artifactsDir: string,
  model: string,
  version: string,
): { folder: string; tarball: string } {
  const dir = path.join(artifactsDir, 'bundles', model);
  return { folder: path.join(dir, version), tarball: path.join(dir, `${model}-${version}.tar.gz`) };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** The bundle's files, written into `dir`. */
async function writeFiles(dir: string, f: ExportFacts, createdAt: string): Promise<void> {
  const { run } = f;
  const { model } = loadModelFile(run.modelPath ?? '', `of run ${run.id}`);
  const signature = bundleSignature(model, f.dataset.columns, f.missing);
  await writeFile(path.join(dir, 'model.onnx'), exportOnnx(model, f.codeVersion));
  await copyFile(run.modelPath ?? '', path.join(dir, 'model.json'));
  await writeFile(path.join(dir, 'signature.json'), json(signature));
  await writeFile(
    path.join(dir, 'metrics.json'),
    json({
      primaryMetric: run.primaryMetric,
      validation: run.validation,
      metrics: run.metrics,
      ...(run.metricsStd && { metricsStd: run.metricsStd }),
      ...(run.folds && { folds: run.folds }),
    }),
  );
  await writeFile(
    path.join(dir, 'params.json'),
    json({ algorithm: run.algorithm, params: run.params, seed: run.seed, features: run.features }),
  );
  await writeFile(
    path.join(dir, 'lineage.json'),
    json({
      run: run.id,
      experiment: run.experiment,
      dataset: run.versionLabel,
      datasetVersion: f.dataset.id,
      rows: f.dataset.rows,
      fingerprint: f.fingerprint,
      target: run.target,
      codeVersion: f.codeVersion,
      onnx: ONNX_VERSIONS,
      trainedAt: run.createdAt,
      exportedAt: createdAt,
    }),
  );
  await writeFile(path.join(dir, 'profile.json'), json(f.profile));
  const card = modelCard({
    model: f.model,
    version: f.version,
    run,
    signature,
    opset: ONNX_VERSIONS.opset,
    mlOpset: ONNX_VERSIONS.mlOpset,
  });
  await writeFile(path.join(dir, 'README.md'), card);
  if (f.featureSets) {
    await mkdir(path.join(dir, path.dirname(FEATURE_SETS_FILE)), { recursive: true });
    await writeFile(path.join(dir, FEATURE_SETS_FILE), json(f.featureSets));
  }
}

export async function exportBundle(artifactsDir: string, f: ExportFacts): Promise<BundleInfo> {
  const { folder, tarball } = bundlePaths(artifactsDir, f.model, f.version);
  const partial = `${folder}.${process.pid}.partial`;
  const partialTar = `${tarball}.${process.pid}.partial`;
  const createdAt = new Date().toISOString();
  await mkdir(partial, { recursive: true });
  try {
    await writeFiles(partial, f, createdAt);
    const files = f.featureSets ? [...BUNDLE_FILES, FEATURE_SETS_FILE] : BUNDLE_FILES;
    const manifest = await writeManifest(partial, files, {
      model: f.model,
      version: f.version,
      task: f.run.task,
      algorithm: f.run.algorithm,
      run: f.run.id,
      dataset: f.run.versionLabel,
      createdAt,
    });
    await writeTarGz(partial, [...files, 'manifest.json'], partialTar, `${f.model}-${f.version}/`);
    await rename(partial, folder);
    await rename(partialTar, tarball);
    return {
      model: f.model,
      version: f.version,
      folder,
      tarball,
      files: manifest.files,
      createdAt,
      run: f.run.id,
      dataset: f.run.versionLabel,
    };
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    await rm(partialTar, { force: true });
    throw error;
  }
}
