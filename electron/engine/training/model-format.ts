/**
 * The JSON-safe form of a trained model. Typed arrays become base64 of their bytes
 * (little-endian, as every platform Assay runs on) and non-finite numbers become
 * tagged strings, so `JSON.stringify` of a model loses nothing and loading it back
 * predicts bit for bit the same.
 */
import { ApiError } from '../../../shared/errors';
import type { ColumnKind, AlgorithmId, Task } from './types';

export const MODEL_FORMAT = 'assay.model/1';

export interface SerializedModel {
  format: typeof MODEL_FORMAT;
  algorithm: AlgorithmId;
  task: Task;
  /** Class labels in probability-column order (classification). */
  classes: string[];
  target: string;
  /** The columns `predict` needs, by name and kind: the model's signature. */
  inputs: Array<{ name: string; kind: ColumnKind }>;
  /** Everything else (pipeline, estimator), encoded. */
  body: unknown;
}

const TYPED = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Uint8Array,
  Int8Array,
  Int16Array,
  Uint16Array,
} as const;
type TypedName = keyof typeof TYPED;

export function encodeValue(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $num: String(value) };
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value)) {
    const name = value.constructor.name as TypedName;
    if (!(name in TYPED)) throw new Error(`cannot serialise ${name}`);
    return {
      $typed: name,
      b64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64'),
    };
  }
  if (Array.isArray(value)) return value.map(encodeValue);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encodeValue(v);
  return out;
}

export function decodeValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(decodeValue);
  const o = value as Record<string, unknown>;
  if (typeof o.$num === 'string') return Number(o.$num);
  if (typeof o.$typed === 'string' && typeof o.b64 === 'string') {
    const Ctor = TYPED[o.$typed as TypedName];
    if (!Ctor)
      throw new ApiError(
        'INVALID_INPUT',
        `The model file holds an unknown array type "${o.$typed}"; it was written by a newer Assay, so update Assay to load it.`,
      );
    const bytes = Buffer.from(o.b64, 'base64');
    // Copy into a fresh, aligned buffer: Buffer slices may not be aligned for wider types.
    const aligned = new Uint8Array(bytes.length);
    aligned.set(bytes);
    return new Ctor(aligned.buffer, 0, bytes.length / Ctor.BYTES_PER_ELEMENT);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = decodeValue(v);
  return out;
}
