/** Process entry of the `assay` command (bundled to dist/node/cli.js; bin/assay.js loads it). */
import { runCli } from './main';

process.exitCode = await runCli(process.argv.slice(2));
