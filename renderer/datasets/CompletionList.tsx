/** The SQL editor's suggestions; a press picks one without taking focus from the editor. */
export function CompletionList(props: {
  suggestions: string[];
  active: number;
  onPick: (s: string) => void;
}) {
  return (
    <ul className="completions" role="listbox" aria-label="Completions">
      {props.suggestions.map((s, i) => (
        <li
          key={s}
          role="option"
          aria-selected={i === props.active}
          className={i === props.active ? 'active' : ''}
          onMouseDown={(e) => (e.preventDefault(), props.onPick(s))}
        >
          {s}
        </li>
      ))}
    </ul>
  );
}
