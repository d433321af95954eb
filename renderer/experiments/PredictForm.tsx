/**
 * Use a run's model: predict on a dataset version or a file on the machine running Assay,
 * and keep the predictions as a new dataset and/or write them to a CSV or Parquet file.
 */
import { useState } from 'react';
import type { RunDetail } from '../../shared/training';
import { api, messageOf } from '../api/client';
import { algorithmLabel } from './run-labels';
import { useVersionChoices } from './use-version-choices';
import { useToasts } from '../shell/toast-store';

export function PredictForm({ run }: { run: RunDetail }) {
  const versions = useVersionChoices();
  const [source, setSource] = useState(run.version);
  const [path, setPath] = useState('');
  const [saveAs, setSaveAs] = useState(`${run.dataset}-predictions`);
  const [out, setOut] = useState('');
  const [error, setError] = useState<string | null>(null);
  const start = () => startPrediction(run.id, { source, path, saveAs, out }).then(setError);

  return (
    <form
      className="predict-form"
      aria-label="Predict"
      onSubmit={(e) => {
        e.preventDefault();
        void start();
      }}
    >
      <h3>Predict with {algorithmLabel(run.algorithm)}</h3>
      <label>
        Rows to score
        <select aria-label="Rows to score" value={source} onChange={(e) => setSource(e.target.value)}>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {v.label}
            </option>
          ))}
          <option value="file">a file…</option>
        </select>
      </label>
      {source === 'file' && (
        <label>
          File
          <input
            aria-label="File to score"
            placeholder="/data/new-customers.csv"
            value={path}
            onChange={(e) => setPath(e.target.value)}
          />
        </label>
      )}
      <label>
        Save as dataset
        <input
          aria-label="Save predictions as dataset"
          value={saveAs}
          onChange={(e) => setSaveAs(e.target.value)}
        />
      </label>
      <label>
        and/or write to
        <input
          aria-label="Write predictions to file"
          placeholder="predictions.parquet (optional)"
          value={out}
          onChange={(e) => setOut(e.target.value)}
        />
      </label>
      <button
        type="submit"
        className="primary"
        disabled={(!saveAs.trim() && !out.trim()) || (source === 'file' && !path.trim())}
      >
        Predict
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <p className="muted small">
        The input needs the model's columns: {run.features.join(', ')}. Predictions add{' '}
        <code>prediction</code>
        {run.task !== 'regression' ? ' and one probability per class' : ''}.
      </p>
    </form>
  );
}

/** Starts the prediction job; resolves to the sentence to show, or null once it started. */
async function startPrediction(
  runId: string,
  form: { source: string; path: string; saveAs: string; out: string },
): Promise<string | null> {
  try {
    const fromFile = form.source === 'file';
    await api.call('runs.predict', {
      runId,
      ...(fromFile ? { path: form.path.trim() } : { version: form.source }),
      ...(form.saveAs.trim() ? { saveAs: form.saveAs.trim() } : {}),
      ...(form.out.trim() ? { out: form.out.trim() } : {}),
    });
    useToasts.getState().push('info', 'Predicting; the jobs panel shows its progress.');
    return null;
  } catch (e) {
    return messageOf(e);
  }
}
