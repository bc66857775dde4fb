import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type ServerProcess, spawnServer, waitUntilReady } from './child-process.js';
import { findFreePort } from './free-port.js';

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

/** A PostgreSQL cluster of ours: loopback only, trust auth for its own user, no durability (tests). */
export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  stop(): Promise<void>;
}

/** `dir` must be a folder the server's user may enter (as root: not inside a root-only temp folder). */
export async function startPostgres(bin: string, dir: string): Promise<PostgresServer> {
  const as = serverUser();
  const dataDir = resolve(dir, 'data');
  mkdirSync(dir, { recursive: true });
  if (as) chownSync(dir, as.uid, as.gid);
  const init = spawnSync(
    join(bin, 'initdb'),
    ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'],
    { encoding: 'utf8', ...as },
  );
  if (init.status !== 0) throw new Error(`initdb failed (exit ${init.status}):\n${init.stderr}`);
  const port = await findFreePort();
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
      // Test data: durability buys nothing and costs most of the write time.
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
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
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop: () => server.stop() };
}
