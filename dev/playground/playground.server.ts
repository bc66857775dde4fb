import type { Server } from 'node:http';
import { join } from 'node:path';
import express, { type Router } from 'express';

/** Where the page lives: plain files, no build step. */
export const PUBLIC_DIR = join(import.meta.dirname, 'public');

/** The page and its API on one HTTP server. */
export async function servePlayground(
  api: Router,
  port: number,
  host: string,
  /** The cockpit (驾驶舱), opened as the demo office admin, at `/cockpit`. */
  cockpit?: Router,
): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.disable('x-powered-by');
  app.use('/api', api);
  if (cockpit) app.use('/cockpit', cockpit);
  // The page is small and changes while people work on it: never cache it.
  app.use(
    express.static(PUBLIC_DIR, {
      etag: false,
      lastModified: false,
      setHeaders: (res) => res.setHeader('Cache-Control', 'no-store'),
    }),
  );
  const server = await new Promise<Server>((resolve, reject) => {
    // Express 5 passes a listen error to the callback as well.
    const listening = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  const address = server.address() as { port: number };
  return {
    url: `http://${host}:${address.port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
