import { beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../config/index.js';
import { atLocal } from '../../../src/domain/clock.js';
import { postBulletin } from '../../../src/supervision/bulletin.post.js';
import { postUuid } from '../../../src/supervision/post-once.js';
import { readDocx } from '../../helpers/docx-reader.js';
import { createMemoryBot, type MemoryBot, PEOPLE, textOf, titleOf } from '../../helpers/memory/memory-bot.js';
import { cardFigures } from '../documents/card-figures.js';

const BULLETIN_TITLE = '【一月一通报】2023年5月整改工作通报';
const ISSUER = '上犹县优化营商环境工作领导小组办公室';

/** A month of reports: some units report May, one task is signed off, one yellow card is issued. */
async function aMonthOfReports(m: MemoryBot): Promise<void> {
  await m.bind(PEOPLE.tax, '税务局');
  await m.bind(PEOPLE.court, '法院');
  m.clock.set(atLocal('2023-05-20 10:00'));
  await m.say(PEOPLE.tax, '/进展 6.1 60% 网上办理率=88.5% 已开通线上专窗');
  await m.say(PEOPLE.court, '/进展 7.1 50% 已完成破产案件繁简分流');
  m.clock.set(atLocal('2023-06-10 10:00'));
}

/** The group's top-level messages: what the office sees in the group. */
const groupPosts = (m: MemoryBot) => m.messenger.posts(m.chatId);

describe('the bulletin and the assessment as official .docx in chat', () => {
  let m: MemoryBot;
  beforeEach(async () => {
    m = await createMemoryBot({
      now: '2023-05-01 10:00',
      env: { DOCUMENT_ISSUER: ISSUER, DOCUMENT_CC: '县委办公室，县人民政府办公室' },
    });
    await aMonthOfReports(m);
  });

  it('/通报 2023-05 文件 posts the card and then sends its .docx, with the card’s figures, to the group', async () => {
    expect(await m.say(PEOPLE.office, '/通报 2023-05 文件')).toEqual([]);
    const [card, file, ...more] = groupPosts(m);
    expect(more).toEqual([]);
    expect(titleOf(card)).toBe(BULLETIN_TITLE);
    expect(file?.file?.fileName).toBe('2023年5月整改工作通报.docx');
    expect(file?.uuid).toBe(`${postUuid(m.planId, 'bulletin:2023-05')}-docx`);
    const doc = await readDocx(file!.file!.data);
    expect(doc.paragraphs[0]?.text).toBe(ISSUER);
    expect(doc.text).toContain('关于2023年5月整改工作情况的通报');
    expect(doc.text).toContain('2023年6月10日');
    const figures = cardFigures(card!.content);
    expect(doc.paragraphs.map((p) => p.text)).toContain(figures.summary);
    expect(figures.summary).toMatch(/共 46 项整改事项/);
    // The indicator table's every figure, row by row.
    expect(doc.tables[0]?.slice(1)).toEqual(
      figures.tables[0]?.map((r) =>
        [r.seq, r.name, r.total, r.closed, r.active, r.overdue, r.percent].map(String),
      ),
    );
    // The KPI 6.1 reported above, as the card shows it.
    const kpi = figures.tables[1]?.find((r) => r.code === '6.1');
    expect(kpi?.latest).toBe('88.5%');
    expect(doc.tables[1]?.find((r) => r[0] === '6.1')?.slice(0, 5)).toEqual(
      [kpi?.code, kpi?.name, kpi?.baseline, kpi?.target, kpi?.latest].map(String),
    );
    // Units named by the roll call (the report day has passed): the same units as the card's list.
    const named = textOf(card).match(/六、点名通报单位（(\d+) 个）/)?.[1];
    expect(doc.text).toContain(`六、点名通报单位（${named} 个）`);
  });

  it('/通报 … 文件 for a month already posted sends only the document, with the kept figures', async () => {
    await m.say(PEOPLE.office, '/通报 2023-05');
    expect(groupPosts(m).map((p) => p.msgType)).toEqual(['interactive']);
    // Days later, the document carries the figures the posted card showed.
    m.clock.set(atLocal('2023-06-12 10:00'));
    const [reply] = await m.say(PEOPLE.office, '/通报 2023-05 文件');
    expect(textOf(reply)).toBe(
      '2023-05 的月度通报已发布过，已将通报文件发送到工作群。如需重发通报，请发送：/通报 2023-05 强制',
    );
    const [card, file] = groupPosts(m);
    expect(file?.file?.fileName).toBe('2023年5月整改工作通报.docx');
    const doc = await readDocx(file!.file!.data);
    expect(doc.paragraphs.map((p) => p.text)).toContain(cardFigures(card!.content).summary);
    expect(await m.repos.posts.list({ kind: 'bulletin' })).toHaveLength(1);
  });

  it('/通报 without 文件 sends no document unless BULLETIN_DOCUMENT is set', async () => {
    await m.say(PEOPLE.office, '/通报 2023-05');
    expect(groupPosts(m).map((p) => p.msgType)).toEqual(['interactive']);
  });

  it('/考核 2023 文件 answers with the card and the assessment .docx instead of the .xlsx', async () => {
    const [card, file, ...more] = await m.say(PEOPLE.office, '/考核 2023 文件');
    expect(more).toEqual([]);
    expect(titleOf(card)).toBe('【年度综合考核】2023年度');
    expect(file?.file?.fileName).toBe('2023年度综合考核结果通报.docx');
    const doc = await readDocx(file!.file!.data);
    const figures = cardFigures(card!.content);
    expect(doc.paragraphs.map((p) => p.text)).toContain(figures.summary.split('\n')[0]);
    expect(doc.tables[0]?.slice(1).map((r) => r.slice(1))).toEqual(
      figures.tables[0]?.map((r) =>
        [r.unit, r.tasks, r.onTime, r.late, r.missed, r.overdue, r.signedOff, r.warnings, r.score].map(
          String,
        ),
      ),
    );
    expect(doc.text).toContain('抄送：县委办公室，县人民政府办公室。');
    expect(textOf((await m.say(PEOPLE.office, '/考核 文件 23'))[0])).toContain('“23”不是年份。');
  });
});

describe('BULLETIN_DOCUMENT', () => {
  it('makes the automatic monthly bulletin send its .docx after the card, once', async () => {
    const m = await createMemoryBot({ now: '2023-06-10 10:00', env: { BULLETIN_DOCUMENT: 'true' } });
    expect(await postBulletin(m.supervision, '2023-05')).toBe('sent');
    expect(await postBulletin(m.supervision, '2023-05')).toBe('already');
    const posts = groupPosts(m);
    expect(posts.map((p) => p.msgType)).toEqual(['interactive', 'file']);
    expect(posts[1]?.uuid).toBe(`${posts[0]?.uuid}-docx`);
    // No DOCUMENT_ISSUER: the placeholder made from the plan's title.
    expect((await readDocx(posts[1]!.file!.data)).paragraphs[0]?.text).toBe(
      '上犹县优化营商环境工作领导小组办公室',
    );
  });

  it('is validated at start-up with the documents’ settings, naming the bad key', () => {
    const env = {
      MONGODB_URI: 'mongodb://127.0.0.1:27017/duban',
      REDIS_URL: 'redis://127.0.0.1:6379',
      LARK_APP_ID: 'cli_a',
      LARK_APP_SECRET: 's',
      LARK_ENCRYPT_KEY: 'k',
      LARK_VERIFICATION_TOKEN: 't',
    };
    expect(loadConfig(env)).toMatchObject({ documents: {}, bulletinDocument: false });
    expect(
      loadConfig({
        ...env,
        BULLETIN_DOCUMENT: 'true',
        DOCUMENT_ISSUER: ISSUER,
        DOCUMENT_NUMBER_PREFIX: '上营商办',
      }),
    ).toMatchObject({ documents: { issuer: ISSUER, numberPrefix: '上营商办' }, bulletinDocument: true });
    for (const [key, value] of [
      ['BULLETIN_DOCUMENT', 'yes'],
      ['DOCUMENT_ISSUER', 'Office <b>'],
      ['DOCUMENT_NUMBER_PREFIX', '上营商办〔'],
    ] as const) {
      expect(() => loadConfig({ ...env, [key]: value })).toThrow(ConfigError);
      expect(() => loadConfig({ ...env, [key]: value })).toThrow(key);
    }
  });
});
