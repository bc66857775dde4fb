import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ferretdbBinaryPath } from '../../../dev/harness/ferretdb.js';
import { postgresBinDir, startPostgres } from '../../../dev/harness/postgres.js';
import { chooseFerretdbBackend, startServices } from '../../../dev/harness/services.js';
import { connectMongo, disconnectMongo } from '../../../src/persistence/mongo.js';

const pgBin = postgresBinDir();
const runs = !process.env.MONGODB_URI && pgBin !== undefined && existsSync(ferretdbBinaryPath());
const asRoot = process.getuid?.() === 0;

/**
 * The playground's services with `persistent` and `preferPostgres`: FerretDB on a PostgreSQL cluster
 * kept in the data folder, made on the first start and reused after, and SQLite kept where the
 * folder already holds SQLite data or the postgres user cannot enter it.
 */
describe.runIf(runs)('a kept PostgreSQL cluster for FerretDB (the playground)', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'duban-kept-pg-'));
    // As root the cluster belongs to the postgres user, who must be able to enter the folder.
    chmodSync(dataDir, 0o755);
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async (lines: string[]) =>
    startServices({
      dataDir,
      persistent: true,
      preferPostgres: true,
      env: { ...process.env, REDIS_URL: inject('redisUrl') },
      log: (line) => lines.push(line),
    });

  it('makes the cluster on the first start and finds the data again after a restart', async () => {
    const first: string[] = [];
    const one = await start(first);
    try {
      expect(one.ferretdbBackend).toBe('postgresql');
      expect(one.mongoLabel).toMatch(/^FerretDB v[\d.]+ on PostgreSQL \d+$/);
      expect(first.join('\n')).toMatch(
        /on PostgreSQL \d+ \(postgres:\/\/postgres@\/postgres\?host=[^&]+&port=\d+, new cluster kept in /,
      );
      const connection = await connectMongo(one.mongoUri, { dbName: 'kept' });
      await connection.collection('notes').insertOne({ _id: 'n1' as never, text: '保留' });
      await disconnectMongo(connection);
    } finally {
      await one.stop();
    }
    expect(existsSync(join(dataDir, 'postgres', 'data', 'PG_VERSION'))).toBe(true);

    const second: string[] = [];
    const two = await start(second);
    try {
      expect(second.join('\n')).toMatch(/, cluster kept in /);
      const connection = await connectMongo(two.mongoUri, { dbName: 'kept' });
      expect(await connection.collection('notes').findOne({ _id: 'n1' as never })).toMatchObject({
        text: '保留',
      });
      await disconnectMongo(connection);
    } finally {
      await two.stop();
    }
  }, 90_000);

  it('stops a server an earlier run left behind before starting the kept cluster', async () => {
    const dir = join(dataDir, 'stray');
    mkdirSync(dir);
    const left = await startPostgres(pgBin!, dir, { persistent: true });
    // `left` is never stopped by us: the next start finds its postmaster.pid and stops it.
    const next = await startPostgres(pgBin!, dir, { persistent: true });
    try {
      expect(next.created).toBe(false);
      expect(left.url).not.toBe(next.url);
      const ready = spawnSync(join(pgBin!, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(left.port)]);
      expect(ready.status).not.toBe(0);
    } finally {
      await next.stop();
      await left.stop();
    }
  }, 60_000);

  it('keeps SQLite where the folder already holds SQLite data and no cluster', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-kept-sqlite-'));
    try {
      chmodSync(dir, 0o755);
      mkdirSync(join(dir, 'ferretdb'));
      writeFileSync(join(dir, 'ferretdb', 'duban_playground.sqlite'), '');
      const choice = chooseFerretdbBackend({ dataDir: dir, persistent: true, preferPostgres: true });
      expect(choice.backend).toBe('sqlite');
      expect(choice.reason).toMatch(/is on SQLite/);
      // Not kept (tests, benchmarks): SQLite files do not matter.
      expect(chooseFerretdbBackend({ dataDir: dir, preferPostgres: true }).backend).toBe('postgresql');
      expect(
        chooseFerretdbBackend(
          { dataDir: dir, preferPostgres: true },
          { ...process.env, DUBAN_FERRETDB_BACKEND: 'sqlite' },
        ),
      ).toMatchObject({ backend: 'sqlite', reason: 'DUBAN_FERRETDB_BACKEND=sqlite' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(asRoot)('keeps SQLite where the postgres user cannot enter the folder', () => {
    const closed = mkdtempSync(join(tmpdir(), 'duban-kept-closed-')); // 0700, root's
    try {
      const choice = chooseFerretdbBackend({
        dataDir: join(closed, 'data'),
        persistent: true,
        preferPostgres: true,
      });
      expect(choice).toMatchObject({ backend: 'sqlite' });
      expect(choice.reason).toMatch(/postgres user cannot enter/);
    } finally {
      rmSync(closed, { recursive: true, force: true });
    }
  });
});
