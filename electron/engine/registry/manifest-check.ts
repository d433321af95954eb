/**
 * A pulled manifest is untrusted JSON: this checks the shape the client relies on (an
 * OCI image manifest with sha256 descriptors and sizes) and says what is wrong in one
 * sentence instead of failing somewhere deeper.
 */
import { DIGEST_PATTERN, type Descriptor, type OciManifest } from './media-types';
import { RegistryError } from './registry-error';

function invalid(why: string): RegistryError {
  return new RegistryError('INVALID_INPUT', `The registry's manifest is not a usable OCI manifest: ${why}.`);
}

function checkDescriptor(value: unknown, where: string): Descriptor {
  const d = value as Partial<Descriptor> | null;
  if (typeof d !== 'object' || d === null) throw invalid(`${where} is not an object`);
  if (typeof d.mediaType !== 'string') throw invalid(`${where} has no mediaType`);
  if (typeof d.digest !== 'string' || !DIGEST_PATTERN.test(d.digest))
    throw invalid(`${where} has no sha256 digest`);
  if (typeof d.size !== 'number' || !Number.isSafeInteger(d.size) || d.size < 0)
    throw invalid(`${where} has no size`);
  if (d.annotations !== undefined && (typeof d.annotations !== 'object' || d.annotations === null)) {
    throw invalid(`${where} has annotations that are not an object`);
  }
  return d as Descriptor;
}

export function parseManifest(bytes: Buffer): OciManifest {
  let parsed: Partial<OciManifest>;
  try {
    parsed = JSON.parse(bytes.toString('utf8')) as Partial<OciManifest>;
  } catch {
    throw invalid('it is not JSON');
  }
  if (parsed.schemaVersion !== 2) throw invalid('schemaVersion is not 2');
  if (!Array.isArray(parsed.layers)) throw invalid('it has no layers');
  checkDescriptor(parsed.config, 'the config');
  parsed.layers.forEach((layer, index) => checkDescriptor(layer, `layer ${index + 1}`));
  return parsed as OciManifest;
}
