import { describe, expect, it } from 'vitest';
import { runScheduleCli } from '../../../src/cli/schedule.js';
import { type CliRun, runInProcess as run } from '../../helpers/cli.js';
import { seedPath } from '../domain/plan/notice-fixtures.js';

/** Runs `schedule …` in process over the notice file (no MONGODB_URI), capturing what it writes. */
function runInProcess(argv: string[], env: NodeJS.ProcessEnv = { PLAN_FILE: seedPath }): Promise<CliRun> {
  return run(runScheduleCli, argv, env);
}

const RANGE = ['--from', '2023-05-01', '--to', '2023-05-31'];

describe('npm run schedule -- preview (in process, from the notice file)', () => {
  it('prints one tab-separated line per post ending with the plan, and the count on stderr', async () => {
    const { code, out, err } = await runInProcess(['preview', ...RANGE]);
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines)
      expect(line).toMatch(/^2023-05-\d{2} \d{2}:\d{2}\t[a-z_]+\t.+\t上营商〔2023〕1号$/);
    expect(lines).toContain(
      '2023-05-19 09:00\treminder\t2023年5月进展报送提醒（未报单位）\t上营商〔2023〕1号',
    );
    expect(err).toContain(`共 ${lines.length} 条，1 个方案（${seedPath}）`);
  });

  it('honours POSTS_OFF and the configured times and days, as the worker does; names a bad one', async () => {
    const env = {
      PLAN_FILE: seedPath,
      POSTS_OFF: 'bulletin',
      ROLL_CALL_TIME: '08:30',
      REMINDER_DAYS_OF_MONTH: '10',
    };
    const { code, out } = await runInProcess(['preview', ...RANGE], env);
    expect(code).toBe(0);
    const kinds = out.split('\n').map((l) => l.split('\t').slice(0, 2).join(' '));
    expect(kinds).not.toContainEqual(expect.stringMatching(/ bulletin$/));
    expect(kinds).toContain('2023-05-26 08:30 roll_call');
    // The 10th instead of the 20th (moved to Friday the 19th by default), and D-1 as before.
    expect(kinds.filter((k) => k.endsWith(' reminder'))).toEqual([
      '2023-05-10 09:00 reminder',
      '2023-05-24 09:00 reminder',
    ]);
    const bad = await runInProcess(['preview', ...RANGE], { PLAN_FILE: seedPath, POSTS_OFF: 'weekly' });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('POSTS_OFF: unknown post kind weekly');
  });

  it('takes --plan when it names the notice file’s plan, and exits 2 for another', async () => {
    const all = await runInProcess(['preview', ...RANGE]);
    expect(await runInProcess(['preview', ...RANGE, '--plan', '上营商〔2023〕1号'])).toMatchObject({
      code: 0,
      out: all.out,
    });
    const other = await runInProcess(['preview', ...RANGE, '--plan', '上营商〔2024〕2号']);
    expect(other).toMatchObject({ code: 2, out: '' });
    expect(other.err).toContain('the notice file holds another plan');
  });

  it.each([
    [[], '用法（usage）'],
    [['lint'], '未知子命令：lint（unknown subcommand）'],
    [['preview'], '--from and --to are required'],
    [['preview', '--from', '2023-05-01'], '--from and --to are required'],
    [['preview', ...RANGE, '--plan'], '--plan needs a value'],
    [['preview', '--from', '--to', '2023-05-31'], '--from needs a value'],
    [['preview', ...RANGE, '--from', '2023-05-02'], '--from given twice'],
    [['preview', ...RANGE, '--chat', 'oc_a'], '未知参数：--chat（unknown argument）'],
    [['preview', ...RANGE, 'extra'], 'unknown argument'],
    [['preview', '--from', '2023-5-1', '--to', '2023-05-31'], 'expected a date YYYY-MM-DD'],
    [['preview', '--from', '2023-02-30', '--to', '2023-05-31'], '日期应为 YYYY-MM-DD：2023-02-30'],
    [['preview', '--from', '2023-06-01', '--to', '2023-05-31'], '--from is after --to'],
  ])('rejects %j with exit 2 and the usage', async (argv, message) => {
    const { code, out, err } = await runInProcess(argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(message);
    expect(err).toContain(
      '用法（usage）：npm run schedule -- preview --from 2023-05-01 --to 2023-06-30 [--plan <方案文号>]',
    );
  });
});
