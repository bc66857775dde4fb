import { createServer } from 'node:net';

/** Asks the kernel for a free TCP port on 127.0.0.1. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether a server failed to start because its port was taken (a listen error, or a server's own words). */
export function isAddressInUse(error: unknown): boolean {
  return (error as { code?: string })?.code === 'EADDRINUSE' || /address already in use/i.test(String(error));
}

/**
 * Starts a server with `start` on a port found free just before. Between finding it and listening on
 * it another socket may take the port (an outgoing connection's local port comes from the same
 * range): then it tries again on another port, up to five times. A port the caller chose (`fixed`)
 * is used as it is, once.
 */
export async function onFreePort<T>(start: (port: number) => Promise<T>, fixed?: number): Promise<T> {
  if (fixed !== undefined) return start(fixed);
  for (let attempt = 1; ; attempt++) {
    const port = await findFreePort();
    try {
      return await start(port);
    } catch (error) {
      if (attempt === 5 || !isAddressInUse(error)) throw error;
    }
  }
}
