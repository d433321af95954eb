/**
 * Sends files dropped in browser mode to the server (which keeps them in the workspace's
 * uploads/ folder) with byte progress, so they can be imported like local files.
 * XMLHttpRequest, because fetch reports no upload progress.
 */
export interface UploadHandle {
  done: Promise<string>;
  abort(): void;
}

export function uploadFile(file: File, onProgress: (fraction: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<string>((resolve, reject) => {
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      const body = JSON.parse(xhr.responseText || '{}') as { path?: string; message?: string };
      if (xhr.status === 200 && body.path) resolve(body.path);
      else reject(new Error(body.message ?? `The upload of ${file.name} failed (HTTP ${xhr.status}).`));
    };
    xhr.onerror = () =>
      reject(new Error(`The upload of ${file.name} broke off; check the connection and drop it again.`));
    xhr.onabort = () => reject(new Error(`The upload of ${file.name} was cancelled.`));
  });
  xhr.open('POST', `/upload?name=${encodeURIComponent(file.name)}`);
  xhr.send(file);
  return { done, abort: () => xhr.abort() };
}
