import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPlanCli } from '../../../src/cli/plan.js';
import { type CliRun, runInProcess } from '../../helpers/cli.js';
import { readDocx } from '../../helpers/docx-reader.js';

const tempDir = mkdtempSync(join(tmpdir(), 'plan-documents-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

/** No MONGODB_URI: the preview from the seed notice, at a pinned time. */
const PREVIEW_ENV = { BOT_NOW: '2023-06-10T10:00:00+08:00', DOCUMENT_CC: '县委办公室' };

function plan(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<CliRun> {
  return runInProcess(runPlanCli, argv, env);
}

describe('npm run plan -- bulletin|assess --out (a preview without MONGODB_URI)', () => {
  it('writes the month’s bulletin from the notice with no reports, and says it is a preview', async () => {
    const out = join(tempDir, 'bulletin.docx');
    const result = await plan(PREVIEW_ENV, 'bulletin', '2023-05', '--out', out);
    expect(result.code).toBe(0);
    expect(result.err).toContain('未设置 MONGODB_URI');
    expect(result.out).toContain(`已写出：${out}（上营商〔2023〕1号 预览`);
    const doc = await readDocx(readFileSync(out));
    expect(doc.paragraphs[0]?.text).toBe('上犹县优化营商环境工作领导小组办公室');
    expect(doc.text).toContain('上营商办通〔2023〕5号');
    expect(doc.text).toContain('截至 2023-06-10，共 46 项整改事项：已销号 0 项，整改中 46 项');
    expect(doc.tables[0]?.slice(1)).toHaveLength(15);
    expect(doc.text).toContain('2023年6月10日');
    expect(doc.text).toContain('抄送：县委办公室。');
  });

  it('writes the year’s assessment, every unit with no month reported', async () => {
    const out = join(tempDir, 'assess.docx');
    const result = await plan(
      { ...PREVIEW_ENV, DOCUMENT_ISSUER: '上犹县优化营商环境工作领导小组办公室' },
      'assess',
      '2023',
      '--out',
      out,
    );
    expect(result.code).toBe(0);
    const doc = await readDocx(readFileSync(out));
    expect(doc.paragraphs[0]?.text).toBe('上犹县优化营商环境工作领导小组办公室');
    expect(doc.text).toContain('关于2023年度整改工作综合考核结果的通报');
    const rows = doc.tables[0]?.slice(1) ?? [];
    expect(rows.length).toBeGreaterThan(10);
    // March to May have passed their report day (June 10): 3 months missed by every unit.
    for (const row of rows) expect(row.slice(3, 6)).toEqual(['0', '0', '3']);
  });

  it('refuses a bad month, year, output or setting with exit 2 and a message naming it', async () => {
    const out = join(tempDir, 'x.docx');
    const cases = [
      [['bulletin', '2023-13', '--out', out], '应给出月份'],
      [['assess', '23', '--out', out], '应给出年份'],
      [['bulletin', '2023-05', '--out', join(tempDir, 'x.pdf')], '.docx 输出文件'],
      [['bulletin', '2023-05'], '.docx 输出文件'],
      [['assess', '2023', '--out'], '--out 后应为输出文件路径'],
      [['assess', '2023', '--out', out, '--plan', '某〔2024〕1号'], '不是 某〔2024〕1号'],
    ] as const;
    for (const [argv, message] of cases) {
      const result = await plan(PREVIEW_ENV, ...argv);
      expect([result.code, result.err], argv.join(' ')).toEqual([2, expect.stringContaining(message)]);
    }
    const bad = await plan({ ...PREVIEW_ENV, DOCUMENT_NUMBER_PREFIX: 'ABC' }, 'assess', '2023', '--out', out);
    expect([bad.code, bad.err]).toEqual([2, expect.stringContaining('DOCUMENT_NUMBER_PREFIX')]);
  });
});
