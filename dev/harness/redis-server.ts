import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { type ServerProcess, spawnServer, waitUntilReady } from './child-process.js';
import { onFreePort } from './free-port.js';

/** A running redis-server of ours. */
export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Starts it again on the same port (chaos tests). */
  restart(): Promise<void>;
}

/** Explains how to get redis-server when it is missing. */
export function assertRedisServerInstalled(): void {
  if (spawnSync('redis-server', ['--version']).status === 0) return;
  throw new Error(
    'redis-server was not found. Install it (Debian/Ubuntu: `apt-get install -y redis-server`; macOS: `brew install redis`) or set REDIS_URL to a running Redis.',
  );
}

/** Starts redis-server on a free port in its own folder; `persist` keeps an append-only file there. */
export async function startRedisServer(dir: string, persist = false, port?: number): Promise<RedisServer> {
  assertRedisServerInstalled();
  mkdirSync(dir, { recursive: true });
  return onFreePort((free) => startOn(dir, persist, free), port);
}

async function startOn(dir: string, persist: boolean, listenPort: number): Promise<RedisServer> {
  const url = `redis://127.0.0.1:${listenPort}`;
  let server: ServerProcess;
  const launch = async () => {
    server = spawnServer('redis-server', [
      '--port',
      String(listenPort),
      '--bind',
      '127.0.0.1',
      '--dir',
      resolve(dir),
      '--save',
      '',
      '--appendonly',
      persist ? 'yes' : 'no',
      // BullMQ requires that Redis never evicts its keys.
      '--maxmemory-policy',
      'noeviction',
      '--daemonize',
      'no',
    ]);
    await waitUntilReady('redis-server', server, () => pingRedis(url));
  };
  await launch();
  return {
    url,
    port: listenPort,
    stop: () => server.stop(),
    restart: async () => {
      await server.stop();
      await launch();
    },
  };
}

async function pingRedis(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
  } finally {
    client.disconnect();
  }
}
