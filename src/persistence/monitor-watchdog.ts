import type { mongo } from 'mongoose';
import type { Logger } from 'pino';

/**
 * The driver's monitor of one server (`mongodb` 7.8, internal): `close()` stops its checks and
 * `connect()` starts them again with a new connection, the first check at once.
 */
interface ServerMonitor {
  close(): void;
  connect(): void;
}

interface ClientInternals {
  topology?: { s?: { servers?: Map<string, { monitor?: ServerMonitor | null }> } };
}

export interface MonitorWatchdogOptions {
  /** How long one check may take before it counts as stuck. */
  stuckAfterMs: number;
  /** How often pending checks are looked at. */
  everyMs: number;
  logger?: Logger;
}

/**
 * Restarts the driver's monitor of a server when one of its checks never ends.
 *
 * MongoDB's Node driver 7.8 can stop checking a server for good when the server restarts: the
 * server closes every connection; an operation that meets its closed connection marks the server
 * unknown and asks the monitor to check at once; if the monitor's own socket has been destroyed in
 * the same turn of the event loop but has not emitted `close` yet, the check writes its `hello` to
 * the destroyed socket. Node then returns `false` from `write` and emits no error, and the driver
 * waits for a `drain` that never comes (`Connection.writeCommand`). No further check starts, the
 * server stays unknown and every operation fails server selection until the process restarts.
 * Seen here after FerretDB restarts on a busy machine (several runs in ten; a monitor found with
 * one `drain` listener on a destroyed socket); test/integration/persistence/monitor-watchdog.test.ts
 * produces it on purpose.
 *
 * The driver bounds a real check (connect and `hello`, each within `connectTimeoutMS`), so a check
 * pending past `stuckAfterMs` is one of these: its monitor is closed and started again, through
 * the driver's own `close` and `connect`. Returns a function that stops the watchdog; it stops by
 * itself when the client closes.
 */
export function watchServerMonitors(client: mongo.MongoClient, options: MonitorWatchdogOptions): () => void {
  const pendingSince = new Map<string, number>();
  const onStarted = (event: { connectionId: string }) => {
    if (!pendingSince.has(event.connectionId)) pendingSince.set(event.connectionId, Date.now());
  };
  const onEnded = (event: { connectionId: string }) => pendingSince.delete(event.connectionId);
  client.on('serverHeartbeatStarted', onStarted);
  client.on('serverHeartbeatSucceeded', onEnded);
  client.on('serverHeartbeatFailed', onEnded);

  const timer = setInterval(() => {
    const now = Date.now();
    for (const [address, since] of pendingSince) {
      if (now - since < options.stuckAfterMs) continue;
      pendingSince.delete(address);
      const monitor = (client as unknown as ClientInternals).topology?.s?.servers?.get(address)?.monitor;
      if (!monitor) continue;
      options.logger?.warn(
        { address, pendingMs: now - since },
        'mongo server check stuck: restarting the driver monitor',
      );
      monitor.close();
      monitor.connect();
    }
  }, options.everyMs);
  timer.unref();

  const stop = () => {
    clearInterval(timer);
    client.off('serverHeartbeatStarted', onStarted);
    client.off('serverHeartbeatSucceeded', onEnded);
    client.off('serverHeartbeatFailed', onEnded);
    client.off('topologyClosed', stop);
  };
  client.on('topologyClosed', stop);
  return stop;
}
