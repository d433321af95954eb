// `npm run dev`: rebuilds the UI on every change and serves it in browser mode; restart
// this script after changing Node-side code.
import { spawn } from 'node:child_process';

const vite = spawn('npx', ['vite', 'build', '--watch', '--mode', 'development'], { stdio: 'inherit' });
const server = spawn(
  process.execPath,
  ['--import', 'tsx', 'electron/cli/entry.ts', ...process.argv.slice(2), 'serve'],
  {
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    vite.kill(signal);
    server.kill(signal);
  });
}
server.on('exit', (code) => {
  vite.kill();
  process.exit(code ?? 0);
});
