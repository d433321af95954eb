/**
 * A bundle's README.md, its model card: what the model predicts and from what, the data it
 * learned from, its metrics with the validation scheme that measured them, its limitations,
 * and how to run model.onnx with ONNX Runtime in Python, Node, Java and C#.
 */
import type { BundleSignature } from '../../../shared/bundles';
import { formatMetric, METRIC_LABELS } from '../../../shared/metrics';
import type { MetricKey, RunDetail, ValidationSpec } from '../../../shared/training';

export interface CardFacts {
  model: string;
  version: string;
  run: RunDetail;
  signature: BundleSignature;
  opset: number;
  mlOpset: number;
}

function validationText(v: ValidationSpec): string {
  if (v.kind === 'kfold') return `${v.folds ?? 5}-fold cross-validation (mean over folds)`;
  if (v.kind === 'none') return 'no held-out data (training metrics; optimistic)';
  const share = Math.round((v.fraction ?? 0.2) * 100);
  return `a ${share}% ${v.strategy ?? 'random'} holdout`;
}

function feedsFor(signature: BundleSignature): string {
  const first = signature.inputs[0];
  if (!first) return '';
  return first.onnxType === 'string' ? `["${first.categories?.[0] ?? 'a'}"]` : '[1.0]';
}

function snippets(signature: BundleSignature): string {
  const first = signature.inputs[0]?.name ?? 'x';
  const out = signature.task === 'regression' ? 'prediction' : 'probabilities';
  return `### Python
\`\`\`python
import numpy as np, onnxruntime as ort
session = ort.InferenceSession("model.onnx")
# one input per column, shape [N, 1]: float64 for numbers, str objects for text (missing: NaN / "")
feeds = {i.name: np.array([[1.0]]) if i.type == "tensor(double)" else np.array([["a"]], dtype=object)
         for i in session.get_inputs()}
print(session.run(["${out}"], feeds))
\`\`\`

### Node
\`\`\`js
const ort = require('onnxruntime-node');
const session = await ort.InferenceSession.create('model.onnx');
// every input: new ort.Tensor('float64' | 'string', values, [rows, 1])
const result = await session.run({ '${first}': new ort.Tensor(…, ${feedsFor(signature)}, [1, 1]), … });
console.log(result.${out}.data);
\`\`\`

### Java
\`\`\`java
var env = ai.onnxruntime.OrtEnvironment.getEnvironment();
var session = env.createSession("model.onnx");
var feeds = Map.of("${first}", OnnxTensor.createTensor(env, new double[][] {{1.0}}) /* , … */);
try (var result = session.run(feeds)) { System.out.println(result.get("${out}").get().getValue()); }
\`\`\`

### C#
\`\`\`csharp
using var session = new Microsoft.ML.OnnxRuntime.InferenceSession("model.onnx");
var feeds = new List<NamedOnnxValue> {
  NamedOnnxValue.CreateFromTensor("${first}", new DenseTensor<double>(new[] { 1.0 }, new[] { 1, 1 })), /* … */ };
using var results = session.Run(feeds);
Console.WriteLine(results.First(r => r.Name == "${out}").AsTensor<double>().GetArrayString());
\`\`\`
`;
}

export function modelCard(f: CardFacts): string {
  const { run, signature } = f;
  const metricRows = (Object.entries(run.metrics) as Array<[MetricKey, number]>)
    .map(([k, v]) => `| ${METRIC_LABELS[k]} | ${formatMetric(k, v)} |`)
    .join('\n');
  const outputs =
    signature.task === 'regression'
      ? '`prediction` ([N, 1], the predicted value)'
      : `\`label\` ([N], the most probable class) and \`probabilities\` ([N, ${signature.classes?.length ?? 0}], classes in the order ${(signature.classes ?? []).map((c) => `"${c}"`).join(', ')})`;
  return `# ${f.model} ${f.version}

A ${run.algorithm} model predicting **${run.target}** (${run.task}), exported by Assay from run \`${run.id}\`.

## Intended use
Scoring rows shaped like the training data of ${run.versionLabel}: the same columns, meanings and
units. It was not reviewed for decisions about people; check it on your own data first.

## Data
Trained on ${run.versionLabel}${run.trainRows ? ` (${run.trainRows} training rows` + (run.validRows ? `, ${run.validRows} validation rows)` : ')') : ''}.
Inputs (one ONNX input each, shape [N, 1]): ${signature.inputs.map((i) => `\`${i.name}\` (${i.onnxType}${i.nullable ? ', may be missing' : ''})`).join(', ')}.
Outputs: ${outputs}. \`profile.json\` is the training data's profile, the reference for drift checks.

## Metrics
Measured on ${validationText(run.validation)}.

| metric | value |
| ------ | ----- |
${metricRows}

## Limitations
- Categories not seen in training are treated as missing or "other"; numbers far outside the
  training range are extrapolated by the ${run.algorithm} model as is.
- The metrics hold for data like the training data; they say nothing about a shifted population.
${(run.warnings ?? []).map((w) => `- ${w}`).join('\n')}

## Files
\`model.onnx\` (ONNX opset ${f.opset}, ai.onnx.ml ${f.mlOpset}), \`model.json\` (Assay's native model:
\`assay predict\`), \`signature.json\`, \`metrics.json\`, \`params.json\`, \`lineage.json\`, \`profile.json\`,
and \`manifest.json\` with the sha256 of every file.

## Load it with ONNX Runtime
Missing numbers are NaN, missing text the empty string.

${snippets(signature)}`;
}
