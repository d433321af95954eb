/**
 * A minimal protocol-buffers writer: varints, length-delimited fields, packed repeated
 * scalars and fixed 32/64-bit values — exactly what the ONNX messages of an exported
 * model need. Hand-written because no maintained small library fits: protobufjs is large
 * and reflection-based, and writing a model touches a dozen messages whose field numbers
 * `onnx-proto.ts` states. Messages are built bottom-up: each `finish()` returns bytes that
 * the parent embeds as a length-delimited field. See docs/architecture.md ("Inside the training capability").
 */

const WIRE_VARINT = 0;
const WIRE_64 = 1;
const WIRE_LEN = 2;

const utf8 = new TextEncoder();

/** Collects one message's fields; bytes are concatenated once in `finish`. */
export class ProtoWriter {
  private readonly parts: Uint8Array[] = [];
  private size = 0;

  private push(bytes: Uint8Array): void {
    this.parts.push(bytes);
    this.size += bytes.length;
  }

  private key(field: number, wire: number): void {
    this.push(varint(field * 8 + wire));
  }

  /** int32/int64/enum/bool; negative values take ten bytes (two's complement), as protobuf says. */
  int(field: number, value: number): this {
    this.key(field, WIRE_VARINT);
    this.push(varint(value));
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.key(field, WIRE_LEN);
    this.push(varint(value.length));
    this.push(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, utf8.encode(value));
  }

  /** An embedded message (already finished). */
  message(field: number, value: Uint8Array): this {
    return this.bytes(field, value);
  }

  /** Packed repeated varints (ints, int64 dims). */
  packedInts(field: number, values: ArrayLike<number>): this {
    const inner = new ProtoWriter();
    for (let i = 0; i < values.length; i++) inner.push(varint(values[i]));
    return this.bytes(field, inner.finish());
  }

  /** Packed repeated float (32-bit, little-endian). */
  packedFloats(field: number, values: ArrayLike<number>): this {
    const buf = new Uint8Array(values.length * 4);
    const view = new DataView(buf.buffer);
    for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
    return this.bytes(field, buf);
  }

  /** One 32-bit float field (AttributeProto.f). */
  float(field: number, value: number): this {
    const buf = new Uint8Array(4);
    new DataView(buf.buffer).setFloat32(0, value, true);
    this.key(field, 5);
    this.push(buf);
    return this;
  }

  /** One 64-bit double field. */
  double(field: number, value: number): this {
    const buf = new Uint8Array(8);
    new DataView(buf.buffer).setFloat64(0, value, true);
    this.key(field, WIRE_64);
    this.push(buf);
    return this;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}

/** Base-128 varint of an integer; negatives as their 64-bit two's complement. */
export function varint(value: number): Uint8Array {
  if (!Number.isSafeInteger(value)) throw new RangeError(`varint needs a safe integer, got ${value}`);
  if (value >= 0 && value < 0x80) return Uint8Array.of(value);
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return Uint8Array.from(out);
}
