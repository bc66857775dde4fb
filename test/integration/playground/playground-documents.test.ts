import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OFFICE, DEMO_PEOPLE } from '../../../dev/playground/demo-group.js';
import { type Playground, startPlayground } from '../../../dev/playground/playground.js';
import type { ViewMessage } from '../../../dev/playground/timeline.js';
import { cardTitle } from '../../helpers/chat-harness.js';
import { readDocx } from '../../helpers/docx-reader.js';
import { closeTestPlayground, testPlaygroundOptions } from '../../helpers/playground.js';
import { cardFigures } from '../../unit/documents/card-figures.js';

/** Resolves with `read()`'s first defined value, polled until `timeoutMs` (beforeAll has no expect.poll). */
async function until<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const person = (name: string) => {
  const found = DEMO_PEOPLE.find((p) => p.name === name);
  if (!found) throw new Error(`no demo person ${name}`);
  return found.openId;
};

describe('the playground after a month of reports: the bulletin and the assessment as .docx', () => {
  let playground: Playground;
  let dataDir: string;
  const api = (path: string) => new URL(`api/${path}`, playground.url).toString();

  async function post(path: string, body: unknown): Promise<void> {
    const res = await fetch(api(path), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(200);
  }

  /** What the page shows: every message of the demo group. */
  async function messages(): Promise<ViewMessage[]> {
    return ((await (await fetch(api('messages'))).json()) as { messages: ViewMessage[] }).messages;
  }

  /** `who` types `text` in the demo group, as on the page. */
  const say = (who: string, text: string) =>
    post('messages', { senderOpenId: who, text: `@督办助手 ${text}` });

  /** Waits for the bot's file message named `name` and downloads it through the page's link. */
  async function fileNamed(name: string): Promise<Buffer> {
    const found = await until(async () => (await messages()).find((m) => m.file?.name === name), name);
    const res = await fetch(api(`files/${encodeURIComponent(found.file?.key ?? '')}`));
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  }

  const cardTitled = async (title: string) => (await messages()).find((m) => cardTitle(m) === title);

  beforeAll(async () => {
    const base = testPlaygroundOptions('documents');
    dataDir = base.dataDir;
    playground = await startPlayground({
      ...base,
      now: new Date('2023-05-08T09:30:00+08:00'),
      env: {
        DOCUMENT_ISSUER: '上犹县优化营商环境工作领导小组办公室',
        DOCUMENT_CC: '县委办公室，县人民政府办公室',
      },
    });
    // May's reports from four of the five demo units; 住建局 reports nothing.
    await say(person('刘晓燕'), '/进展 6.1 60% 网上办理率=88.5% 已开通线上专窗');
    await say(person('刘晓燕'), '/进展 6.2 40% 退税流程已压缩');
    await say(person('陈建华'), '/进展 1.1 50% 地址库已上线');
    await say(person('李明'), '/进展 7.1 50% 已完成破产案件繁简分流');
    await say(person('周强'), '/进展 3.1 30% 低压办电已压减环节');
    await until(async () => {
      const receipts = (await messages()).filter((m) => m.senderType === 'app');
      return receipts.length >= 5 ? receipts : undefined;
    }, 'five receipts');
    // The roll call and the automatic bulletin of May come on the day after the report day.
    await post('clock', { at: '2023-05-26T10:30' });
    await until(() => cardTitled('【一月一通报】2023年5月整改工作通报'), 'the automatic bulletin');
  }, 180_000);

  afterAll(async () => {
    await closeTestPlayground(playground, dataDir);
  });

  it('/通报 2023-05 文件 brings the posted bulletin’s .docx with the card’s figures', async () => {
    await say(DEMO_OFFICE.openId, '/通报 2023-05 文件');
    const doc = await readDocx(await fileNamed('2023年5月整改工作通报.docx'));
    const card = await cardTitled('【一月一通报】2023年5月整改工作通报');
    const figures = cardFigures(card!.content as object);
    expect(doc.paragraphs[0]?.text).toBe('上犹县优化营商环境工作领导小组办公室');
    expect(doc.paragraphs[0]?.runs[0]?.color).toBe('FF0000');
    expect(doc.paragraphs.map((p) => p.text)).toContain(figures.summary);
    expect(doc.tables[0]?.slice(1)).toEqual(
      figures.tables[0]?.map((r) =>
        [r.seq, r.name, r.total, r.closed, r.active, r.overdue, r.percent].map(String),
      ),
    );
    // 住建局 reported nothing: named in the card and in the document.
    expect(JSON.stringify(card?.content)).toContain('住建局');
    const named = doc.tables.find((t) => t[0]?.[1] === '未按时报送的事项');
    expect(named?.map((r) => r[0])).toContain('住建局');
    expect(doc.text).toContain('2023年5月26日');
    expect(doc.text).toContain('抄送：县委办公室，县人民政府办公室。');
  });

  it('/考核 2023 文件 brings the assessment card and its .docx with the same rows', async () => {
    await say(DEMO_OFFICE.openId, '/考核 2023 文件');
    const doc = await readDocx(await fileNamed('2023年度综合考核结果通报.docx'));
    const card = await cardTitled('【年度综合考核】2023年度');
    const figures = cardFigures(card!.content as object);
    expect(doc.tables[0]?.slice(1).map((r) => r.slice(1))).toEqual(
      figures.tables[0]?.map((r) =>
        [r.unit, r.tasks, r.onTime, r.late, r.missed, r.overdue, r.signedOff, r.warnings, r.score].map(
          String,
        ),
      ),
    );
    expect(doc.text).toContain('关于2023年度整改工作综合考核结果的通报');
  });
});
