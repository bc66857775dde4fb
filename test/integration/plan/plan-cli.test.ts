import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { readLedgerXlsx } from '../../../src/ledger/read-ledger.js';

const run = promisify(execFile);
const SEED = 'config/seed/shangyou-2022-rectification-plan.txt';

describe('npm run plan -- import / export against the Mongo-wire server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'duban-cli-'));
  const uri = `${inject('mongoUri')}/cli_${Date.now()}`;
  const env = { ...process.env, MONGODB_URI: uri, BOT_NOW: '2023-06-10T10:00:00+08:00' };
  const plan = (...args: string[]) => run('npx', ['tsx', 'src/cli/plan.ts', ...args], { env });

  afterAll(async () => {
    const connection = await mongoose.createConnection(uri, { directConnection: true }).asPromise();
    await connection.dropDatabase();
    await connection.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the seed, then finds nothing to change the second time', async () => {
    const first = await plan('import', SEED);
    expect(first.stdout).toContain('新增 created: 46');
    const second = await plan('import', SEED);
    expect(second.stdout).toContain('新增 created: 0');
    expect(second.stdout).toContain('未变 unchanged: 46');
  });

  it('reports an edited deadline and keeps it in the history', async () => {
    const edited = join(dir, 'edited.txt');
    writeFileSync(
      edited,
      readFileSync(SEED, 'utf8').replace(
        '整改时限：2023年7月底前。\n\n（九）',
        '整改时限：2023年10月底前。\n\n（九）',
      ),
    );
    const { stdout } = await plan('import', edited);
    expect(stdout).toContain('时限变更 deadline 8.4: 2023-07-31 → 2023-10-31');
    expect(stdout).toContain('更新 updated: 1 (8.4)');
  });

  it('exports the ledger as an .xlsx with every task', async () => {
    const out = join(dir, '台账.xlsx');
    const { stdout } = await plan('export', out);
    expect(stdout).toContain('台账已导出');
    const ledger = await readLedgerXlsx(readFileSync(out));
    expect(ledger.rows).toHaveLength(46);
  });

  it('explains a missing MONGODB_URI and a wrong argument with exit code 2', async () => {
    const { MONGODB_URI: _u, ...bare } = env;
    await expect(
      run('npx', ['tsx', 'src/cli/plan.ts', 'export', join(dir, 'x.xlsx')], { env: bare }),
    ).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('MONGODB_URI') });
    await expect(plan('export', 'not-a-spreadsheet.txt')).rejects.toMatchObject({ code: 2 });
  });
});
