/** A sniffed text option the person may override; empty means "let the sniffer decide". */
export function TextOption(props: {
  label: string;
  value: string | undefined;
  narrow?: boolean;
  onChange: (value: string | undefined) => void;
}) {
  return (
    <label>
      {props.label}
      <input
        className={props.narrow ? 'tiny' : 'narrow'}
        placeholder="auto"
        maxLength={props.narrow ? 1 : 60}
        defaultValue={props.value ?? ''}
        onBlur={(e) => e.target.value !== (props.value ?? '') && props.onChange(e.target.value || undefined)}
      />
    </label>
  );
}
