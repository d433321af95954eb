/** The CSV reader's options as sniffed, each one the person may override. */
import type { ImportOptions } from '../../shared/datasets';
import { TextOption } from './TextOption';

interface Props {
  options: ImportOptions;
  change(patch: Partial<ImportOptions>): void;
}

export function CsvOptions({ options, change }: Props) {
  return (
    <>
      <label>
        Delimiter
        <select value={options.delimiter ?? ','} onChange={(e) => change({ delimiter: e.target.value })}>
          {[',', ';', '\t', '|', ' '].map((d) => (
            <option key={d} value={d}>
              {d === '\t' ? 'Tab' : d === ' ' ? 'Space' : d}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          checked={options.header ?? true}
          onChange={(e) => change({ header: e.target.checked })}
        />{' '}
        Header row
      </label>
      <label>
        Decimal
        <select
          value={options.decimalSeparator ?? '.'}
          onChange={(e) => change({ decimalSeparator: e.target.value as '.' | ',' })}
        >
          <option value=".">1.5</option>
          <option value=",">1,5</option>
        </select>
      </label>
      <TextOption label="Dates" value={options.dateFormat} onChange={(v) => change({ dateFormat: v })} />
      <TextOption
        label="Timestamps"
        value={options.timestampFormat}
        onChange={(v) => change({ timestampFormat: v })}
      />
      <TextOption label="Quote" value={options.quote} narrow onChange={(v) => change({ quote: v })} />
      <TextOption label="Escape" value={options.escape} narrow onChange={(v) => change({ escape: v })} />
      <label>
        Encoding
        <select value={options.encoding ?? 'utf-8'} onChange={(e) => change({ encoding: e.target.value })}>
          <option value="utf-8">UTF-8</option>
          <option value="utf-16">UTF-16</option>
          <option value="latin-1">Latin-1</option>
        </select>
      </label>
    </>
  );
}
