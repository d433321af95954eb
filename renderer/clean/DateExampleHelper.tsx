/**
 * parse_date's "by example" helper: type (or pick from the column's values) one date as it
 * is written, and the formats that read it are offered as buttons that fill the Format
 * field. The column's values shown in the preview decide day against month; when they do
 * not, every reading is offered, so the person chooses rather than the helper guessing.
 */
import { useMemo, useState } from 'react';
import { guessDateFormats } from '../../shared/clean/date-format-guess';
import { formatCount } from '../../shared/format';
import { useClean } from '../app-stores';
import { columnSamples } from './column-samples';

export function DateExampleHelper({ column, onUse }: { column: string; onUse: (format: string) => void }) {
  const preview = useClean((s) => s.preview);
  const [example, setExample] = useState('');
  const values = useMemo(() => columnSamples(preview, column), [preview, column]);
  const guesses = useMemo(() => guessDateFormats(example, values), [example, values]);
  const checked = guesses[0]?.checked ?? 0;
  return (
    <fieldset className="clean-date-helper" aria-label="Format by example">
      <legend>Format by example</legend>
      <input
        aria-label="Example date"
        placeholder="e.g. Jun 12 1998, 12/06/1998, 1998-06-12 14:30"
        list="clean-date-examples"
        value={example}
        onChange={(e) => setExample(e.target.value)}
      />
      <datalist id="clean-date-examples">
        {values.slice(0, 12).map((v) => (
          <option key={v} value={v} />
        ))}
      </datalist>
      {example === '' && values.length > 0 && (
        <div className="row clean-date-samples">
          <span className="muted">From {column}:</span>
          {values.slice(0, 3).map((v) => (
            <button key={v} type="button" className="chip" onClick={() => setExample(v)}>
              {v}
            </button>
          ))}
        </div>
      )}
      {example !== '' && guesses.length === 0 && <p className="muted">No date format reads “{example}”.</p>}
      {guesses.length > 0 && (
        <div className="row clean-date-guesses" data-testid="date-guesses">
          {guesses.map((g) => (
            <button key={g.format} type="button" onClick={() => onUse(g.format)}>
              Use {g.format}
            </button>
          ))}
        </div>
      )}
      {guesses.length > 1 && (
        <p className="muted">
          {checked > 0 ? `The ${formatCount(checked)} values shown` : 'One example'} cannot tell these apart:
          choose the one your data uses.
        </p>
      )}
      {guesses.length === 1 && checked > 0 && (
        <p className="muted">
          Reads {formatCount(guesses[0]?.matched ?? 0)} of the {formatCount(checked)} values shown.
        </p>
      )}
    </fieldset>
  );
}
