/**
 * The registry client's public surface (docs/architecture.md, "Model registry"): what
 * the bundle export, the CLI and the Registry view use to push, pull and list models.
 */
export { pushModel, pullModel, listModelTags, type RegistryOptions } from './registry-client';
export type { ArtifactFile, PushRequest, PushResult, TransferProgress } from './push-artifact';
export type { PullRequest, PullResult } from './pull-artifact';
export type { Credentials } from './registry-auth';
export type { RetryPolicy } from './backoff';
export {
  FILE_METADATA_ANNOTATION,
  FILEPATH_ANNOTATION,
  MODEL_ARTIFACT_TYPE,
  MODEL_CONFIG,
  modelLayerMediaType,
  type ModelLayerKind,
  type ModelLayerFormat,
} from './media-types';
export { parseOciReference, formatOciReference, type OciReference } from './oci-reference';
export { digestFile } from './file-digest';
