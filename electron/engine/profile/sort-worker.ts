/**
 * Worker entry of the profile's sort thread (see sort-thread.ts): summarises each column
 * it is sent (summarise-numbers.ts) and sends the statistics back with the value buffer,
 * so the main thread can read the next column into it. Its sort arrays are kept from one
 * column to the next, as on the main thread.
 */
import { parentPort } from 'node:worker_threads';
import type { SortReply, SortRequest } from './sort-thread';
import { SortScratch } from './sort-numbers';
import { summariseNumbers } from './summarise-numbers';

const port = parentPort!;
const scratch = new SortScratch();

port.on('message', (request: SortRequest) => {
  const { id, buffer, length, integer } = request;
  let reply: SortReply;
  try {
    const values = new Float64Array(buffer, 0, length);
    reply = { id, buffer, result: summariseNumbers({ values }, integer, scratch) };
  } catch (error) {
    reply = { id, buffer, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply, [buffer]);
});
/**
 * A fresh thread runs its first million-value column on unoptimised code (measured: about
 * twice the time of the next ones); a few small columns of the same kinds of values first
 * get the kernels compiled before any real column waits on them.
 */
function warmUp(): void {
  const values = new Float64Array(20_000);
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < values.length; i++) {
      values[i] = i % 97 === 0 ? Number.NaN : i % 89 === 0 ? 2.5 : ((i * 7919) % 10007) / 3 - 1000;
    }
    values[1] = Infinity;
    values[2] = -Infinity;
    summariseNumbers({ values }, false, scratch);
  }
}

warmUp();
port.postMessage({ ready: true } satisfies SortReply);
