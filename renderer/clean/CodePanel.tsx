/** The recipe as code to take away: one DuckDB SQL script or a pandas function, with copy. */
import { useClean } from '../app-stores';
import { useToasts } from '../shell/toast-store';

export function CodePanel() {
  const language = useClean((s) => s.language);
  const code = useClean((s) => s.code);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      useToasts.getState().push('info', `Copied the ${language === 'sql' ? 'SQL' : 'pandas code'}.`);
    } catch {
      useToasts.getState().push('error', 'The clipboard refused the code; select it and copy by hand.');
    }
  };
  return (
    <section className="clean-code" aria-label="Code">
      <div className="clean-panel-head">
        <div className="segmented small" role="tablist" aria-label="Language">
          {(['sql', 'pandas'] as const).map((l) => (
            <button
              key={l}
              type="button"
              role="tab"
              aria-selected={language === l}
              className={language === l ? 'on' : ''}
              onClick={() => useClean.getState().setLanguage(l)}
            >
              {l === 'sql' ? 'SQL' : 'pandas'}
            </button>
          ))}
        </div>
        <button type="button" onClick={() => void copy()} disabled={code === ''}>
          Copy
        </button>
      </div>
      <pre className="clean-code-text" data-testid="clean-code">
        {code || 'The code of the recipe appears here as you add steps.'}
      </pre>
    </section>
  );
}
