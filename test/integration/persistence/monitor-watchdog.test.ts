import mongoose from 'mongoose';
import pino from 'pino';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { watchServerMonitors } from '../../../src/persistence/monitor-watchdog.js';

/** The driver's internals this test reaches into to produce the stuck check (mongodb 7.8). */
interface Internals {
  topology: {
    s: {
      servers: Map<
        string,
        { monitor: { connection: { socket: import('node:net').Socket } | null; requestCheck(): void } }
      >;
    };
  };
}

describe('the watchdog of the driver monitor', () => {
  let client: mongoose.mongo.MongoClient | undefined;
  afterEach(async () => {
    await client?.close();
    client = undefined;
  });

  it('restarts a monitor whose check writes to a destroyed socket and never ends', async () => {
    client = new mongoose.mongo.MongoClient(inject('mongoUri'), {
      directConnection: true,
      // Checks only when asked (and at once when asked), so the test decides when one starts.
      heartbeatFrequencyMS: 600_000,
      minHeartbeatFrequencyMS: 0,
    });
    const heartbeats: string[] = [];
    client.on('serverHeartbeatStarted', () => heartbeats.push('started'));
    client.on('serverHeartbeatSucceeded', () => heartbeats.push('succeeded'));
    client.on('serverHeartbeatFailed', () => heartbeats.push('failed'));
    await client.connect();
    const servers = [...(client as unknown as Internals).topology.s.servers];
    expect(servers).toHaveLength(1);
    const [address, server] = servers[0]!;
    await expect.poll(() => server.monitor.connection).not.toBeNull();

    const logs: string[] = [];
    watchServerMonitors(client, {
      stuckAfterMs: 1_000,
      everyMs: 100,
      logger: pino({ level: 'warn' }, { write: (line: string) => logs.push(line) }),
    });

    // The race a server restart makes: the monitor's socket is destroyed and, before it emits
    // `close`, a check is asked for (as an operation that met a closed connection asks).
    const socket = server.monitor.connection!.socket;
    const before = heartbeats.length;
    socket.destroy();
    server.monitor.requestCheck();
    // The driver's defect, as seen after FerretDB restarts: the check waits for a `drain` the
    // destroyed socket never emits. (If a driver upgrade fixes it, this fails: the watchdog may go.)
    await expect.poll(() => socket.listenerCount('drain')).toBe(1);
    expect(heartbeats.slice(before)).toEqual(['started']);

    // The watchdog restarts the monitor; its next check succeeds on a new connection.
    await expect.poll(() => heartbeats.slice(before)).toEqual(['started', 'started', 'succeeded']);
    expect(logs).toHaveLength(1);
    expect(JSON.parse(logs[0]!)).toMatchObject({
      address,
      msg: 'mongo server check stuck: restarting the driver monitor',
    });
    expect(server.monitor.connection?.socket).not.toBe(socket);
    await expect(client.db('admin').command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
  });

  it('stops when the client closes', async () => {
    client = new mongoose.mongo.MongoClient(inject('mongoUri'), { directConnection: true });
    await client.connect();
    watchServerMonitors(client, { stuckAfterMs: 1_000, everyMs: 100 });
    expect(client.listenerCount('serverHeartbeatStarted')).toBe(1);
    await client.close();
    expect(client.listenerCount('serverHeartbeatStarted')).toBe(0);
    expect(client.listenerCount('topologyClosed')).toBe(0);
  });
});
