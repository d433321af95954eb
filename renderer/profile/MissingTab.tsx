/** Where values are missing: the nullity matrix and which columns go missing together. */
import type { Profile } from '../../shared/profile';
import { Heatmap } from './Heatmap';
import { MissingMatrix } from './MissingMatrix';

export function MissingTab({ profile }: { profile: Partial<Profile> }) {
  const m = profile.missing;
  if (!m) return <p className="muted">Still being computed…</p>;
  if (!m.matrix) return <p className="muted">No column has missing values.</p>;
  return (
    <div className="missing-tab">
      <MissingMatrix matrix={m.matrix} />
      {m.heatmap && (
        <Heatmap
          rows={m.heatmap.columns}
          columns={m.heatmap.columns}
          values={m.heatmap.values}
          signed
          title="Co-missingness (nullity correlation)"
        />
      )}
    </div>
  );
}
