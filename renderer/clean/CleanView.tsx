/**
 * The Clean capability (see docs/architecture.md): Data Wrangler's layout,
 * with the operations and the form of the step being written on the left, the preview
 * grid with the diff overlay in the middle, and the recipe's steps and its code on the
 * right. Ctrl+Z / Ctrl+Shift+Z undo and redo edits of the recipe.
 */
import { useEffect } from 'react';
import type { ColumnInfo } from '../../shared/datasets';
import { useClean, useDatasets } from '../app-stores';
import { versionLabel } from '../datasets/version-label';
import { EmptyState } from '../shell/EmptyState';
import { ApplyBar } from './ApplyBar';
import { type CleanState } from './clean-store';
import { CodePanel } from './CodePanel';
import { OperationsPanel } from './OperationsPanel';
import { PreviewGrid } from './PreviewGrid';
import { RecipeMenu } from './RecipeMenu';
import { RecipeSteps } from './RecipeSteps';
import './clean.css';

/** The columns a step at `index` sees: those after the step before it. */
function columnsBefore(state: CleanState, index: number): ColumnInfo[] {
  const before = index > 0 ? state.preview?.steps[index - 1]?.columns : undefined;
  return before ?? state.version?.columns ?? [];
}

function onUndoKeys(e: KeyboardEvent) {
  if (!(e.ctrlKey || e.metaKey) || (e.key.toLowerCase() !== 'z' && e.key.toLowerCase() !== 'y')) return;
  const target = e.target as HTMLElement | null;
  if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
  e.preventDefault();
  const redo = e.key.toLowerCase() === 'y' || e.shiftKey;
  if (redo) useClean.getState().redo();
  else useClean.getState().undo();
}

export function CleanView() {
  const version = useDatasets((s) => s.version);
  const state = useClean();
  useEffect(() => useClean.getState().setVersion(version), [version]);
  useEffect(() => {
    window.addEventListener('keydown', onUndoKeys);
    return () => window.removeEventListener('keydown', onUndoKeys);
  }, []);
  if (!version) {
    return (
      <EmptyState title="Clean" icon="✎">
        <p>
          Choose a dataset and version in the bar above (or import one in Datasets). Then pick operations on
          the left: each one previews its change on the grid before it joins the recipe, and Apply makes a new
          version.
        </p>
      </EmptyState>
    );
  }
  const formIndex = state.draft ? (state.draft.editing ?? state.steps.length) : state.steps.length;
  return (
    <div className="clean-view">
      <header className="clean-header">
        <h1>
          Clean <span className="muted">{versionLabel(version)}</span>
        </h1>
        <RecipeMenu />
        <ApplyBar dataset={version.dataset} />
      </header>
      <OperationsPanel columns={columnsBefore(state, formIndex)} />
      <section className="clean-middle" aria-label="Preview">
        {state.previewError && (
          <p className="form-error" role="alert">
            {state.previewError}
          </p>
        )}
        {state.selected !== null && !state.draft && (
          <p className="muted clean-through">
            Showing the data after step {state.selected + 1}.{' '}
            <button type="button" className="link" onClick={() => useClean.getState().selectStep(null)}>
              Show all steps
            </button>
          </p>
        )}
        {state.preview ? (
          <PreviewGrid preview={state.preview} />
        ) : (
          !state.previewError && <p className="muted">{state.previewing ? 'Previewing…' : ''}</p>
        )}
      </section>
      <aside className="clean-side">
        <RecipeSteps />
        <CodePanel />
      </aside>
    </div>
  );
}
