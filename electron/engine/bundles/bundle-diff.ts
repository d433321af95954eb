/** Two versions of a model side by side: metrics (with deltas), signature changes, params. */
import type { BundleDiff, BundleSignature, SignatureInput } from '../../../shared/bundles';
import type { MetricKey, Metrics, ParamValue } from '../../../shared/training';

export interface DiffSide {
  version: string;
  metrics: Metrics;
  signature: BundleSignature;
  params: Record<string, ParamValue>;
}

function sameInput(a: SignatureInput, b: SignatureInput): boolean {
  return (
    a.type === b.type &&
    a.onnxType === b.onnxType &&
    a.nullable === b.nullable &&
    JSON.stringify(a.categories ?? []) === JSON.stringify(b.categories ?? [])
  );
}

export function diffVersions(model: string, from: DiffSide, to: DiffSide): BundleDiff {
  const keys = [...new Set([...Object.keys(from.metrics), ...Object.keys(to.metrics)])] as MetricKey[];
  const metrics = keys.map((metric) => {
    const a = from.metrics[metric];
    const b = to.metrics[metric];
    return {
      metric,
      ...(a !== undefined && { from: a }),
      ...(b !== undefined && { to: b }),
      ...(a !== undefined && b !== undefined && { delta: b - a }),
    };
  });
  const before = new Map(from.signature.inputs.map((i) => [i.name, i]));
  const after = new Map(to.signature.inputs.map((i) => [i.name, i]));
  const changed = [...after.values()].flatMap((b) => {
    const a = before.get(b.name);
    return a && !sameInput(a, b) ? [{ name: b.name, from: a, to: b }] : [];
  });
  const names = [...new Set([...Object.keys(from.params), ...Object.keys(to.params)])].sort();
  const params = names
    .filter((n) => JSON.stringify(from.params[n]) !== JSON.stringify(to.params[n]))
    .map((name) => ({
      name,
      ...(from.params[name] !== undefined && { from: from.params[name] }),
      ...(to.params[name] !== undefined && { to: to.params[name] }),
    }));
  return {
    model,
    from: from.version,
    to: to.version,
    metrics,
    signature: {
      added: [...after.values()].filter((i) => !before.has(i.name)),
      removed: [...before.values()].filter((i) => !after.has(i.name)),
      changed,
      outputsChanged: JSON.stringify(from.signature.outputs) !== JSON.stringify(to.signature.outputs),
    },
    params,
  };
}
