import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP server (on 127.0.0.1 unless told otherwise) that can be started and stopped once each. */
export interface LocalServer {
  /** Base URL without a trailing slash (empty before start). */
  readonly url: string;
  /** The underlying server, for `upgrade` listeners. */
  readonly server: Server;
  /** Listens on `host` (default 127.0.0.1); the URL names 127.0.0.1 for a wildcard host. */
  start(port?: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

/** Wraps a request listener in a 127.0.0.1 server. */
export function createLocalServer(listener: RequestListener): LocalServer {
  const server = createServer(listener);
  let url = '';
  return {
    get url() {
      return url;
    },
    server,
    start(port = 0, host = '127.0.0.1') {
      return new Promise<string>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const named = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
          url = `http://${named.includes(':') ? `[${named}]` : named}:${(server.address() as AddressInfo).port}`;
          resolve(url);
        });
      });
    },
    stop() {
      if (!server.listening) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive sockets from SDK clients would otherwise hold close() open.
        server.closeAllConnections();
      });
    },
  };
}
