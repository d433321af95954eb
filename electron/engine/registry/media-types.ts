/**
 * The OCI and CNCF ModelPack vocabulary a pushed model is written in (docs/architecture.md,
 * "Model registry"): the manifest, its descriptors and the media types that let any
 * ModelPack-aware tool (KitOps, Harbor, skopeo) recognise a bundle without Assay.
 */

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const MODEL_ARTIFACT_TYPE = 'application/vnd.cncf.model.manifest.v1+json';
export const MODEL_CONFIG = 'application/vnd.cncf.model.config.v1+json';
export const FILEPATH_ANNOTATION = 'org.cncf.model.filepath';
/** The file's name, mode, owner, size, mtime and type flag, as JSON (ModelPack's FileMetadata). */
export const FILE_METADATA_ANNOTATION = 'org.cncf.model.file.metadata+json';

export type ModelLayerKind = 'weight' | 'weight.config' | 'doc' | 'code' | 'dataset';
export type ModelLayerFormat = 'raw' | 'tar' | 'tar+gzip';

/** `application/vnd.cncf.model.<kind>.v1.<format>`, the ModelPack layer media type. */
export function modelLayerMediaType(kind: ModelLayerKind, format: ModelLayerFormat = 'raw'): string {
  return `application/vnd.cncf.model.${kind}.v1.${format}`;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
}

export interface OciManifest {
  schemaVersion: 2;
  mediaType: string;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

export const DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;
