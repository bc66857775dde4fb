import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLedgerXlsx } from '../../../src/ledger/read-ledger.js';
import {
  type ChatHarness,
  cardColour,
  PEOPLE,
  replyText,
  startChatHarness,
} from '../../helpers/chat-harness.js';

describe('queries, the ledger export and card buttons', () => {
  let h: ChatHarness;
  beforeAll(async () => {
    // 2023-06-10: the tasks due 2023-05-31 are overdue.
    h = await startChatHarness({ now: '2023-06-10 10:00' });
    await h.bind(PEOPLE.tax, '税务局');
    await h.bind(PEOPLE.approval, '行政审批局');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('/逾期 lists overdue tasks by unit on a red card, for anyone', async () => {
    await h.say(PEOPLE.approval, '/进展 1.2 80% 歇业备案宣传已开展');
    const reply = await h.say(PEOPLE.stranger, '/逾期');
    expect(cardColour(reply)).toBe('red');
    const text = replyText(reply);
    expect(text).toContain('行政审批局');
    expect(text).toContain('1.2');
    expect(text).toContain('歇业备案宣传已开展');
    expect(text).not.toContain('"3.1"'); // due 2023-06-30, not overdue yet
  });

  it('/未报 names the units without a report this month', async () => {
    const reply = await h.say(PEOPLE.tax, '/未报');
    const text = replyText(reply);
    expect(text).toContain('报送月份 2023-06');
    expect(text).toContain('**法院**');
    expect(text).toContain('**税务局**');
    await h.say(PEOPLE.tax, '/进展 6.1 50% 推广电子税务局');
    await h.say(PEOPLE.tax, '/进展 6.2 50% 规范流转');
    const after = replyText(await h.say(PEOPLE.tax, '/unreported 2023-06'));
    expect(after).not.toContain('**税务局**');
    expect(after).toContain('**法院**');
  });

  it('/事项 shows problem, measures, KPI and reports; /单位, /总览, /我的, /帮助 answer with cards', async () => {
    const task = replyText(await h.say(PEOPLE.court, '/事项 6.1'));
    expect(task).toContain('涉税事项网上办理率');
    expect(task).toContain('80.36');
    expect(task).toContain('推广电子税务局');
    expect(replyText(await h.say(PEOPLE.court, '/单位 县税务局'))).toContain('6.2');
    const overview = replyText(await h.say(PEOPLE.court, '/总览'));
    expect(overview).toContain('开办企业指标');
    expect(overview).toContain('市场监管指标');
    const mine = replyText(await h.say(PEOPLE.tax, '/我的'));
    expect(mine).toContain('6.1');
    expect(mine).not.toContain('"1.1"');
    const officeHelp = replyText(await h.say(PEOPLE.office, '/帮助'));
    const memberHelp = replyText(await h.say(PEOPLE.tax, '/help'));
    expect(officeHelp).toContain('/销号');
    expect(memberHelp).not.toContain('/销号 6.1');
  });

  it('/导出 sends the ledger as an .xlsx file that reads back', async () => {
    const reply = await h.say(PEOPLE.office, '/导出');
    expect(reply.msgType).toBe('file');
    const fileKey = (reply.content as { file_key: string }).file_key;
    const file = h.fake.files.find((f) => f.key === fileKey);
    expect(file?.name).toBe('整改台账-2023-06-10.xlsx');
    const ledger = await readLedgerXlsx(file!.bytes);
    expect(ledger.rows).toHaveLength(46);
    expect(ledger.rows.find((r) => r.事项编号 === '6.1')?.['最新进度(%)']).toBe(50);
  });

  it('routes a card button like the typed command, with the same permission checks', async () => {
    const card = await h.say(PEOPLE.tax, '/事项 6.1');
    const press = await h.fake.deliverCardAction({
      chatId: h.chatId,
      openMessageId: card.messageId,
      operatorOpenId: PEOPLE.tax.openId,
      value: { command: '/事项 6.2' },
    });
    expect(press.responseErrors).toEqual([]);
    expect(press.delivered).toBe(true);
    const replies = await h.repliesTo(card.messageId);
    expect(replies.map(replyText).some((t) => t.includes('退税时间'))).toBe(true);

    const denied = await h.fake.deliverCardAction({
      chatId: h.chatId,
      openMessageId: card.messageId,
      operatorOpenId: PEOPLE.tax.openId,
      value: { command: '/销号 6.1' },
    });
    expect(denied.delivered).toBe(true);
    const after = await h.repliesTo(card.messageId);
    expect(after.map(replyText).some((t) => t.includes('仅限县优化营商环境办督办员'))).toBe(true);
  });

  it('submits a sign-off form with its note appended to the command', async () => {
    const card = await h.say(PEOPLE.tax, '/事项 6.2');
    await h.fake.deliverCardAction({
      chatId: h.chatId,
      openMessageId: card.messageId,
      operatorOpenId: PEOPLE.tax.openId,
      value: { command: '/申请销号 6.2' },
      formValue: { note: '集中审批组运行良好' },
    });
    await h.repliesTo(card.messageId);
    const plan = await h.repos.plans.current();
    const task = await h.repos.tasks.get(plan!.planId, '6.2');
    expect(task?.state).toBe('pending_signoff');
    expect(task?.signoff?.note).toBe('集中审批组运行良好');
  });

  it('/我的 from the office is its to-do, not a request to be bound', async () => {
    await h.say(PEOPLE.approval, '/申请销号 1.1 已实现企业开办一网通办');
    const reply = await h.say(PEOPLE.office, '/mine');
    const text = replyText(reply);
    expect(text).toContain('【督办待办】');
    expect(text).not.toContain('绑定');
    expect(text).toContain('待审核的销号申请');
    expect(text).toContain('**1.1**');
    expect(text).toContain('近期新增逾期');
    expect(text).toContain('2023年6月尚未报送的单位');
    expect(text).toContain('**法院**');
    expect(text).toContain('待确认的黄牌**（0 张）');
    // A unit member still gets the unit's tasks.
    expect(replyText(await h.say(PEOPLE.tax, '/我的'))).toContain('本单位整改事项');
  });
});
