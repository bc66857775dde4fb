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

  it('imports a second plan with the same task codes into its own group, and lists both', async () => {
    const other = join(dir, 'chongyi.txt');
    writeFileSync(
      other,
      readFileSync(SEED, 'utf8')
        .replaceAll('上营商〔2023〕1号', '崇营商〔2023〕2号')
        .replaceAll('上犹', '崇义'),
    );
    const bound = await plan('import', SEED, '--chat', 'oc_shangyou');
    expect(bound.stdout).toContain('已绑定群 oc_shangyou');
    const second = await plan('import', other, '--chat', 'oc_chongyi');
    expect(second.stdout).toContain('新增 created: 46');
    const listed = JSON.parse((await plan('list')).stdout) as unknown[];
    expect(listed).toEqual([
      {
        planId: '上营商〔2023〕1号',
        docNo: '上营商〔2023〕1号',
        title: expect.stringContaining('上犹县'),
        chats: ['oc_shangyou'],
        tasks: 46,
        status: 'active',
      },
      {
        planId: '崇营商〔2023〕2号',
        docNo: '崇营商〔2023〕2号',
        title: expect.stringContaining('崇义县'),
        chats: ['oc_chongyi'],
        tasks: 46,
        status: 'active',
      },
    ]);
    // A group serves one plan: binding the other plan to it is refused and nothing changes.
    await expect(plan('import', other, '--chat', 'oc_shangyou')).rejects.toMatchObject({
      code: 3,
      stderr: expect.stringContaining('群 oc_shangyou 已绑定方案 上营商〔2023〕1号'),
    });
    await expect(plan('import', other, '--chat', 'not-a-chat')).rejects.toMatchObject({ code: 2 });
    expect(JSON.parse((await plan('list')).stdout)).toEqual(listed);
  });

  it('needs --plan to export when several plans are stored, and previews each plan’s posts', async () => {
    await expect(plan('export', join(dir, 'x.xlsx'))).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('请用 --plan 指定'),
    });
    const out = join(dir, '崇义台账.xlsx');
    expect((await plan('export', out, '--plan', '崇营商〔2023〕2号')).stdout).toContain('崇营商〔2023〕2号');
    expect((await readLedgerXlsx(readFileSync(out))).rows).toHaveLength(46);
    const schedule = (...args: string[]) =>
      run(
        'npx',
        ['tsx', 'src/cli/schedule.ts', 'preview', '--from', '2023-05-26', '--to', '2023-05-26', ...args],
        { env },
      );
    const both = (await schedule()).stdout.trim().split('\n');
    expect(both.filter((l) => l.endsWith('\t上营商〔2023〕1号')).length).toBeGreaterThan(0);
    expect(both.filter((l) => l.endsWith('\t崇营商〔2023〕2号')).length).toBe(both.length / 2);
    const one = (await schedule('--plan', '崇营商〔2023〕2号')).stdout.trim().split('\n');
    expect(one).toEqual(both.filter((l) => l.endsWith('\t崇营商〔2023〕2号')));
  });

  it('explains a missing MONGODB_URI and a wrong argument with exit code 2', async () => {
    const { MONGODB_URI: _u, ...bare } = env;
    await expect(
      run('npx', ['tsx', 'src/cli/plan.ts', 'export', join(dir, 'x.xlsx')], { env: bare }),
    ).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('MONGODB_URI') });
    await expect(plan('export', 'not-a-spreadsheet.txt')).rejects.toMatchObject({ code: 2 });
  });
});
