import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureFerretdbBinary, FERRETDB_VERSION, startFerretdb } from './ferretdb.js';
import { hasCluster, postgresBinDir, postgresVersion, serverCanEnter, startPostgres } from './postgres.js';
import { startRedisServer } from './redis-server.js';

/** Which MongoDB-wire server the harness chose. */
export type MongoKind = 'external' | 'ferretdb' | 'mongodb-memory-server';

/** The services a test run or the local playground needs, and how to stop them. */
export interface Services {
  mongoUri: string;
  redisUrl: string;
  mongoKind: MongoKind;
  /** FerretDB's backend, when the harness started FerretDB. */
  ferretdbBackend?: FerretdbBackend;
  /** What serves MongoDB, without addresses: `FerretDB v1.24.2 on PostgreSQL 15`, `MONGODB_URI`, … */
  mongoLabel: string;
  redisKind: 'external' | 'redis-server';
  /** Restart hooks for chaos tests; absent for external services. */
  restartMongo?: () => Promise<void>;
  restartRedis?: () => Promise<void>;
  stop(): Promise<void>;
}

export interface StartServicesOptions {
  /** Folder for the servers' data (one per run, or `.local/` for the playground). */
  dataDir: string;
  /**
   * Keep the data on disk across restarts (the playground): Redis's append-only file, and FerretDB's
   * PostgreSQL cluster in `dataDir/postgres` (made once, reused after) or its SQLite files in
   * `dataDir/ferretdb`. Tests keep nothing.
   */
  persistent?: boolean;
  /**
   * Put FerretDB on a PostgreSQL cluster of its own when PostgreSQL's server is installed (SQLite
   * scans the collection for nearly every filter, PostgreSQL does not); SQLite otherwise, or when
   * DUBAN_FERRETDB_BACKEND=sqlite. See {@link chooseFerretdbBackend}.
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
      ferretdbBackend: mongo.backend,
      mongoLabel: mongo.shortLabel,
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
  backend?: FerretdbBackend;
  /** For the log line (with addresses and the reason for the backend). */
  label: string;
  /** Without addresses (bench headers). */
  shortLabel: string;
  stop: () => Promise<void>;
  restart?: () => Promise<void>;
}

export type FerretdbBackend = 'postgresql' | 'sqlite';

/** The backend FerretDB gets, where a PostgreSQL cluster goes, and why SQLite when it is SQLite. */
export interface FerretdbBackendChoice {
  backend: FerretdbBackend;
  /** PostgreSQL's server binaries (postgresql). */
  pgBin?: string;
  /** PostgreSQL's major version (postgresql). */
  pgVersion?: string;
  /** The kept cluster's folder (postgresql, persistent); a fresh temp folder otherwise. */
  pgDir?: string;
  /** Why SQLite, when PostgreSQL was preferred. */
  reason?: string;
}

/** FerretDB's SQLite backend keeps one `<database>.sqlite` file per database in its folder. */
function hasSqliteData(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).some((name) => name.endsWith('.sqlite'));
}

/**
 * PostgreSQL when it is preferred and its server is installed, unless DUBAN_FERRETDB_BACKEND=sqlite;
 * SQLite otherwise. With `persistent` the choice also follows the data already kept: a cluster in
 * `dataDir/postgres` is reused, and SQLite files of an earlier run in `dataDir/ferretdb` (with no
 * cluster) keep SQLite, so that nothing kept disappears; and as root the postgres user must be able
 * to enter `dataDir/postgres` (a data folder under /root, say, is closed to it).
 */
