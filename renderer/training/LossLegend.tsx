/**
 * The loss chart's legend, drawn by hand because Recharts' legend icons ignore a line's
 * dash: here each entry shows the stroke as it is drawn, dashed train and solid validation.
 */
export interface LegendItem {
  label: string;
  colour: string;
  dashed: boolean;
}

export function LossLegend({ items }: { items: LegendItem[] }) {
  return (
    <ul className="loss-legend" data-testid="loss-legend">
      {items.map((item) => (
        <li key={item.label}>
          <svg width="22" height="8" aria-hidden="true">
            <line
              x1="1"
              y1="4"
              x2="21"
              y2="4"
              stroke={item.colour}
              strokeWidth="2"
              strokeDasharray={item.dashed ? TRAIN_DASH : undefined}
            />
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}

/** The dash of training-loss lines, in the chart and in its legend. */
export const TRAIN_DASH = '4 3';
