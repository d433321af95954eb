/** Where a run ran, recorded with it so a result can be traced to the code and machine. */
import os from 'node:os';
import { appVersion } from '../app/package-root';

export function runEnvironment(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    assay: appVersion(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: cpus.length,
    ...(cpus[0] ? { cpu: cpus[0].model.trim() } : {}),
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
  };
}
