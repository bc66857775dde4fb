import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPlanCli } from '../../../src/cli/plan.js';
import { parseNotice } from '../../../src/domain/plan/notice.parser.js';
import { type CliRun, runInProcess as runTool, runToolProcess } from '../../helpers/cli.js';
import {
  noticeDocx,
  noticeHtml,
  proseAround,
  scannedPdf,
  taskRowsOf,
  taskTableDocx,
} from '../../helpers/notice-files.js';
import { noticePath, repoRoot, seedPath, seedText } from '../domain/plan/notice-fixtures.js';

const tempDir = mkdtempSync(join(tmpdir(), 'plan-cli-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

/** Runs `src/cli/plan.ts` as a process (its bundle: test/helpers/cli.ts); resolves with the exit code and both streams. */
async function runCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await runToolProcess('src/cli/plan.ts', args, { cwd: repoRoot });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Runs the CLI in-process, capturing what it writes. */
function runInProcess(...argv: string[]): Promise<CliRun> {
  return runTool(runPlanCli, argv);
}

describe('npm run plan -- parse (child process)', () => {
  it('prints the seed plan as JSON in the documented shape and exits 0', async () => {
    const { code, stdout, stderr } = await runCli('parse', seedPath);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^\{\n {2}"docNo": "上营商〔2023〕1号",\n/);
    const plan = JSON.parse(stdout);
    expect(plan).toMatchObject({ docNo: '上营商〔2023〕1号', reportDay: 25, year: 2023 });
    expect(plan.title).toBe('上犹县 2022 年度省营商环境第三方评价反馈问题整改提升工作方案');
    expect(plan.indicators).toHaveLength(15);
    expect(plan.indicators[0]).toEqual({
      seq: 1,
      name: '开办企业指标',
      leadUnits: ['行政审批局'],
      tasks: expect.any(Array),
    });
    expect(Object.keys(plan.indicators[5].tasks[0]).sort()).toEqual(
      ['code', 'deadline', 'kpi', 'measures', 'ongoing', 'problem'].sort(),
    );
    expect(plan.indicators.flatMap((i: { tasks: unknown[] }) => i.tasks)).toHaveLength(46);
  }, 60_000);

  it('exits 1 with the line and the expectation for a malformed notice', async () => {
    const { code, stdout, stderr } = await runCli('parse', noticePath('malformed/impossible-date.txt'));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('第 9 行：应为存在的日期（expected a valid calendar date）');
  }, 60_000);
});

describe('runPlanCli (in process)', () => {
  it('exits 2 with a Chinese and English message for a missing file', async () => {
    const { code, err } = await runInProcess('parse', 'no/such/notice.txt');
    expect(code).toBe(2);
    expect(err).toContain('文件不存在：no/such/notice.txt');
    expect(err).toContain('cannot read file');
  });

  it('applies an overlay and names an unknown task code in it', async () => {
    const good = join(tempDir, 'good.json');
    const bad = join(tempDir, 'bad.json');
    writeFileSync(good, JSON.stringify({ tasks: { '6.1': { deadline: '2023-06-30' } } }));
    writeFileSync(bad, JSON.stringify({ tasks: { '6.9': { ongoing: true } } }));

    const applied = await runInProcess('parse', seedPath, '--overlay', good);
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.out).indicators[5].tasks[0].deadline).toBe('2023-06-30');

    const rejected = await runInProcess('parse', seedPath, '--overlay', bad);
    expect(rejected.code).toBe(1);
    expect(rejected.err).toContain('事项 6.9 不存在（unknown task code 6.9）');
  });
  it('prints usage and exits 2 without a subcommand or with an unknown one', async () => {
    expect(await runInProcess()).toMatchObject({
      code: 2,
      out: '',
      err: expect.stringContaining('用法（usage）'),
    });
    expect(await runInProcess('lint')).toMatchObject({
      code: 2,
      err: expect.stringContaining('未知子命令：lint'),
    });
  });

  it.each([
    [['parse'], 'expected exactly one notice file'],
    [['parse', 'a.txt', 'b.txt'], 'expected exactly one notice file'],
    [['parse', 'a.txt', '--overlay'], '--overlay needs a file'],
    [['parse', 'a.txt', '--verbose'], 'unknown option'],
  ])('rejects %j with exit 2', async (argv, message) => {
    const { code, err } = await runInProcess(...argv);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  it.each([
    [['import'], 'expected exactly one notice file'],
    [['import', 'a.txt', '--chat'], '--chat needs a chat id'],
    [['import', 'a.txt', '--chat', '--overlay', 'o.json'], '--chat needs a chat id'],
    [['import', 'a.txt', '--chat', 'chat_123'], '群 ID 应以 oc_ 开头：chat_123（a chat id starts with oc_）'],
    [['import', 'a.txt', '--chat', 'oc_'], 'a chat id starts with oc_'],
    [['import', 'a.txt', '--chat', 'oc_a', '--chat', 'oc_b'], '--chat given twice'],
    [['import', 'a.txt', '--plan', 'x'], '未知选项：--plan（unknown option）'],
    [['parse', 'a.txt', '--chat', 'oc_a'], '未知选项：--chat（unknown option）'],
    [['list', 'extra'], 'list takes no arguments'],
    [['list', '--chat', 'oc_a'], 'unknown option'],
    [['export'], 'expected one .xlsx output file'],
    [['export', 'a.xlsx', 'b.xlsx'], 'expected one .xlsx output file'],
    [['export', 'a.xlsx', '--plan'], '--plan needs a plan id'],
    [['export', 'a.xlsx', '--plan', 'p1', '--plan', 'p2'], '--plan given twice'],
    [['export', 'a.xlsx', '--chat', 'oc_a'], 'unknown option'],
  ])('rejects %j with exit 2 and the usage, touching no database', async (argv, message) => {
    const { code, out, err } = await runInProcess(...argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(message);
    expect(err).toContain('用法（usage）');
  });

  it('lists the new subcommands and options in the usage', async () => {
    const { err } = await runInProcess();
    expect(err).toContain(
      'npm run plan -- import <通知文件（.txt/.docx/.pdf/.html/.xlsx）> [--overlay <覆盖文件.json>] [--chat <oc_群ID>]',
    );
    expect(err).toContain('npm run plan -- list');
    expect(err).toContain('npm run plan -- export <台账.xlsx> [--plan <方案文号>]');
  });

  it.each([[['list']], [['export', 'a.xlsx', '--plan', 'p1']], [['import', seedPath, '--chat', 'oc_a']]])(
    '%j without MONGODB_URI exits 2 and says so',
    async (argv) => {
      let err = '';
      const code = await runPlanCli(argv, { out: () => undefined, err: (t) => (err += t) }, {});
      expect(code).toBe(2);
      expect(err).toContain('MONGODB_URI is missing');
    },
  );

  it('writes the default report day warning to stderr and still prints the plan', async () => {
    const { code, out, err } = await runInProcess('parse', noticePath('no-report-day.txt'));
    expect(code).toBe(0);
    expect(err).toContain('提示（warning）');
    expect(JSON.parse(out).warnings).toHaveLength(1);
  });

  it('exits 1 for an overlay that is not JSON', async () => {
    const file = join(tempDir, 'broken.json');
    writeFileSync(file, '{ tasks: ');
    const { code, err } = await runInProcess('parse', seedPath, '--overlay', file);
    expect(code).toBe(1);
    expect(err).toContain('覆盖文件不是有效的 JSON');
  });
});

describe('npm run plan -- parse: every notice format', () => {
  const seedJson = `${JSON.stringify(parseNotice(seedText), null, 2)}\n`;
  const write = (name: string, data: Buffer) => {
    const file = join(tempDir, name);
    writeFileSync(file, data);
    return file;
  };

  it('prints the same JSON for the seed as .docx, a .docx task table and .html as for the .txt', async () => {
    const files = [
      write('seed.docx', await noticeDocx(seedText)),
      write('seed-table.docx', await taskTableDocx(taskRowsOf(parseNotice(seedText)), proseAround(seedText))),
      write('seed.html', noticeHtml(seedText, 'gb2312')),
    ];
    for (const file of files) {
      const { code, out, err } = await runInProcess('parse', file);
      expect({ file, code, err }).toEqual({ file, code: 0, err: '' });
      expect(out).toBe(seedJson);
    }
  });

  it('tells the format by content: a Word file named .txt parses', async () => {
    const { code, out } = await runInProcess('parse', write('renamed.txt', await noticeDocx(seedText)));
    expect(code).toBe(0);
    expect(out).toBe(seedJson);
  });

  it('exits 1 with the Chinese refusal for a scanned PDF, and with the paragraph for a malformed Word notice', async () => {
    const scan = await runInProcess('parse', write('scan.pdf', await scannedPdf(1)));
    expect(scan.code).toBe(1);
    expect(scan.err).toContain('该 PDF 没有文字层（可能是扫描件），无法读取；请上传 Word 或文字版 PDF。');
    const broken = seedText.replace('整改时限：2023年8月底前。', '整改时限：待定。');
    const word = await runInProcess('parse', write('broken.docx', await noticeDocx(broken)));
    expect(word.code).toBe(1);
    expect(word.err).toMatch(/^Word 文档第 \d+ 段：应为“2023年6月底前”或“长期坚持”/);
  });
});