export function chooseFerretdbBackend(
  options: Pick<StartServicesOptions, 'dataDir' | 'persistent' | 'preferPostgres'>,
  env: NodeJS.ProcessEnv = process.env,
): FerretdbBackendChoice {
  const keptDir = join(options.dataDir, 'postgres');
  const kept = options.persistent === true && hasCluster(keptDir);
  const sqlite = (reason: string | undefined): FerretdbBackendChoice => ({
    backend: 'sqlite',
    reason: kept && reason ? `${reason}; the PostgreSQL cluster kept in ${keptDir} is not used` : reason,
  });
  if (!options.preferPostgres) return sqlite(undefined);
  if (env.DUBAN_FERRETDB_BACKEND === 'sqlite') return sqlite('DUBAN_FERRETDB_BACKEND=sqlite');
  const pgBin = postgresBinDir(env);
  if (!pgBin) return sqlite('PostgreSQL server not installed');
  const pgVersion = postgresVersion(pgBin);
  if (!options.persistent) return { backend: 'postgresql', pgBin, pgVersion };
  if (!kept && hasSqliteData(join(options.dataDir, 'ferretdb')))
    return sqlite(`the data kept in ${options.dataDir} is on SQLite; start anew to move it to PostgreSQL`);
  if (!serverCanEnter(keptDir)) return sqlite(`the postgres user cannot enter ${keptDir}`);
  return { backend: 'postgresql', pgBin, pgVersion, pgDir: keptDir };
}

/** A line naming the MongoDB server a run with these settings gets (before it is started). */
export function describeMongoChoice(
  options: Pick<StartServicesOptions, 'dataDir' | 'persistent' | 'preferPostgres'>,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (env.MONGODB_URI) return 'MongoDB at MONGODB_URI';
  const choice = chooseFerretdbBackend(options, env);
  return `FerretDB ${FERRETDB_VERSION} on ${backendName(choice)}${choice.reason ? ` (${choice.reason})` : ''}`;
}

function backendName(choice: FerretdbBackendChoice): string {
  return choice.backend === 'postgresql' ? `PostgreSQL ${choice.pgVersion ?? ''}`.trim() : 'SQLite';
}

async function startMongo(
  options: StartServicesOptions,
  env: NodeJS.ProcessEnv,
  log: (l: string) => void,
): Promise<StartedMongo> {
  if (env.MONGODB_URI) {
    return {
      uri: env.MONGODB_URI,
      kind: 'external',
      label: 'MONGODB_URI',
      shortLabel: 'MongoDB at MONGODB_URI',
      stop: async () => {},
    };
  }
  const bin = ensureFerretdbBinary(log);
  if (bin) {
    const choice = chooseFerretdbBackend(options, env);
    // A temp cluster gets its own folder: as root the cluster belongs to the postgres user, who
    // cannot enter a root-only one (such as dataDir, a mkdtemp folder); the kept one was checked.
    const tempDir = choice.pgBin && !choice.pgDir ? mkdtempSync(join(tmpdir(), 'duban-pg-')) : undefined;
    const pgDir = choice.pgDir ?? tempDir;
    const removeTemp = () => {
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    };
    const postgres =
      choice.pgBin && pgDir
        ? await startPostgres(choice.pgBin, pgDir, { persistent: choice.pgDir !== undefined }).catch(
            (error: unknown) => {
              removeTemp();
              throw error;
            },
          )
        : undefined;
    const server = await startFerretdb(bin, join(options.dataDir, 'ferretdb'), {
      postgresUrl: postgres?.url,
    }).catch(async (error: unknown) => {
      await postgres?.stop();
      removeTemp();
      throw error;
    });
    const shortLabel = `FerretDB ${FERRETDB_VERSION} on ${backendName(choice)}`;
    const where = postgres
      ? `${postgres.url}, ${choice.pgDir ? `${postgres.created ? 'new cluster' : 'cluster'} kept in ${choice.pgDir}` : 'temp cluster'}`
      : choice.reason;
    return {
      uri: server.uri,
      kind: 'ferretdb',
      backend: choice.backend,
      label: `${shortLabel}${where ? ` (${where})` : ''} at ${server.uri}`,
      shortLabel,
      stop: async () => {
        await server.stop();
        await postgres?.stop();
        removeTemp();
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
      shortLabel: 'mongodb-memory-server',
      stop: async () => {
        await server.stop();
      },
    };
  } catch {
    return undefined;
  }
}
