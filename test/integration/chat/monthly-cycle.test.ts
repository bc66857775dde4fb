import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atLocal } from '../../../src/domain/clock.js';
import { type ChatHarness, PEOPLE, replyText, startChatHarness } from '../../helpers/chat-harness.js';
import { postsTitled } from '../../helpers/supervision.js';

/** The monthly cycle as the office lives it: closed months only, 补报 of the previous month. */
describe('the monthly cycle through the fake Lark', () => {
  let h: ChatHarness;
  const planId = async () => (await h.repos.plans.current())!.planId;
  beforeAll(async () => {
    h = await startChatHarness({ now: '2023-05-10 10:00' });
    await h.bind(PEOPLE.tax, '税务局');
    await h.bind(PEOPLE.court, '法院');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('/日程 on 05-04 lists every automatic post of the next 30 days, the 06-01 overdue check too', async () => {
    h.clock.set(atLocal('2023-05-04 10:00'));
    const text = replyText(await h.say(PEOPLE.tax, '/日程'));
    const overdue = /2023-06-01 09:00 \*\*逾期检查\*\* (\d+) 项事项到期未完成（([^）]*)）/.exec(text);
    const due = (await h.repos.tasks.list(await planId())).filter((t) => t.deadline === '2023-05-31');
    expect(due.length).toBeGreaterThan(0);
    expect(Number(overdue?.[1])).toBe(due.length);
    for (const task of due) expect(overdue?.[2]).toContain(task.code);
    expect(text).toContain('2023-05-19 09:00 **进展提醒**');
    expect(text).toContain('2023-05-26 09:00 **点名通报**');
    expect(text).toContain('2023-05-26 10:00 **月度通报**');
    expect(text).toContain('**到期提醒**');
  });

  it('/考核 on 2023-06-01 covers March through May only, card and .xlsx', async () => {
    h.clock.set(atLocal('2023-06-01 10:30'));
    const reply = await h.say(PEOPLE.office, '/考核 2023');
    const text = replyText(reply);
    expect(text).toContain('统计月份：2023年3月至2023年5月（共 3 个月');
    // Every unit missed March to May in this empty group: 3 × 5 points, not 4 × 5.
    expect(text).toContain('"missed":3');
    expect(text).not.toContain('"missed":4');
    const [file] = (await h.repliesTo(reply.parentId!)).filter((m) => m.msgType === 'file');
    const bytes = h.fake.files.find((f) => f.key === (file!.content as { file_key: string }).file_key)!.bytes;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const cells = workbook.worksheets[0]!.getColumn(1).values.map(String);
    expect(cells).toContain('统计月份：2023年3月至2023年5月（共 3 个月，报送日已过的月份）');
    expect(workbook.worksheets[0]!.getRow(1).values).toContain('补报月数');
  });

  it('/进展 6.1 2023-05 on 06-05 records a 补报 for May, marked late', async () => {
    h.clock.set(atLocal('2023-06-05 10:00'));
    const reply = await h.say(PEOPLE.tax, '/进展 6.1 2023-05 60% 补报：5月已开展培训3场');
    expect(replyText(reply)).toContain('已记录 6.1 的 2023-05 月进展（补报）');
    const [report] = await h.repos.reports.list({ planId: await planId(), taskCode: '6.1' });
    expect(report).toMatchObject({
      period: '2023-05',
      late: true,
      percent: 60,
      text: '补报：5月已开展培训3场',
    });
    const audit = await h.repos.audit.list({ taskCode: '6.1', action: 'report.create' });
    expect(audit[0]?.after).toMatchObject({ period: '2023-05', late: true });
    await h.say(PEOPLE.tax, '/进展 6.2 2023-05 补报：5月集中审批组已成立');
    // A report of the current month is not late.
    const june = await h.say(PEOPLE.tax, '/进展 6.1 65% 6月继续推进');
    expect(replyText(june)).toContain('已记录 6.1 的 2023-06 月进展"');
  });

  it('refuses a month other than the previous one, or past its window, and stores nothing', async () => {
    const before = (await h.repos.reports.list({ planId: await planId() })).length;
    const older = replyText(await h.say(PEOPLE.court, '/进展 7.1 2023-04 补报4月'));
    expect(older).toContain('只能补报上月（2023年5月）');
    const future = replyText(await h.say(PEOPLE.court, '/进展 7.1 2023-07 7月计划'));
    expect(future).toContain('不能报送2023年7月的进展');
    h.clock.set(atLocal('2023-06-26 09:00'));
    const closed = replyText(await h.say(PEOPLE.court, '/进展 7.1 2023-05 补报5月'));
    expect(closed).toContain('2023年5月的补报已于2023年6月25日截止');
    expect(await h.repos.reports.list({ planId: await planId() })).toHaveLength(before);
  });

  it('the assessment counts the 补报 month as late, not missed', async () => {
    h.clock.set(atLocal('2023-06-26 10:00'));
    const text = replyText(await h.say(PEOPLE.office, '/考核 2023'));
    expect(text).toContain('统计月份：2023年3月至2023年6月');
    // 税务局 (6.1, 6.2): March and April missed, May 补报, June missed (6.2 has no June report).
    expect(text).toContain('"unit":"税务局","tasks":2,"onTime":0,"late":1,"missed":3');
    expect(text).toContain('"unit":"法院","tasks":5,"onTime":0,"late":0,"missed":4');
    expect(text).toContain('每月扣 2 分，不计缺报');
  });

  /** Sends a command that posts to the group (no reply) and waits until its handling is done. */
  async function post(text: string): Promise<void> {
    const { messageId } = await h.fake.deliverUserMessage({
      chatId: h.chatId,
      senderOpenId: PEOPLE.office.openId,
      text,
      mentionBot: true,
    });
    await h.repliesTo(messageId);
  }

  it('/通报 2023-05 强制 on 07-03, never posted before, shows May as of its report day', async () => {
    h.clock.set(atLocal('2023-07-03 10:00'));
    await h.say(PEOPLE.tax, '/进展 6.2 80% 7月已完成流程再造');
    await post('/通报 2023-05 强制');
    const [first] = postsTitled(h, '2023年5月整改工作通报');
    const text = replyText(first!);
    expect(text).toContain('截至 2023-05-25');
    expect(text).not.toContain('截至 2023-07-03');
    // The 补报 of 06-05 and July's report came after May's report day: neither is in May's figures.
    expect(text).not.toContain('80%');
  });

  it("a re-post shows the figures kept from the first post, not today's", async () => {
    h.clock.set(atLocal('2023-07-10 10:00'));
    await h.say(PEOPLE.tax, '/进展 6.1 95% 7月基本完成');
    await post('/通报 2023-05 强制');
    const posts = postsTitled(h, '2023年5月整改工作通报');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.content).toEqual(posts[0]!.content);
  });

  it('the bulletin of the month in progress is as of now', async () => {
    await post('/通报 2023-07');
    const [july] = postsTitled(h, '2023年7月整改工作通报');
    expect(replyText(july!)).toContain('截至 2023-07-10');
  });

  it('/记录 6.1 shows who did what to the task and when, newest first, paged; office only', async () => {
    const first = replyText(await h.say(PEOPLE.office, '/记录 6.1'));
    expect(first).toContain('事项 6.1 操作记录');
    const lines = first.split('\\n').filter((l) => l.startsWith('- '));
    expect(lines.length).toBeGreaterThan(0);
    // Newest first: the 07-10 report comes before the 06-05 补报.
    const july = first.indexOf('2023-07-10 10:00 **王税务** 报送进展 2023-07 月 95%');
    const late = first.indexOf('2023-06-05 10:00 **王税务** 报送进展 2023-05 月（补报） 60%');
    expect(july).toBeGreaterThan(-1);
    expect(late).toBeGreaterThan(july);
    expect(first).toContain('已是最早的记录');
    // Page 2 of a trail with more than ten entries.
    for (let i = 0; i < 10; i++) await h.say(PEOPLE.tax, `/进展 6.1 ${60 + i}% 第${i + 1}次更新`);
    const page1 = replyText(await h.say(PEOPLE.office, '/记录 6.1'));
    expect(page1).toContain('第10次更新');
    expect(page1).not.toContain('95%');
    expect(page1).toContain('更早的记录请发送：/记录 6.1 2');
    const page2 = replyText(await h.say(PEOPLE.office, '/log 6.1 2'));
    expect(page2).toContain('事项 6.1 操作记录（第 2 页）');
    expect(page2).toContain('95%');
    expect(page2).not.toContain('第10次更新');
    expect(replyText(await h.say(PEOPLE.office, '/记录 6.1 x'))).toContain('不是页码');
    expect(replyText(await h.say(PEOPLE.tax, '/记录 6.1'))).toContain('仅限县优化营商环境办督办员使用');
  });

  it('marks a report copied from last month 与上月雷同 and lists it, with a KPI moving away, in the bulletin', async () => {
    h.clock.set(atLocal('2023-08-10 10:00'));
    const fresh = await h.say(PEOPLE.tax, '/进展 6.1 70% 网上办理率=90% 8月上线新功能');
    expect(replyText(fresh)).not.toContain('与上月雷同');
    // The latest July report said `第10次更新`; copying it (other spacing and punctuation) is flagged.
    const copied = await h.say(PEOPLE.tax, '/进展 6.1 71% 网上办理率=85% 第 10 次更新。');
    expect(replyText(copied)).toContain('与上月雷同');
    expect(replyText(copied)).toContain('与 2023-07 的进展相似度 100%');
    await post('/通报 2023-08');
    const [august] = postsTitled(h, '2023年8月整改工作通报');
    const text = replyText(august!);
    expect(text).toContain('七、与上月雷同的进展（1 条）');
    expect(text).toContain('6.1（税务局）与 2023-07 的进展相似度 100%');
    expect(text).toContain('较上次 90% 偏离目标');
  });
});
