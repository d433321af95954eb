/** A version's signature: each input column with its types, nullability and categories, then the outputs. */
import type { BundleSignature } from '../../shared/bundles';

export function SignatureTable({ signature }: { signature: BundleSignature }) {
  return (
    <div data-testid="signature">
      <p className="muted small">
        {signature.task} · target <code>{signature.target}</code>
        {signature.classes && ` · classes ${signature.classes.join(', ')}`}
      </p>
      <table className="data-table compact signature-table">
        <thead>
          <tr>
            <th>Input</th>
            <th>Column type</th>
            <th>ONNX type</th>
            <th>Nulls</th>
            <th>Categories seen</th>
          </tr>
        </thead>
        <tbody>
          {signature.inputs.map((input) => (
            <tr key={input.name}>
              <td>
                <code>{input.name}</code>
              </td>
              <td>{input.type}</td>
              <td>{input.onnxType}[N, 1]</td>
              <td>{input.nullable ? 'allowed' : 'no'}</td>
              <td className="wrap" title={input.categories?.join(', ')}>
                {input.categories ? input.categories.slice(0, 12).join(', ') : '—'}
                {input.categories && input.categories.length > 12 && ` … (${input.categories.length})`}
              </td>
            </tr>
          ))}
        </tbody>
        <tbody>
          {signature.outputs.map((output) => (
            <tr key={output.name} className="signature-output">
              <td>
                → <code>{output.name}</code>
              </td>
              <td>output</td>
              <td>
                {output.onnxType}[{output.shape.join(', ')}]
              </td>
              <td colSpan={2} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
