import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runPlanCli } from '../../../src/cli/plan.js';
import { readDocx } from '../../helpers/docx-reader.js';
import { SECOND_DOC_NO, SECOND_NOTICE } from '../../helpers/second-plan.js';

const SEED = 'config/seed/shangyou-2022-rectification-plan.txt';

// The tool runs as a process several times a case: a busy machine triples its start-up.
describe('npm run plan -- bulletin|assess --out against the Mongo-wire server', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'duban-documents-cli-'));
  const uri = `${inject('mongoUri')}/cli_documents_${Date.now()}`;
  const env = { MONGODB_URI: uri, BOT_NOW: '2023-06-10T10:00:00+08:00', DOCUMENT_NUMBER_PREFIX: '上营商督' };
  const plan = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const code = await runPlanCli(argv, { out: (t) => (out += t), err: (t) => (err += `${t}\n`) }, env);
    return { code, out, err };
  };

  afterAll(async () => {
    const connection = await mongoose.createConnection(uri, { directConnection: true }).asPromise();
    await connection.dropDatabase();
    await connection.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the stored plan’s bulletin and assessment; with two plans, only the one --plan names', async () => {
    expect((await plan('import', SEED)).code).toBe(0);
    const bulletin = join(dir, 'bulletin.docx');
    const written = await plan('bulletin', '2023-05', '--out', bulletin);
    expect(written).toMatchObject({ code: 0, err: '' });
    expect(written.out).toContain(`已写出：${bulletin}（上营商〔2023〕1号，`);
    const doc = await readDocx(readFileSync(bulletin));
    expect(doc.text).toContain('上营商督通〔2023〕5号');
    expect(doc.text).toContain('共 46 项整改事项');

    const second = join(dir, 'second.txt');
    writeFileSync(second, SECOND_NOTICE);
    expect((await plan('import', second)).code).toBe(0);
    const assess = join(dir, 'assess.docx');
    const ambiguous = await plan('assess', '2023', '--out', assess);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.err).toContain('请用 --plan 指定');
    const chosen = await plan('assess', '2023', '--out', assess, '--plan', SECOND_DOC_NO);
    expect(chosen.code).toBe(0);
    const read = await readDocx(readFileSync(assess));
    expect(read.text).toContain('上营商督考〔2023〕1号');
    expect(read.text).toContain('崇义县');
    expect(read.tables[0]?.length).toBeGreaterThan(10);
  });
});
