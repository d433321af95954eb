/**
 * Test support: a WebSocket client that asks for large answers and never reads them, as
 * a frozen tab or a hostile script would. It cannot see the server's close frame (it
 * reads nothing), so it keeps writing small calls: once the server has dropped it, the
 * kernel answers those with a reset and a write fails. (Not pings: `ws` already drops a
 * client whose pongs pile up, which would hide a missing cap on answers.)
 */
import net from 'node:net';
import { encodeMessage } from '../../../shared/wire';
import { clientFrame, upgradeRequest } from './raw-clients';

/** Answers of about 8 MB each, far more in all than any send queue should hold. */
const BIG_ANSWER_SQL = "SELECT repeat('x', 8000000) AS s";
const CALLS = 16;

/** True when the server dropped the client within `timeoutMs`; false when it kept it. */
export async function slowReaderIsDropped(port: number, token: string, timeoutMs = 20_000): Promise<boolean> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('data', () => resolve());
    socket.once('error', reject);
    socket.write(upgradeRequest(port, `/ws?token=${token}`));
  });
  socket.pause();
  for (let id = 1; id <= CALLS; id += 1) {
    const call = encodeMessage({
      type: 'call',
      id,
      method: 'sql.run',
      request: { sql: BIG_ANSWER_SQL, limit: 1 },
    });
    socket.write(clientFrame(0x1, call as string));
  }
  return new Promise<boolean>((resolve) => {
    const finish = (dropped: boolean) => {
      clearInterval(pinger);
      clearTimeout(timer);
      socket.destroy();
      resolve(dropped);
    };
    socket.once('error', () => finish(true));
    const small = encodeMessage({ type: 'call', id: 0, method: 'app.info', request: {} }) as string;
    const pinger = setInterval(() => socket.write(clientFrame(0x1, small)), 100);
    const timer = setTimeout(() => finish(false), timeoutMs);
  });
}
