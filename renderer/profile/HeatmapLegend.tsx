/**
 * A heatmap's colour key as HTML below the matrix rather than inside the SVG, so it is
 * always whole however few columns the matrix has.
 */
import { heatColour } from '../../shared/profile/heat-colour';

export function HeatmapLegend({ signed }: { signed: boolean }) {
  const stops = signed ? [-1, -0.5, 0, 0.5, 1] : [0, 0.25, 0.5, 0.75, 1];
  const gradient = stops.map((v) => heatColour(v, signed)).join(', ');
  return (
    <div className="heatmap-legend" data-testid="heatmap-legend">
      <div className="heatmap-scale">
        <span className="heatmap-ramp" style={{ background: `linear-gradient(to right, ${gradient})` }} />
        <span className="heatmap-ticks">
          <span>{signed ? '−1' : '0'}</span>
          <span>{signed ? '0' : '0.5'}</span>
          <span>1</span>
        </span>
      </div>
      <span className="heatmap-undefined">
        <span className="heatmap-swatch" /> undefined
      </span>
    </div>
  );
}
