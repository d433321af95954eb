/** One run's confusion matrix on validation data, shaded by count. */
export function ConfusionMatrix({
  confusion,
  name,
}: {
  confusion: { labels: string[]; matrix: number[][] };
  name: string;
}) {
  const max = Math.max(1, ...confusion.matrix.flat());
  return (
    <div data-testid="confusion">
      <h3>Confusion matrix of {name} (rows: actual, columns: predicted)</h3>
      <table className="confusion">
        <thead>
          <tr>
            <th />
            {confusion.labels.map((l) => (
              <th key={l}>{l}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {confusion.matrix.map((row, i) => (
            <tr key={i}>
              <th>{confusion.labels[i]}</th>
              {row.map((n, j) => (
                <td
                  key={j}
                  style={{
                    background: `hsl(215 75% ${96 - (n / max) * 50}%)`,
                    color: n / max > 0.6 ? '#fff' : undefined,
                  }}
                >
                  {n.toLocaleString()}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
