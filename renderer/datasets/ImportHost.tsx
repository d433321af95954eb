/**
 * Mounts the import dialog and accepts files dropped anywhere on the window. The desktop
 * app knows a dropped file's path; in browser mode the files are uploaded into the
 * workspace first (with progress and cancel), then imported from there.
 */
import { useEffect, useState } from 'react';
import { formatPercent } from '../shell/format';
import { reportError } from '../shell/toast-store';
import { useUi } from '../shell/ui-store';
import { ImportDialog } from './ImportDialog';
import { useImport } from './import-store';
import { uploadFile, type UploadHandle } from './upload';

interface Uploading {
  names: string;
  fraction: number;
  abort(): void;
}

export function ImportHost() {
  const { open, paths, session, close } = useImport();
  const [uploading, setUploading] = useState<Uploading | null>(null);
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (!e.dataTransfer?.files.length) return;
      e.preventDefault();
      const files = [...e.dataTransfer.files];
      useUi.getState().setView('datasets');
      const bridge = window.assay;
      if (bridge) {
        useImport.getState().show(files.map((f) => bridge.pathForFile(f)).filter(Boolean));
        return;
      }
      void uploadAll(files, setUploading);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);
  return (
    <>
      {uploading && (
        <div className="upload-banner" role="status">
          <span>Uploading {uploading.names}</span>
          <div className="progress" role="progressbar" aria-valuenow={Math.round(uploading.fraction * 100)}>
            <div className="progress-fill" style={{ width: `${uploading.fraction * 100}%` }} />
          </div>
          <span>{formatPercent(uploading.fraction)}</span>
          <button type="button" className="ghost danger" onClick={uploading.abort}>
            Cancel
          </button>
        </div>
      )}
      {open ? <ImportDialog key={session} initialPaths={paths} onClose={close} /> : null}
    </>
  );
}

async function uploadAll(files: File[], report: (state: Uploading | null) => void): Promise<void> {
  const total = files.reduce((sum, f) => sum + f.size, 0) || 1;
  let sent = 0;
  let current: UploadHandle | null = null;
  let cancelled = false;
  const names = files.length === 1 ? files[0]!.name : `${files.length} files`;
  const abort = () => {
    cancelled = true;
    current?.abort();
  };
  const saved: string[] = [];
  try {
    for (const file of files) {
      if (cancelled) return;
      current = uploadFile(file, (f) => report({ names, fraction: (sent + f * file.size) / total, abort }));
      saved.push(await current.done);
      sent += file.size;
    }
    useImport.getState().show(saved);
  } catch (error) {
    if (!cancelled) reportError(error);
  } finally {
    report(null);
  }
}
