import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureFerretdbBinary, FERRETDB_VERSION, startFerretdb } from './ferretdb.js';
import { postgresBinDir, startPostgres } from './postgres.js';
import { startRedisServer } from './redis-server.js';

/** Which MongoDB-wire server the harness chose. */
export type MongoKind = 'external' | 'ferretdb' | 'mongodb-memory-server';

/** The services a test run or the local playground needs, and how to stop them. */
export interface Services {
  mongoUri: string;
  redisUrl: string;
  mongoKind: MongoKind;
  redisKind: 'external' | 'redis-server';
  /** Restart hooks for chaos tests; absent for external services. */
  restartMongo?: () => Promise<void>;
  restartRedis?: () => Promise<void>;
  stop(): Promise<void>;
}

export interface StartServicesOptions {
  /** Folder for the servers' data (one per run, or `.local/` for the playground). */
  dataDir: string;
  /** Keep Redis data on disk across restarts (the playground); tests keep nothing. */
  persistent?: boolean;
  /**
   * Put FerretDB on a PostgreSQL cluster of its own when PostgreSQL's server is installed (tests:
   * SQLite scans the collection for nearly every filter, PostgreSQL does not); SQLite otherwise, or
   * when DUBAN_FERRETDB_BACKEND=sqlite. The playground keeps SQLite (its data stays in `.local/`).
   */
  preferPostgres?: boolean;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

/**
 * MongoDB: MONGODB_URI when set, else FerretDB (built once by scripts/build-ferretdb.sh), else
 * mongodb-memory-server when it is installed and can obtain mongod. Redis: REDIS_URL, else redis-server.
 */
export async function startServices(options: StartServicesOptions): Promise<Services> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.warn(line));
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch(() => {});
  };
  try {
    const mongo = await startMongo(options, env, log);
    stops.push(mongo.stop);
    const redis = env.REDIS_URL
      ? { url: env.REDIS_URL, kind: 'external' as const, stop: async () => {}, restart: undefined }
      : {
          kind: 'redis-server' as const,
          ...(await startRedisServer(join(options.dataDir, 'redis'), options.persistent)),
        };
    stops.push(redis.stop);
    log(
      `services: MongoDB via ${mongo.label}; Redis via ${redis.kind === 'external' ? 'REDIS_URL' : `redis-server at ${redis.url}`}`,
    );
    return {
      mongoUri: mongo.uri,
      redisUrl: redis.url,
      mongoKind: mongo.kind,
      redisKind: redis.kind,
      restartMongo: mongo.restart,
      restartRedis: redis.restart,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

interface StartedMongo {
  uri: string;
  kind: MongoKind;
  label: string;
  stop: () => Promise<void>;
  restart?: () => Promise<void>;
}

async function startMongo(
  options: StartServicesOptions,
  env: NodeJS.ProcessEnv,
  log: (l: string) => void,
): Promise<StartedMongo> {
  if (env.MONGODB_URI) {
    return { uri: env.MONGODB_URI, kind: 'external', label: 'MONGODB_URI', stop: async () => {} };
  }
  const bin = ensureFerretdbBinary(log);
  if (bin) {
    const pgBin =
      options.preferPostgres && env.DUBAN_FERRETDB_BACKEND !== 'sqlite' ? postgresBinDir(env) : undefined;
    // Its own folder: as root the cluster belongs to the postgres user, who cannot enter a root-only one.
    const pgDir = pgBin ? mkdtempSync(join(tmpdir(), 'duban-pg-')) : undefined;
    const postgres = pgBin && pgDir ? await startPostgres(pgBin, pgDir) : undefined;
    const server = await startFerretdb(bin, join(options.dataDir, 'ferretdb'), {
      postgresUrl: postgres?.url,
    }).catch(async (error: unknown) => {
      await postgres?.stop();
      throw error;
    });
    return {
      uri: server.uri,
      kind: 'ferretdb',
      label: `FerretDB ${FERRETDB_VERSION} (${postgres ? `PostgreSQL ${postgres.url}` : 'SQLite'}) at ${server.uri}`,
      stop: async () => {
        await server.stop();
        await postgres?.stop();
        if (pgDir) rmSync(pgDir, { recursive: true, force: true });
      },
      restart: server.restart,
    };
  }
  const memory = await startMongoMemoryServer();
  if (memory) return memory;
  throw new Error(
    'No MongoDB available: set MONGODB_URI, or install Go so that scripts/build-ferretdb.sh can build FerretDB, or install mongodb-memory-server on a machine that can download mongod.',
  );
}

/** The fallback for machines with internet access; the package is optional and not a dependency. */
async function startMongoMemoryServer(): Promise<StartedMongo | undefined> {
  const name = 'mongodb-memory-server';
  try {
    const mod = (await import(name)) as {
      MongoMemoryServer: { create(): Promise<{ getUri(): string; stop(): Promise<boolean> }> };
    };
    const server = await mod.MongoMemoryServer.create();
    return {
      uri: server.getUri(),
      kind: 'mongodb-memory-server',
      label: `mongodb-memory-server at ${server.getUri()}`,
      stop: async () => {
        await server.stop();
      },
    };
  } catch {
    return undefined;
  }
}
