/**
 * The Registry capability: the workspace's models, a model's versions, and a version's
 * card, with Push… and Pull… to any OCI registry and the registry last used in the header.
 */
import { useEffect, useState } from 'react';
import { useRegistry } from '../app-stores';
import { EmptyState } from '../shell/EmptyState';
import { reportError } from '../shell/toast-store';
import { ModelsList } from './ModelsList';
import { ModelVersions } from './ModelVersions';
import { PullDialog } from './PullDialog';
import { TransferBar } from './TransferBar';
import { VersionCard } from './VersionCard';
import './registry.css';

export function RegistryView() {
  const state = useRegistry();
  const [pulling, setPulling] = useState(false);
  useEffect(() => {
    if (!state.loaded) void useRegistry.getState().load().catch(reportError);
  }, [state.loaded]);
  const model = state.models.find((m) => m.name === state.model);
  const header = (
    <header className="view-header">
      <h1>Registry</h1>
      {state.address && (
        <span className="muted small" data-testid="registry-address" title="The registry last used">
          oci://{state.address}
        </span>
      )}
      <span className="grow" />
      <button type="button" disabled={state.transfer !== null} onClick={() => setPulling(true)}>
        Pull…
      </button>
    </header>
  );
  const dialogs = pulling && <PullDialog onClose={() => setPulling(false)} />;
  if (state.loaded && state.models.length === 0) {
    return (
      <div className="registry-view">
        {header}
        <TransferBar />
        <EmptyState title="No models yet" icon="⬡">
          <p>
            Export a run as a model bundle from its page in Experiments (<strong>Export bundle…</strong>, or{' '}
            <code>assay export RUN</code>), or pull a version from a registry with <strong>Pull…</strong>.
          </p>
        </EmptyState>
        {dialogs}
      </div>
    );
  }
  return (
    <div className="registry-view" data-testid="registry-view">
      {header}
      <TransferBar />
      <div className="registry-layout">
        <ModelsList />
        <div className="model-pane">
          {model ? (
            <>
              <ModelVersions model={model} />
              {state.detail && state.detail.model === model.name ? (
                <VersionCard model={model} detail={state.detail} />
              ) : (
                <p className="muted">
                  {state.version
                    ? 'Loading the version…'
                    : 'Choose a version to see its card, push it or compare it.'}
                </p>
              )}
            </>
          ) : (
            <p className="muted">Choose a model.</p>
          )}
        </div>
      </div>
      {dialogs}
    </div>
  );
}
