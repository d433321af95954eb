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

/** The files a push sends: every file of the verified manifest, then the manifest itself. */
export function artifactFiles(files: readonly BundleFile[]): ArtifactFile[] {
  return [
    // The sha256s were just checked against the files (readManifest): no second hashing pass.
    ...files.map((f) => ({
      filepath: f.path,
      mediaType: layerMediaType(f.path),
      digest: `sha256:${f.sha256}`,
    })),
    { filepath: MANIFEST_FILE, mediaType: layerMediaType(MANIFEST_FILE) },
  ];
}

export interface ConfigFacts {
  model: string;
  version: string;
  createdAt: string;
  algorithm: string;
  task: string;
}

/** The ONNX versions a bundle's lineage.json records for its model.onnx. */
export interface OnnxVersions {
  irVersion: number;
  opset: number;
  mlOpset: number;
}

/**
 * The ModelPack config (application/vnd.cncf.model.config.v1+json), within the spec's schema
 * (which allows no other fields): the descriptor, the format and precision, and `modelfs`
 * with the layers' DiffIDs — for raw layers, their digests. Arithmetic in model.onnx is
 * double; the MLP's weights are float32.
 */
export function modelPackConfig(f: ConfigFacts): (diffIds: string[]) => unknown {
  return (diffIds) => ({
    descriptor: {
      name: f.model,
      version: f.version,
      createdAt: f.createdAt,
      vendor: 'Assay',
      family: f.algorithm,
      title: `${f.model} ${f.version}`,
      description: `An Assay ${f.algorithm} model (${f.task}) as one ONNX graph with its preprocessing.`,
    },
    config: {
      architecture: f.algorithm,
      format: 'onnx',
      precision: f.algorithm === 'mlp' ? 'float64,float32' : 'float64',
    },
    modelfs: { type: 'layers', diffIds },
  });
}

/**
 * What the spec's config has no field for goes into the manifest's annotations: the task and
 * the ONNX versions (`dev.assay.*`, the app's reverse-DNS namespace), beside the OCI ones.
 */
export function manifestAnnotations(f: ConfigFacts, onnx: OnnxVersions): Record<string, string> {
  return {
    'org.opencontainers.image.title': `${f.model} ${f.version}`,
    'org.opencontainers.image.version': f.version,
    'org.opencontainers.image.created': f.createdAt,
    'dev.assay.model.task': f.task,
    'dev.assay.onnx.ir-version': String(onnx.irVersion),
    'dev.assay.onnx.opset': String(onnx.opset),
    'dev.assay.onnx.ml-opset': String(onnx.mlOpset),
  };
}
