/**
 * The ONNX messages an exported model uses, encoded with `protobuf.ts`. Field numbers are
 * those of onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto,
 * ValueInfoProto, TypeProto, OperatorSetIdProto); numeric tensors go in `raw_data`
 * (little-endian), strings in `string_data`. IR version 10 with default-domain opset 21
 * and ai.onnx.ml opset 5 (TreeEnsemble with BRANCH_MEMBER needs 5). See
 * docs/architecture.md ("Inside the training capability").
 */
import { ProtoWriter } from './protobuf';

export const IR_VERSION = 10;
export const OPSET_DEFAULT = 21;
export const OPSET_ML = 5;
export const ML_DOMAIN = 'ai.onnx.ml';

/** TensorProto.DataType values. */
export const DT = { FLOAT: 1, UINT8: 2, INT64: 7, STRING: 8, BOOL: 9, DOUBLE: 11 } as const;
export type DataType = (typeof DT)[keyof typeof DT];

export type TensorData =
  | { type: typeof DT.DOUBLE; values: ArrayLike<number> }
  | { type: typeof DT.FLOAT; values: ArrayLike<number> }
  | { type: typeof DT.INT64; values: ArrayLike<number> }
  | { type: typeof DT.UINT8; values: ArrayLike<number> }
  | { type: typeof DT.STRING; values: string[] };

export interface Tensor {
  name?: string;
  dims: number[];
  data: TensorData;
}

export type AttributeValue =
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'ints'; value: ArrayLike<number> }
  | { kind: 'floats'; value: ArrayLike<number> }
  | { kind: 'strings'; value: string[] }
  | { kind: 'tensor'; value: Tensor };

export interface NodeDef {
  opType: string;
  domain?: string;
  inputs: string[];
  outputs: string[];
  name: string;
  attributes?: Record<string, AttributeValue>;
}

export interface ValueInfo {
  name: string;
  type: DataType;
  /** A number, or a symbolic dimension such as "N". */
  dims: Array<number | string>;
}

export interface GraphDef {
  name: string;
  nodes: NodeDef[];
  initializers: Tensor[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
}

export interface ModelDef {
  graph: GraphDef;
  producerVersion: string;
  docString?: string;
  metadata?: Record<string, string>;
}

export function encodeTensor(t: Tensor): Uint8Array {
  const w = new ProtoWriter();
  w.packedInts(1, t.dims).int(2, t.data.type);
  if (t.data.type === DT.STRING) {
    for (const s of t.data.values) w.string(6, s);
  } else {
    w.bytes(9, rawBytes(t.data.type, t.data.values));
  }
  if (t.name !== undefined) w.string(8, t.name);
  return w.finish();
}

function rawBytes(type: DataType, values: ArrayLike<number>): Uint8Array {
  const width = type === DT.DOUBLE || type === DT.INT64 ? 8 : type === DT.FLOAT ? 4 : 1;
  const buf = new Uint8Array(values.length * width);
  const view = new DataView(buf.buffer);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (type === DT.DOUBLE) view.setFloat64(i * 8, v, true);
    else if (type === DT.FLOAT) view.setFloat32(i * 4, v, true);
    else if (type === DT.INT64) view.setBigInt64(i * 8, BigInt(v), true);
    else view.setUint8(i, v);
  }
  return buf;
}

/** AttributeProto.AttributeType values. */
const ATTR_TYPE = { float: 1, int: 2, string: 3, tensor: 4, floats: 6, ints: 7, strings: 8 } as const;

function encodeAttribute(name: string, a: AttributeValue): Uint8Array {
  const w = new ProtoWriter().string(1, name).int(20, ATTR_TYPE[a.kind]);
  switch (a.kind) {
    case 'float':
      return w.float(2, a.value).finish();
    case 'int':
      return w.int(3, a.value).finish();
    case 'string':
      return w.string(4, a.value).finish();
    case 'tensor':
      return w.message(5, encodeTensor(a.value)).finish();
    case 'floats':
      return w.packedFloats(7, a.value).finish();
    case 'ints':
      return w.packedInts(8, a.value).finish();
    case 'strings':
      for (const s of a.value) w.string(9, s);
      return w.finish();
  }
}

function encodeNode(n: NodeDef): Uint8Array {
  const w = new ProtoWriter();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, n.name).string(4, n.opType);
  for (const [k, v] of Object.entries(n.attributes ?? {})) w.message(5, encodeAttribute(k, v));
  if (n.domain) w.string(7, n.domain);
  return w.finish();
}

function encodeValueInfo(v: ValueInfo): Uint8Array {
  const shape = new ProtoWriter();
  for (const d of v.dims) {
    const dim = new ProtoWriter();
    if (typeof d === 'number') dim.int(1, d);
    else dim.string(2, d);
    shape.message(1, dim.finish());
  }
  const tensorType = new ProtoWriter().int(1, v.type).message(2, shape.finish()).finish();
  const type = new ProtoWriter().message(1, tensorType).finish();
  return new ProtoWriter().string(1, v.name).message(2, type).finish();
}

function encodeGraph(g: GraphDef): Uint8Array {
  const w = new ProtoWriter();
  for (const n of g.nodes) w.message(1, encodeNode(n));
  w.string(2, g.name);
  for (const t of g.initializers) w.message(5, encodeTensor(t));
  for (const i of g.inputs) w.message(11, encodeValueInfo(i));
  for (const o of g.outputs) w.message(12, encodeValueInfo(o));
  return w.finish();
}

function opset(domain: string, version: number): Uint8Array {
  return new ProtoWriter().string(1, domain).int(2, version).finish();
}

/** A whole ModelProto, ready to write as `model.onnx`. */
export function encodeModel(m: ModelDef): Uint8Array {
  const w = new ProtoWriter()
    .int(1, IR_VERSION)
    .string(2, 'assay')
    .string(3, m.producerVersion)
    .message(7, encodeGraph(m.graph))
    .message(8, opset('', OPSET_DEFAULT))
    .message(8, opset(ML_DOMAIN, OPSET_ML));
  if (m.docString) w.string(6, m.docString);
  for (const [key, value] of Object.entries(m.metadata ?? {}))
    w.message(14, new ProtoWriter().string(1, key).string(2, value).finish());
  return w.finish();
}
