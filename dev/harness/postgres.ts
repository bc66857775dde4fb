import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type ServerProcess, spawnServer, waitUntilReady } from './child-process.js';
import { onFreePort } from './free-port.js';

/**
 * The folder of PostgreSQL's server binaries (initdb, postgres, pg_isready): PG_BIN, else the newest
 * of Debian's /usr/lib/postgresql/<version>/bin; undefined when the server is not installed.
 */
export function postgresBinDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.PG_BIN) return env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(root, v, 'bin')).find((bin) => existsSync(join(bin, 'postgres')));
}

/** PostgreSQL refuses to run as root: as root, the cluster belongs to Debian's `postgres` user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0)
    throw new Error('running as root needs the postgres user (Debian package postgresql)');
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** A PostgreSQL cluster of ours: loopback only, trust auth for its own user. */
export interface PostgresServer {
  /** `postgres://postgres@/postgres?host=<its folder>&port=<port>`: through its Unix socket. */
  url: string;
  /** Its TCP port on 127.0.0.1. */
  port: number;
  /** The server's major version (`15`). */
  version: string;
  /** True when `initdb` ran in this start (a new cluster); false when an existing one was reused. */
  created: boolean;
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /**
   * Keep the cluster: reuse `dir/data` when it holds one (initdb only the first time), keep the
   * durability settings (only `synchronous_commit=off`), and leave it on disk at stop (the
   * playground). Without it the cluster is for tests: no fsync, made anew in a fresh folder.
   */
  persistent?: boolean;
}

/** The major version of the server in `bin` (`postgres --version` → `15`). */
export function postgresVersion(bin: string): string | undefined {
  const out = spawnSync(join(bin, 'postgres'), ['--version'], { encoding: 'utf8' });
  return /\s(\d+)(?:\.\d+)*/.exec(out.stdout ?? '')?.[1];
}

/** True when a cluster was made in `dir` (its data folder has PG_VERSION). */
export function hasCluster(dir: string): boolean {
  return existsSync(join(dir, 'data', 'PG_VERSION'));
}

/**
 * Whether the user the server runs as may enter `dir` (it must reach its data folder): as root that
 * is the postgres user, for whom a folder under a root-only one (/root, a mkdtemp folder) is closed.
 * `dir` need not exist yet: its nearest existing ancestor is checked.
 */
export function serverCanEnter(dir: string): boolean {
  const as = serverUser();
  if (!as) return true;
  let probe = resolve(dir);
  while (!existsSync(probe) && dirname(probe) !== probe) probe = dirname(probe);
  return spawnSync('test', ['-x', probe], as).status === 0;
}

/**
 * Starts a cluster in `dir` (its data in `dir/data`, its socket in `dir`), listening on 127.0.0.1 on
 * a free port. `dir` must be a folder the server's user may enter ({@link serverCanEnter}).
 */
export async function startPostgres(
  bin: string,
  dir: string,
  options: StartPostgresOptions = {},
): Promise<PostgresServer> {
  const as = serverUser();
  const dataDir = resolve(dir, 'data');
  mkdirSync(dir, { recursive: true });
  if (as) chownSync(dir, as.uid, as.gid);
  const version = postgresVersion(bin) ?? 'unknown';
  const reuse = options.persistent === true && hasCluster(dir);
  if (reuse) {
    const made = readFileSync(join(dataDir, 'PG_VERSION'), 'utf8').trim();
    if (made !== version)
      throw new Error(
        `the PostgreSQL cluster in ${dataDir} was made by PostgreSQL ${made}, but the server in ${bin} is ${version}: set PG_BIN to a PostgreSQL ${made} server, or delete ${dir} to start anew`,
      );
    stopStrayServer(bin, dataDir, as);
  } else {
    const init = spawnSync(
      join(bin, 'initdb'),
      ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'],
      { encoding: 'utf8', ...as },
    );
    if (init.status !== 0) throw new Error(`initdb failed (exit ${init.status}):\n${init.stderr}`);
  }
  const settings = options.persistent
    ? // Kept data: a crash may lose the last commits, never corrupt the cluster.
      ['-c', 'synchronous_commit=off']
    : // Test data: durability buys nothing and costs most of the write time.
      ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
  const { server, port } = await onFreePort(async (port) => {
    const server: ServerProcess = spawnServer(
      join(bin, 'postgres'),
      [
        '-D',
        dataDir,
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        // The socket in our own folder, not /var/run/postgresql (another cluster's, or not writable).
        '-k',
        resolve(dir),
        ...settings,
        '-c',
        'max_connections=200',
      ],
      process.env,
      as,
    );
    await waitUntilReady('PostgreSQL', server, async () => {
      const ready = spawnSync(join(bin, 'pg_isready'), [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'postgres',
      ]);
      if (ready.status !== 0) throw new Error(`pg_isready exit ${ready.status}`);
    });
    return { server, port };
  });
  return {
    // Through the cluster's Unix socket, not 127.0.0.1: FerretDB sends it one or more queries per
    // command, and a socket spares the TCP stack (measured on the two heaviest test files: PostgreSQL
    // 7.7–9.0 → 6.2–7.2 CPU-seconds, FerretDB 10.2–11.2 → 9.2–10.1).
    url: `postgres://postgres@/postgres?host=${encodeURIComponent(resolve(dir))}&port=${port}`,
    port,
    version,
    created: !reuse,
    // SIGINT is PostgreSQL's fast shutdown (SIGTERM waits for every client to leave).
    stop: () => server.stop('SIGINT'),
  };
}

/**
 * A kept cluster whose last owner died without stopping it (a playground killed with SIGKILL) still
 * runs, and holds the data folder: stop that server (the one pid its postmaster.pid names) first.
 */
function stopStrayServer(bin: string, dataDir: string, as: { uid: number; gid: number } | undefined): void {
  const status = spawnSync(join(bin, 'pg_ctl'), ['status', '-D', dataDir], { encoding: 'utf8', ...as });
  if (status.status !== 0) return;
  const stop = spawnSync(join(bin, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '30'], {
    encoding: 'utf8',
    ...as,
  });
  if (stop.status !== 0)
    throw new Error(
      `a PostgreSQL server left running in ${dataDir} did not stop (exit ${stop.status}):\n${stop.stderr}`,
    );
}
