import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runPlanCli } from '../../../src/cli/plan.js';
import { runScheduleCli } from '../../../src/cli/schedule.js';
import { parseNotice } from '../../../src/domain/plan/notice.parser.js';
import { readLedgerXlsx } from '../../../src/ledger/read-ledger.js';
import { runInProcess, runToolProcess } from '../../helpers/cli.js';
import { noticeDocx, noticePdf, taskListXlsx, taskRowsOf } from '../../helpers/notice-files.js';

const SEED = 'config/seed/shangyou-2022-rectification-plan.txt';

/** `src/cli/plan.ts` as a process, from its bundle (test/helpers/cli.ts). */
const planProcess = (env: NodeJS.ProcessEnv, ...args: string[]) =>
  runToolProcess('src/cli/plan.ts', args, { env });

/** What a failed run rejects with, as execFile's error carries it. */
interface FailedRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A tool run in this process with `env` as its environment, settling as `execFile` does: the
 * streams on exit 0, else a rejection with the exit code and the streams. Most cases run the tools
 * so (a process costs about a second); the first import and the missing-MONGODB_URI case start processes.
 */
function inProcess(runner: typeof runPlanCli, env: NodeJS.ProcessEnv, ...prefix: string[]) {
  return async (...args: string[]): Promise<{ stdout: string; stderr: string }> => {
    const { code, out, err } = await runInProcess(runner, [...prefix, ...args], env);
    if (code !== 0) throw { code, stdout: out, stderr: err } satisfies FailedRun;
    return { stdout: out, stderr: err };
  };
}

// A case that starts the tool as a process (loading it, a connection, the start-up upgrade) takes 1–2 s
// on a quiet machine, several times that when the machine is busy: 120 s, not the suite's 30 s.
const CLI_CASE = { timeout: 120_000 };

describe('npm run plan -- import / export against the Mongo-wire server', CLI_CASE, () => {
  const dir = mkdtempSync(join(tmpdir(), 'duban-cli-'));
  const uri = `${inject('mongoUri')}/cli_${Date.now()}`;
  const env = { ...process.env, MONGODB_URI: uri, BOT_NOW: '2023-06-10T10:00:00+08:00' };
  const plan = inProcess(runPlanCli, env);

  afterAll(async () => {
    const connection = await mongoose.createConnection(uri, { directConnection: true }).asPromise();
    await connection.dropDatabase();
    await connection.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the seed as a process, which exits once done, then finds nothing to change the second time', async () => {
    const first = await planProcess(env, 'import', SEED);
    expect(first.stdout).toContain('新增 created: 46');
    const second = await plan('import', SEED);
    expect(second.stdout).toContain('新增 created: 0');
    expect(second.stdout).toContain('未变 unchanged: 46');
  });

  it('the seed as a Word file, a PDF and an Excel task list is the same plan: nothing to change', async () => {
    const seedText = readFileSync(SEED, 'utf8');
    const seedPlan = parseNotice(seedText);
    const files = {
      'seed.docx': await noticeDocx(seedText),
      'seed.pdf': await noticePdf(seedText),
      'seed-tasks.xlsx': await taskListXlsx({
        titleRows: ['附件', seedPlan.docNo, `${seedPlan.title}整改任务清单`],
        header: ['序号', '指标', '问题（表现）', '整改措施', '责任单位', '完成时限'],
        rows: taskRowsOf(seedPlan),
        noteRows: [
          '各指标牵头单位要在每月25日前报送。联系人：高志平，联系电话：0797-8508809，邮箱：syysb2022@163.com',
        ],
      }),
    };
    for (const [name, data] of Object.entries(files)) {
      const file = join(dir, name);
      writeFileSync(file, data);
      const { stdout } = await plan('import', file);
      expect({ name, stdout }).toEqual({ name, stdout: expect.stringContaining('未变 unchanged: 46') });
      expect(stdout).toContain('新增 created: 0');
    }
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
    const schedule = inProcess(runScheduleCli, env, 'preview', '--from', '2023-05-26', '--to', '2023-05-26');
    const both = (await schedule()).stdout.trim().split('\n');
    expect(both.filter((l) => l.endsWith('\t上营商〔2023〕1号')).length).toBeGreaterThan(0);
    expect(both.filter((l) => l.endsWith('\t崇营商〔2023〕2号')).length).toBe(both.length / 2);
    const one = (await schedule('--plan', '崇营商〔2023〕2号')).stdout.trim().split('\n');
    expect(one).toEqual(both.filter((l) => l.endsWith('\t崇营商〔2023〕2号')));
  });

  it('explains a missing MONGODB_URI and a wrong argument with exit code 2', async () => {
    const { MONGODB_URI: _u, ...bare } = env;
    await expect(planProcess(bare, 'export', join(dir, 'x.xlsx'))).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('MONGODB_URI'),
    });
    await expect(plan('export', 'not-a-spreadsheet.txt')).rejects.toMatchObject({ code: 2 });
  });
});

