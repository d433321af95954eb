/**
 * How a bundle's files map to CNCF ModelPack layers (docs/architecture.md): the ONNX graph
 * and the native model are weights; signature, params, metrics and the manifest are the
 * weights' config; the model card is doc; the training profile and lineage are dataset. Also
 * the ModelPack config document a push carries.
 */
import type { BundleFile } from '../../../shared/bundles';
import { modelLayerMediaType, type ArtifactFile, type ModelLayerKind } from '../registry';

export const MANIFEST_FILE = 'manifest.json';

const KINDS: Record<string, ModelLayerKind> = {
  'model.onnx': 'weight',
  'model.json': 'weight',
  'signature.json': 'weight.config',
  'params.json': 'weight.config',
  'metrics.json': 'weight.config',
  [MANIFEST_FILE]: 'weight.config',
  'README.md': 'doc',
  'profile.json': 'dataset',
  'lineage.json': 'dataset',
};

/** The bundle's files in their order, each with its layer media type. */
export const BUNDLE_FILES = Object.keys(KINDS).filter((f) => f !== MANIFEST_FILE);

export function layerMediaType(file: string): string {
  return modelLayerMediaType(KINDS[file] ?? 'doc');
}

/** The files a push sends: every file of the manifest, then the manifest itself. */
export function artifactFiles(files: readonly BundleFile[]): ArtifactFile[] {
  return [
    ...files.map((f) => ({ filepath: f.path, mediaType: layerMediaType(f.path) })),
    { filepath: MANIFEST_FILE, mediaType: layerMediaType(MANIFEST_FILE) },
  ];
}

export interface ConfigFacts {
  model: string;
  version: string;
  createdAt: string;
  algorithm: string;
  task: string;
  opset: number;
}

/** The ModelPack config (application/vnd.cncf.model.config.v1+json). */
export function modelPackConfig(f: ConfigFacts): unknown {
  return {
    descriptor: {
      name: f.model,
      version: f.version,
      createdAt: f.createdAt,
      vendor: 'Assay',
      family: f.algorithm,
    },
    config: { architecture: f.algorithm, format: 'onnx', task: f.task, opset: f.opset },
    modelfs: { type: 'layers', diffIds: [] },
  };
}
