/**
 * The push/pull half of the bundles benchmark: a bundle of `mb` megabytes pushed to and pulled
 * from a local docker-registry by Assay's registry client (the code `assay push` and `assay
 * pull` run) and by `skopeo copy` for the same manifest and blobs, alternating, each into a
 * fresh repository or folder so nothing is skipped. The content is honest: the real files of
 * the serve benchmark's GBDT bundle plus one `weights.bin` of random bytes (incompressible,
 * like trained weights) as a `weight` layer, so the artifact is ~`mb` MB with real layer types.
 */
import { spawnSync } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  copyFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { modelLayerMediaType, pullModel, pushModel, type ArtifactFile } from '../../electron/engine/registry';
import { startRegistry } from '../../electron/testing/registry-server';

export interface TransferFigures {
  mb: number;
  ours: { pushMBs: number; pullMBs: number };
  skopeo: { pushMBs: number; pullMBs: number };
}

async function writeRandom(file: string, bytes: number): Promise<void> {
  const out = createWriteStream(file);
  for (let done = 0; done < bytes;) {
    const n = Math.min(8 << 20, bytes - done);
    if (!out.write(randomBytes(n))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    done += n;
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

/** The bundle's files plus weights.bin, in a folder kept under bench/.data. */
async function transferFolder(
  dataDir: string,
  bundle: string,
  mb: number,
): Promise<{ folder: string; files: ArtifactFile[] }> {
  const folder = path.join(dataDir, `transfer-${mb}mb`);
  const weights = path.join(folder, 'weights.bin');
  mkdirSync(folder, { recursive: true });
  for (const f of readdirSync(bundle))
    if (!f.endsWith('.tar.gz')) copyFileSync(path.join(bundle, f), path.join(folder, f));
  if (!existsSync(weights) || statSync(weights).size !== mb * 1e6) await writeRandom(weights, mb * 1e6);
  const kind = (f: string): 'weight' | 'weight.config' | 'doc' | 'dataset' =>
    /\.(onnx|bin)$|^model\.json$/.test(f)
      ? 'weight'
      : f === 'README.md'
        ? 'doc'
        : /profile|lineage/.test(f)
          ? 'dataset'
          : 'weight.config';
  const files = readdirSync(folder)
    .sort()
    .map((f) => ({ filepath: f, mediaType: modelLayerMediaType(kind(f)) }));
  return { folder, files };
}

function skopeo(args: string[]): void {
  const r = spawnSync('skopeo', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`skopeo ${args.join(' ')}: ${r.stderr}`);
}

const seconds = async (fn: () => Promise<unknown> | unknown): Promise<number> => {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchTransfer(
  dataDir: string,
  bundle: string,
  mb: number,
  repeats: number,
): Promise<TransferFigures> {
  const { folder, files } = await transferFolder(dataDir, bundle, mb);
  const bytes = files.reduce((sum, f) => sum + statSync(path.join(folder, f.filepath)).size, 0);
  const scratch = path.join(dataDir, 'transfer-scratch');
  rmSync(scratch, { recursive: true, force: true });
  const t = {
    oursPush: [] as number[],
    oursPull: [] as number[],
    skopeoPush: [] as number[],
    skopeoPull: [] as number[],
  };
  const config = {
    descriptor: { name: 'bench' },
    config: { format: 'onnx' },
    modelfs: { type: 'layers', diffIds: [] },
  };
  for (let i = 0; i < repeats; i++) {
    // Two fresh registries per round: skopeo's blob-info cache would otherwise mount blobs it
    // has seen in another repository of the same registry instead of uploading them.
    const [a, b] = [await startRegistry(), await startRegistry()];
    mkdirSync(scratch, { recursive: true });
    try {
      t.oursPush.push(
        await seconds(() => pushModel(`oci://${a.host}/bench/model:1.0.0`, { folder, files, config })),
      );
      const layout = `oci:${path.join(scratch, 'layout')}:1.0.0`;
      t.skopeoPull.push(
        await seconds(() =>
          skopeo(['copy', '--src-tls-verify=false', `docker://${a.host}/bench/model:1.0.0`, layout]),
        ),
      );
      t.skopeoPush.push(
        await seconds(() =>
          skopeo(['copy', '--dest-tls-verify=false', layout, `docker://${b.host}/bench/model:1.0.0`]),
        ),
      );
      const pulled = path.join(scratch, 'pulled');
      mkdirSync(pulled);
      t.oursPull.push(
        await seconds(() => pullModel(`oci://${b.host}/bench/model:1.0.0`, { folder: pulled })),
      );
    } finally {
      await a.stop();
      await b.stop();
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  const rate = (xs: number[]): number => bytes / 1e6 / median(xs);
  return {
    mb: bytes / 1e6,
    ours: { pushMBs: rate(t.oursPush), pullMBs: rate(t.oursPull) },
    skopeo: { pushMBs: rate(t.skopeoPush), pullMBs: rate(t.skopeoPull) },
  };
}
