// `npm start`: the desktop app when the Electron runtime is present; otherwise one
// sentence saying why, then browser mode on this machine instead.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const child = binary
  ? spawn(binary, ['.', ...args], { stdio: 'inherit' })
  : (console.log(
      'The Electron runtime is not installed here (it downloads from the internet on first install; set ELECTRON_OVERRIDE_DIST_PATH to use an existing one), so Assay is starting in browser mode instead.',
    ),
    spawn(process.execPath, ['bin/assay.js', ...args, 'serve'], { stdio: 'inherit' }));

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
