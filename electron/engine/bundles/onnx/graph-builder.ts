/**
 * Builds an ONNX graph one operator at a time: every call returns the name of the value it
 * produced, so exporters read like the engine's arithmetic. Internal names are fresh and
 * never equal a graph input (a column) or one of the reserved output names. See
 * docs/architecture.md ("Inside the training capability").
 */
import {
  DT,
  ML_DOMAIN,
  type AttributeValue,
  type GraphDef,
  type NodeDef,
  type Tensor,
  type ValueInfo,
} from './onnx-proto';

export class GraphBuilder {
  readonly nodes: NodeDef[] = [];
  readonly initializers: Tensor[] = [];
  readonly inputs: ValueInfo[] = [];
  readonly outputs: ValueInfo[] = [];
  private readonly taken = new Set<string>();
  private counter = 0;

  /** Names the graph must not produce internally (its outputs, decided up front). */
  constructor(reserved: string[]) {
    for (const r of reserved) this.taken.add(r);
  }

  fresh(hint: string): string {
    let name: string;
    do name = `_${hint}_${this.counter++}`;
    while (this.taken.has(name));
    this.taken.add(name);
    return name;
  }

  input(info: ValueInfo): string {
    this.taken.add(info.name);
    this.inputs.push(info);
    return info.name;
  }

  output(info: ValueInfo): void {
    this.outputs.push(info);
  }

  /** One node; returns its (first) output. `out` names the output explicitly (graph outputs). */
  op(
    opType: string,
    inputs: string[],
    attributes: Record<string, AttributeValue> = {},
    options: { domain?: 'ml'; out?: string } = {},
  ): string {
    const out = options.out ?? this.fresh(opType.toLowerCase());
    this.nodes.push({
      opType,
      domain: options.domain === 'ml' ? ML_DOMAIN : undefined,
      inputs,
      outputs: [out],
      name: this.fresh(`n_${opType}`),
      attributes,
    });
    return out;
  }

  /** A constant as an initializer. */
  constant(hint: string, dims: number[], data: Tensor['data']): string {
    const name = this.fresh(hint);
    this.initializers.push({ name, dims, data });
    return name;
  }

  doubles(hint: string, values: ArrayLike<number>, dims: number[] = [values.length]): string {
    return this.constant(hint, dims, { type: DT.DOUBLE, values: Array.from(values) });
  }

  floats(hint: string, values: ArrayLike<number>, dims: number[] = [values.length]): string {
    return this.constant(hint, dims, { type: DT.FLOAT, values: Array.from(values) });
  }

  int64s(hint: string, values: ArrayLike<number>, dims: number[] = [values.length]): string {
    return this.constant(hint, dims, { type: DT.INT64, values: Array.from(values) });
  }

  /** Renames a value into a graph output with an Identity node. */
  expose(value: string, info: ValueInfo): void {
    this.op('Identity', [value], {}, { out: info.name });
    this.output(info);
  }

  build(name: string): GraphDef {
    return {
      name,
      nodes: this.nodes,
      initializers: this.initializers,
      inputs: this.inputs,
      outputs: this.outputs,
    };
  }
}

export const attr = {
  int: (value: number): AttributeValue => ({ kind: 'int', value }),
  float: (value: number): AttributeValue => ({ kind: 'float', value }),
  ints: (value: ArrayLike<number>): AttributeValue => ({ kind: 'ints', value }),
  floats: (value: ArrayLike<number>): AttributeValue => ({ kind: 'floats', value }),
  strings: (value: string[]): AttributeValue => ({ kind: 'strings', value }),
  tensor: (value: Tensor): AttributeValue => ({ kind: 'tensor', value }),
};
