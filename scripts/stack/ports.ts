// Port helpers of the local stack: a clear error naming the port when one is taken, and a free port
// for tests (the OS picks it; a tiny race with other processes is accepted).
import { createServer } from 'node:net';

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly role: string,
    hint: string,
  ) {
    super(`port ${port} (${role}) is already in use on 127.0.0.1: ${hint}`);
  }
}

function listenOnce(host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve(actual));
    });
  });
}

/** Throws PortInUseError when `port` cannot be bound on `host`. */
export async function assertPortFree(host: string, port: number, role: string, hint: string): Promise<void> {
  try {
    await listenOnce(host, port);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') throw new PortInUseError(port, role, hint);
    throw err;
  }
}

/** A port that was free a moment ago. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return listenOnce(host, 0);
}
