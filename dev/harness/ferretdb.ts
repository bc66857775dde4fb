import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import mongoose from 'mongoose';
import { type ServerProcess, spawnServer, waitUntilReady } from './child-process.js';
import { onFreePort } from './free-port.js';

export const FERRETDB_VERSION = 'v1.24.2';

/** Where scripts/build-ferretdb.sh puts the binary (FERRETDB_BIN overrides it). */
export function ferretdbBinaryPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FERRETDB_BIN) return env.FERRETDB_BIN;
  const cache = env.DUBAN_CACHE_DIR ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'duban');
  return join(cache, `ferretdb-${FERRETDB_VERSION}`, 'ferretdb');
}

/** Builds FerretDB with the project's script when the binary is missing and Go is present. */
export function ensureFerretdbBinary(log: (line: string) => void): string | undefined {
  const bin = ferretdbBinaryPath();
  if (existsSync(bin)) return bin;
  if (spawnSync('go', ['version']).status !== 0) return undefined;
  log(`FerretDB ${FERRETDB_VERSION} is not built yet: building it once (several minutes)…`);
  const script = resolve(import.meta.dirname, '../../scripts/build-ferretdb.sh');
  const result = spawnSync('bash', [script], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`scripts/build-ferretdb.sh failed (exit ${result.status})`);
  return bin;
}

/** A running FerretDB, on its SQLite backend (a folder) or its PostgreSQL backend (a cluster). */
export interface FerretdbServer {
  /** Its Unix socket's (`mongodb://%2Ftmp%2F…%2Fferretdb.sock`), or its TCP port's on a long path. */
  uri: string;
  /** Its TCP port, on 127.0.0.1. */
  port: number;
  dataDir: string;
  stop(): Promise<void>;
  /** Starts it again on the same port and data folder (chaos tests). */
  restart(): Promise<void>;
}

/**
 * Starts FerretDB on a free port and waits until it answers a ping: on SQLite in `dataDir`, or, with
 * `postgresUrl`, on that PostgreSQL (which pushes equality filters down where SQLite scans).
 */
export async function startFerretdb(
  bin: string,
  dataDir: string,
  options: { port?: number; postgresUrl?: string } = {},
): Promise<FerretdbServer> {
  mkdirSync(dataDir, { recursive: true });
  return onFreePort((port) => startOn(bin, dataDir, port, options.postgresUrl), options.port);
}

async function startOn(
  bin: string,
  dataDir: string,
  listenPort: number,
  postgresUrl: string | undefined,
): Promise<FerretdbServer> {
  // The bot and the tests connect through FerretDB's Unix socket rather than its TCP port: every
  // command is a few socket writes and reads on each side, and a Unix socket spares the TCP stack
  // (measured on the two heaviest test files: the test process 30.3–33.7 → 27.4–27.5 CPU-seconds,
  // FerretDB 9.9–10.1 → 9.2–9.7). The TCP port stays open (mongosh, the chaos tests' TCP proxy).
  const socket = join(resolve(dataDir), 'ferretdb.sock');
  const viaSocket = Buffer.byteLength(socket) < SOCKET_PATH_MAX;
  const uri = viaSocket ? `mongodb://${encodeURIComponent(socket)}` : `mongodb://127.0.0.1:${listenPort}`;
  const backend = postgresUrl
    ? ['--handler=postgresql', `--postgresql-url=${postgresUrl}`]
    : ['--handler=sqlite', `--sqlite-url=file:${resolve(dataDir)}/`];
  let server: ServerProcess;
  const launch = async () => {
    // A server killed outright leaves its socket file, which would refuse the next listen.
    rmSync(socket, { force: true });
    server = spawnServer(
      bin,
      [
        ...backend,
        `--listen-addr=127.0.0.1:${listenPort}`,
        ...(viaSocket ? [`--listen-unix=${socket}`] : []),
        '--state-dir=-',
        '--debug-addr=-',
        '--telemetry=disable',
        '--log-level=warn',
      ],
      // GOGC=400: Go collects garbage a quarter as often. FerretDB allocates for every command it
      // translates; measured on 150 reports through the bot, its CPU went from 12 to 8.7 ms a report
      // (its heap stays in the tens of MB). GOGC from the environment wins.
      { ...process.env, DO_NOT_TRACK: '1', GOGC: process.env.GOGC ?? '400' },
    );
    await waitUntilReady('FerretDB', server, () => pingMongo(uri));
  };
  await launch();
  return {
    uri,
    port: listenPort,
    dataDir,
    stop: () => server.stop(),
    restart: async () => {
      await server.stop();
      await launch();
    },
  };
}

/** A Unix socket's path must fit its address (108 bytes on Linux); a longer one means the TCP port. */
const SOCKET_PATH_MAX = 100;

async function pingMongo(uri: string): Promise<void> {
  const client = new mongoose.mongo.MongoClient(uri, {
    serverSelectionTimeoutMS: 500,
    directConnection: true,
  });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
  } finally {
    await client.close();
  }
}
