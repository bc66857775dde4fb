import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { describeMongoChoice } from '../../dev/harness/services.js';

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    return line?.split(':')[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}

function redisVersion(): string {
  const out = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return /v=(\S+)/.exec(out.stdout ?? '')?.[1] ?? 'unknown';
}

/**
 * The database the benchmarks' services get (bench-run starts them with preferPostgres): FerretDB on
 * PostgreSQL when its server is installed, else on SQLite (DUBAN_FERRETDB_BACKEND=sqlite forces it).
 */
function describeBenchDatabase(): string {
  return describeMongoChoice({ dataDir: os.tmpdir(), preferPostgres: true });
}

/** Lines describing the machine and the runtimes the figures were taken on. */
export function describeMachine(): string[] {
  return [
    `Machine: ${os.availableParallelism()} CPUs (nproc), ${cpuModel()}`,
    `Memory: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB total, ${os.type()} ${os.release()}`,
    `Runtime: Node ${process.version}, redis-server ${redisVersion()}`,
    `Database: ${describeBenchDatabase()}`,
  ];
}
