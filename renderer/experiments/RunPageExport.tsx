/**
 * "Export bundle…" on a succeeded run's page: a model name and a semantic version (the
 * next patch of that model, or 1.0.0 for a new one), then the export job; the version
 * then lives in Registry.
 */
import { useEffect, useState } from 'react';
import { nextPatch, parseSemver, type ModelSummary } from '../../shared/bundles';
import type { RunDetail } from '../../shared/training';
import { useRegistry } from '../app-stores';
import { Dialog } from '../shell/Dialog';
import { reportError } from '../shell/toast-store';
import { useUi } from '../shell/ui-store';

const MODEL_NAME = /^[a-z0-9][a-z0-9._-]*$/;

/** A model name from the run's dataset: "Churn 2024@3" → "churn-2024". */
export function suggestModelName(run: RunDetail): string {
  const base = run.versionLabel.replace(/@\d+$/, '').toLowerCase();
  return base.replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+|-+$/g, '') || 'model';
}

/** Why this name and version cannot be exported, or null. */
function exportProblem(name: string, version: string, existing: ModelSummary | undefined): string | null {
  if (!MODEL_NAME.test(name)) return 'A model name uses lower-case letters, digits, ".", "_" and "-".';
  if (!parseSemver(version)) return 'A version is semantic: MAJOR.MINOR.PATCH, e.g. 1.0.0.';
  if (existing?.versions.some((v) => v.version === version))
    return `${name} ${version} exists; versions never change once exported.`;
  return null;
}

export function RunPageExport({ run }: { run: RunDetail }) {
  const { models, loaded, transfer, exportRun, cancelTransfer } = useRegistry();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(() => suggestModelName(run));
  const [version, setVersion] = useState<string | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  useEffect(() => {
    if (open && !loaded) void useRegistry.getState().load().catch(reportError);
  }, [open, loaded]);
  const existing = models.find((m) => m.name === name);
  const suggested = existing ? existing.nextVersion : nextPatch([]);
  const shown = version ?? suggested;
  const problem = exportProblem(name, shown, existing);
  const submit = async () => {
    setOpen(false);
    const done = await exportRun(run.id, name, shown);
    if (!done) return;
    setExported(`${done.model} ${done.version}`);
    setVersion(null);
  };
  return (
    <>
      <button type="button" disabled={transfer !== null} onClick={() => setOpen(true)}>
        Export bundle…
      </button>
      {open && (
        <Dialog title="Export as a model bundle" onClose={() => setOpen(false)}>
          <form
            aria-label="Export bundle"
            onSubmit={(e) => {
              e.preventDefault();
              if (!problem) void submit();
            }}
          >
            <label className="field-label" htmlFor="bundle-name">
              Model name
            </label>
            <input id="bundle-name" value={name} onChange={(e) => setName(e.target.value.trim())} />
            <label className="field-label" htmlFor="bundle-version">
              Version
            </label>
            <input id="bundle-version" value={shown} onChange={(e) => setVersion(e.target.value.trim())} />
            <p className="muted small">
              {existing
                ? `${name} has ${existing.versions.length} version(s); the next patch is ${existing.nextVersion}.`
                : 'A new model starts at 1.0.0.'}{' '}
              The bundle holds the ONNX graph, the native model, its signature, metrics, lineage and a model
              card.
            </p>
            {problem && <p className="form-error">{problem}</p>}
            <div className="row dialog-actions">
              <span className="grow" />
              <button type="button" onClick={() => setOpen(false)}>
                Cancel
              </button>
              <button type="submit" className="primary" disabled={problem !== null}>
                Export
              </button>
            </div>
          </form>
        </Dialog>
      )}
      {transfer?.kind === 'export' && (
        <span className="muted small" role="status">
          Exporting {transfer.target}… {transfer.stage}{' '}
          <button type="button" className="link" onClick={cancelTransfer}>
            Cancel
          </button>
        </span>
      )}
      {exported && !transfer && (
        <button type="button" className="link" onClick={() => useUi.getState().setView('registry')}>
          Open {exported} in Registry
        </button>
      )}
    </>
  );
}