describe('two plans with the same task codes, in a database of their own', CLI_CASE, () => {
  const FIRST = '上营商〔2023〕1号';
  const SECOND = '上营商〔2024〕2号';
  const FIRST_CHAT = 'oc_cli_first_group';
  const SECOND_CHAT = 'oc_cli_second_group';
  const dir = mkdtempSync(join(tmpdir(), 'duban-cli-plans-'));
  const uri = `${inject('mongoUri')}/cli_plans_${Date.now()}`;
  const { LARK_CHAT_ID: _chat, ...inherited } = process.env;
  const env = { ...inherited, MONGODB_URI: uri, BOT_NOW: '2023-06-10T10:00:00+08:00' };
  const plan = inProcess(runPlanCli, env);
  const preview = inProcess(runScheduleCli, env, 'preview', '--from', '2023-07-24', '--to', '2023-07-24');
  const schedule = inProcess(runScheduleCli, env, 'preview');
  const listed = async () =>
    JSON.parse((await plan('list')).stdout) as { planId: string; chats: string[]; tasks: number }[];

  /** The seed under another 文号 and title, optionally without task 15.3. */
  function noticeFile(name: string, docNo: string, year: string, without153 = false): string {
    let text = readFileSync(SEED, 'utf8')
      .replace(FIRST, docNo)
      .replaceAll('上犹县 2022 年度省营商环境', `上犹县 ${year} 年度省营商环境`);
    if (without153)
      text = text.replace(/问题三：信用信息应用水平有待提升[\s\S]*?整改时限：2023年7月底前。\n\n/, '');
    if (!text.includes(docNo) || text.includes('信用信息应用水平有待提升') !== !without153)
      throw new Error('the seed changed');
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  }

  /** A run expected to fail: its exit code and streams. */
  async function failed(running: Promise<unknown>): Promise<FailedRun> {
    try {
      await running;
    } catch (error) {
      return error as FailedRun;
    }
    throw new Error('the command succeeded');
  }

  afterAll(async () => {
    const connection = await mongoose.createConnection(uri, { directConnection: true }).asPromise();
    await connection.dropDatabase();
    await connection.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('binds each plan to its chat; binding a plan to its own chat again is fine', async () => {
    const first = await plan('import', SEED, '--chat', FIRST_CHAT);
    expect(first.stdout).toContain('新增 created: 46');
    expect(first.stdout).toContain(`已绑定群 ${FIRST_CHAT}（bound to chat）`);
    const again = await plan('import', SEED, '--chat', FIRST_CHAT);
    expect(again.stdout).toContain('未变 unchanged: 46');
    expect(again.stdout).toContain(`本方案的群 chats: ${FIRST_CHAT}\n`);

    const second = await plan('import', noticeFile('second.txt', SECOND, '2023'), '--chat', SECOND_CHAT);
    expect(second.stdout).toContain(`已导入 ${SECOND}（imported）`);
    expect(second.stdout).toContain('新增 created: 46');
    expect(second.stdout).toContain(`已绑定群 ${SECOND_CHAT}`);
  });

  it('withdraws a task in one plan only, and lists live task counts per plan', async () => {
    const { stdout } = await plan('import', noticeFile('second-less.txt', SECOND, '2023', true));
    expect(stdout).toContain('撤销 withdrawn: 1 (15.3)');
    expect(JSON.parse((await plan('list')).stdout)).toEqual([
      {
        planId: FIRST,
        docNo: FIRST,
        title: '上犹县 2022 年度省营商环境第三方评价反馈问题整改提升工作方案',
        chats: [FIRST_CHAT],
        tasks: 46,
        status: 'active',
      },
      {
        planId: SECOND,
        docNo: SECOND,
        title: '上犹县 2023 年度省营商环境第三方评价反馈问题整改提升工作方案',
        chats: [SECOND_CHAT],
        tasks: 45,
        status: 'active',
      },
    ]);
  });

  it('refuses a chat bound to another plan before storing anything (exit 3)', async () => {
    const third = noticeFile('third.txt', '上营商〔2024〕3号', '2024');
    const refused = await failed(plan('import', third, '--chat', FIRST_CHAT));
    expect(refused.code).toBe(3);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(`群 ${FIRST_CHAT} 已绑定方案 ${FIRST}`);
    expect(refused.stderr).toContain(`chat ${FIRST_CHAT} is already bound to plan ${FIRST}`);
    expect(refused.stderr).toContain('未导入任何内容（nothing was imported）');
    const taken = await failed(plan('import', join(dir, 'second-less.txt'), '--chat', FIRST_CHAT));
    expect(taken.code).toBe(3);
    expect((await listed()).map((p) => [p.planId, p.chats])).toEqual([
      [FIRST, [FIRST_CHAT]],
      [SECOND, [SECOND_CHAT]],
    ]);
  });

  it('exports a named plan only; without --plan it names the plans, an unknown one exits 2', async () => {
    const out = join(dir, '台账.xlsx');
    const ambiguous = await failed(plan('export', out));
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('several plans: choose one with --plan');
    expect(ambiguous.stderr).toContain(`  ${FIRST}  上犹县 2022 年度`);
    expect(ambiguous.stderr).toContain(`  ${SECOND}  上犹县 2023 年度`);
    const unknown = await failed(plan('export', out, '--plan', '上营商〔2099〕9号'));
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown plan') });

    const { stdout } = await plan('export', out, '--plan', FIRST);
    expect(stdout).toContain(`台账已导出：${out}（${FIRST}，`);
    expect((await readLedgerXlsx(readFileSync(out))).rows).toHaveLength(46);
  });

  it("previews each plan's posts from its own tasks, and notes a named plan that posts nothing", async () => {
    const both = (await preview()).stdout.trim().split('\n');
    const of = (planId: string) => both.filter((l) => l.endsWith(`\t${planId}`));
    expect(of(FIRST).length + of(SECOND).length).toBe(both.length);
    // 15.3 (due 2023-07-31) was withdrawn in the second plan only: its 7-day reminder is the first plan's.
    expect(of(FIRST).some((l) => /^2023-07-24 09:00\tdeadline_reminder\t事项 15\.3 /.test(l))).toBe(true);
    expect(of(SECOND).some((l) => l.includes('事项 15.3'))).toBe(false);
    expect(of(SECOND).some((l) => /^2023-07-24 09:00\tdeadline_reminder\t事项 8\.4 /.test(l))).toBe(true);

    // A plan in no chat: not previewed by default, previewed with a note when named.
    await plan('import', join(dir, 'third.txt'));
    expect((await preview()).stdout.trim().split('\n')).toEqual(both);
    const third = await preview('--plan', '上营商〔2024〕3号');
    expect(third.stderr).toContain('未绑定群，不会推送（in no chat: nothing is posted）');
    expect(
      third.stdout
        .trim()
        .split('\n')
        .every((l) => l.endsWith('\t上营商〔2024〕3号')),
    ).toBe(true);
  });

  it('gives a plan one work group, refuses a roll-up group as /导入 does, lists short names, previews own times', async () => {
    const elsewhere = await failed(plan('import', SEED, '--chat', 'oc_cli_other_group'));
    expect(elsewhere.code).toBe(3);
    expect(elsewhere.stdout).toBe('');
    expect(elsewhere.stderr).toContain(
      `方案 ${FIRST} 已在另一个工作群督办，不能再绑定本群；一个方案只在一个工作群督办`,
    );
    // A roll-up group over both plans, a short name and the first plan's own reminder time, as the bot stores them.
    const connection = await mongoose.createConnection(uri, { directConnection: true }).asPromise();
    try {
      await connection
        .collection<{ _id: string; planIds: string[]; boundBy: string; boundAt: Date }>('rollup_groups')
        .insertOne({ _id: 'oc_cli_city', planIds: [FIRST, SECOND], boundBy: 'ou_x', boundAt: new Date() });
      await connection
        .collection('plans')
        .updateOne(
          { planId: FIRST },
          { $set: { shortName: '上犹', settings: { times: { reminder: '15:30' } } } },
        );
    } finally {
      await connection.close();
    }
    const rollup = await failed(plan('import', join(dir, 'third.txt'), '--chat', 'oc_cli_city'));
    expect(rollup.code).toBe(3);
    expect(rollup.stderr).toContain('本群是汇总群，不能导入方案');
    const plans = JSON.parse((await plan('list')).stdout) as { planId: string; shortName?: string }[];
    expect(plans.map((p) => [p.planId, p.shortName])).toEqual([
      [FIRST, '上犹'],
      [SECOND, undefined],
      ['上营商〔2024〕3号', undefined],
    ]);
    const { stdout } = await schedule('--from', '2023-07-20', '--to', '2023-07-26');
    const lines = stdout.trim().split('\n');
    expect(lines).toContain(`2023-07-20 15:30\treminder\t2023年7月进展报送提醒（未报单位）\t${FIRST}`);
    expect(lines).toContain(`2023-07-20 09:00\treminder\t2023年7月进展报送提醒（未报单位）\t${SECOND}`);
    expect(lines.filter((l) => l.endsWith('\trollup:oc_cli_city'))).toEqual([
      '2023-07-26 10:00\trollup_bulletin\t2023年7月各方案汇总通报\trollup:oc_cli_city',
    ]);
  });

  it('shows and sets a plan’s own settings from the shell, as /设置 does, audited', async () => {
    type Shown = { planId: string; settings: { name: string; value: string; own: boolean }[] };
    const shown = JSON.parse((await plan('settings', '--plan', SECOND)).stdout) as Shown;
    expect(shown.settings.find((l) => l.name === '提醒日')).toMatchObject({ value: '20', own: false });
    const set = JSON.parse(
      (await plan('settings', '--plan', SECOND, '提醒日=10,20', '滞后阈值=20')).stdout,
    ) as Shown;
    expect(set.settings.filter((l) => l.own).map((l) => [l.name, l.value])).toEqual([
      ['提醒日', '10,20'],
      ['滞后阈值', '20'],
    ]);
    const bad = await failed(plan('settings', '--plan', SECOND, '提醒日=40'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('“40”不是 1–31 之间的日期');
    const { stdout } = await schedule('--from', '2023-08-01', '--to', '2023-08-31', '--plan', SECOND);
    expect(
      stdout
        .split('\n')
        .filter((l) => l.includes('\treminder\t'))
        .map((l) => l.slice(0, 16)),
    ).toEqual(['2023-08-10 09:00', '2023-08-18 09:00', '2023-08-24 09:00']);
    const connection = await mongoose.createConnection(uri, { directConnection: true }).asPromise();
    try {
      const audit = await connection
        .collection('audit')
        .find({ action: 'plan.settings', planId: SECOND })
        .toArray();
      expect(audit).toMatchObject([
        { actor: expect.stringMatching(/^cli:/), after: { reminderDaysOfMonth: [10, 20] } },
      ]);
    } finally {
      await connection.close();
    }
  });
});
