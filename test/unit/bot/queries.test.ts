import { beforeEach, describe, expect, it } from 'vitest';
import { listCommands } from '../../../src/bot/commands/index.js';
import { atLocal } from '../../../src/domain/clock.js';
import { createMemoryBot, type MemoryBot, PEOPLE, textOf, titleOf } from '../../helpers/memory/memory-bot.js';

describe('queries, the help, and the scheduler’s commands through the bot', () => {
  let m: MemoryBot;
  beforeEach(async () => {
    m = await createMemoryBot({ now: '2023-06-10 10:00' });
    await m.bind(PEOPLE.tax, '税务局');
    await m.bind(PEOPLE.court, '法院');
  });

  it('routes every name of every command, Chinese and English, to its command', async () => {
    const commands = listCommands();
    const names = commands.flatMap((c) => c.names);
    expect(names).toEqual(
      expect.arrayContaining(['帮助', 'help', '日程', 'schedule', '通报', 'bulletin', '考核', 'assess']),
    );
    expect(names).toHaveLength(new Set(names).size);
    for (const command of commands) {
      for (const name of command.names) {
        // The command's own example, with this name.
        const typed = command.example.replace(/^\/\S+/, `/${name}`);
        const replies = await m.say(PEOPLE.office, typed, {
          mentions: typed.includes('@张三') ? [{ openId: 'ou_zhang_san', name: '张三' }] : [],
        });
        const all = replies.map(textOf).join('\n');
        expect(all, typed).not.toContain('这个指令');
        expect(all, typed).not.toContain('处理指令时出错');
      }
    }
    expect(m.messenger.uuidConflicts).toEqual([]);
  });

  it('/逾期 lists overdue tasks by unit with days overdue; /overdue is the same card', async () => {
    const [card] = await m.say(PEOPLE.tax, '/逾期');
    expect(titleOf(card)).toBe('逾期事项（13 项）');
    // 6.1 was due 2023-05-31.
    expect(textOf(card)).toContain('6.1');
    expect(textOf(card)).toContain('税务局');
    const [english] = await m.say(PEOPLE.tax, '/overdue');
    expect(english?.content).toEqual(card?.content);
  });

  it('a task signed off leaves /逾期', async () => {
    await m.say(PEOPLE.tax, '/申请销号 6.1 已完成');
    await m.say(PEOPLE.office, '/销号 6.1');
    expect(titleOf((await m.say(PEOPLE.tax, '/逾期'))[0])).toBe('逾期事项（12 项）');
  });

  it('/未报 names the units without a report for the month; a report takes its task off', async () => {
    const [before] = await m.say(PEOPLE.office, '/未报 2023-06');
    expect(textOf(before)).toContain('**税务局**（2 项）');
    await m.say(PEOPLE.tax, '/进展 6.1 50% 文');
    await m.say(PEOPLE.tax, '/进展 6.2 50% 文');
    const [after] = await m.say(PEOPLE.office, '/unreported 2023-06');
    expect(textOf(after)).not.toContain('**税务局**');
    expect(titleOf(after)).toBe('未报送进展单位（10 个）');
    expect(textOf((await m.say(PEOPLE.office, '/未报 2023-99'))[0])).toContain('2023-99');
  });

  it('/事项 shows the task with its reports; /task the same', async () => {
    await m.say(PEOPLE.tax, '/进展 6.1 60% 已开展培训3场');
    const [card] = await m.say(PEOPLE.court, '/事项 6.1');
    expect(titleOf(card)).toContain('6.1');
    expect(textOf(card)).toContain('已开展培训3场');
    expect((await m.say(PEOPLE.court, '/task 6.1'))[0]?.content).toEqual(card?.content);
    expect(textOf((await m.say(PEOPLE.court, '/事项 6.x'))[0])).toContain('“6.x”不是事项编号');
  });

  it('/记录 pages the audit trail ten entries a page, newest first', async () => {
    for (let i = 1; i <= 12; i++) {
      m.clock.set(atLocal(`2023-06-10 10:${String(i).padStart(2, '0')}`));
      await m.say(PEOPLE.tax, `/进展 6.1 ${i}% 第${i}次`);
    }
    const [first] = await m.say(PEOPLE.office, '/记录 6.1');
    expect(titleOf(first)).toBe('事项 6.1 操作记录');
    expect(textOf(first)).toContain('第12次');
    expect(textOf(first)).not.toContain('第2次');
    const [second] = await m.say(PEOPLE.office, '/log 6.1 2');
    expect(textOf(second)).toContain('第2次');
    expect(textOf(second)).toContain('第1次');
    expect(textOf(second)).not.toContain('第12次');
    expect(textOf((await m.say(PEOPLE.office, '/记录 6.1 第二页'))[0])).toContain('“第二页”不是页码');
  });

  it('/单位 shows a unit’s tasks and live cards; an unknown unit is named', async () => {
    await m.say(PEOPLE.office, '/警告 法院 报送不实');
    const [card] = await m.say(PEOPLE.tax, '/单位 法院');
    expect(textOf(card)).toContain('8.4');
    expect(textOf(card)).toContain('黄牌 1 张');
    expect((await m.say(PEOPLE.tax, '/unit 法院'))[0]?.content).toEqual(card?.content);
    expect(textOf((await m.say(PEOPLE.tax, '/单位 不存在局'))[0])).toContain('不存在局');
  });

  it('/总览 counts the plan’s tasks by indicator; /status the same', async () => {
    const [card] = await m.say(PEOPLE.tax, '/总览');
    expect(textOf(card)).toContain('46');
    expect((await m.say(PEOPLE.tax, '/status'))[0]?.content).toEqual(card?.content);
  });

  it('/黄牌 lists live cards only (not revoked ones); /warnings the same', async () => {
    await m.say(PEOPLE.office, '/警告 法院 报送不实');
    await m.say(PEOPLE.office, '/警告 住建局 进展缓慢');
    const [court] = await m.repos.warnings.list({ planId: m.planId, unit: '法院' });
    await m.say(PEOPLE.office, `/撤销黄牌 ${court?.id} 已核实`);
    const [card] = await m.say(PEOPLE.tax, '/黄牌');
    expect(textOf(card)).toContain('住建局');
    expect(textOf(card)).not.toContain(court?.id as string);
    expect((await m.say(PEOPLE.tax, '/warnings'))[0]?.content).toEqual(card?.content);
  });

  it('/帮助 shows the office every command and a member only theirs', async () => {
    const [office] = await m.say(PEOPLE.office, '/帮助');
    const [member] = await m.say(PEOPLE.tax, '/help');
    expect(textOf(office)).toContain('可使用全部命令');
    expect(textOf(office)).toContain('/绑定');
    expect(textOf(member)).toContain('您是 **税务局** 联络员');
    expect(textOf(member)).not.toContain('/绑定');
  });

  it('/我的 shows a member their unit and the office its to-do', async () => {
    await m.say(PEOPLE.tax, '/进展 6.1 50% 文');
    const [mine] = await m.say(PEOPLE.tax, '/我的');
    expect(titleOf(mine)).toBe('本单位整改事项');
    expect(textOf(mine)).toContain('2023-06 已报 1/2');
    await m.say(PEOPLE.tax, '/申请销号 6.2 完成');
    const [todo] = await m.say(PEOPLE.office, '/mine');
    expect(textOf(todo)).toContain('**待审核的销号申请**（1 项）');
  });

  it('/日程 lists the next 30 days of automatic posts', async () => {
    const [card] = await m.say(PEOPLE.tax, '/日程');
    expect(titleOf(card)).toBe('自动推送安排');
    expect(textOf(card)).toContain('2023-06-20 09:00');
    expect(textOf(card)).toContain('进展提醒');
    expect((await m.say(PEOPLE.tax, '/schedule'))[0]?.content).toEqual(card?.content);
  });

  it('/考核 answers with the assessment card and its .xlsx', async () => {
    const [card, file, ...more] = await m.say(PEOPLE.office, '/考核 2023');
    expect(more).toEqual([]);
    expect(titleOf(card)).toBe('【年度综合考核】2023年度');
    expect(file?.file?.fileName).toBe('2023年度综合考核.xlsx');
    expect(textOf((await m.say(PEOPLE.office, '/assess 23'))[0])).toContain('“23”不是年份。');
  });

  it('/通报 posts the month’s bulletin to the group once; 强制 posts it again', async () => {
    expect(await m.say(PEOPLE.office, '/通报 2023-05')).toEqual([]);
    const posts = m.messenger.posts(m.chatId);
    expect(posts.map(titleOf)).toEqual(['【一月一通报】2023年5月整改工作通报']);
    expect(await m.repos.posts.list({ kind: 'bulletin' })).toMatchObject([
      { key: 'bulletin:2023-05', status: 'sent', messageId: posts[0]?.messageId },
    ]);
    expect((await m.say(PEOPLE.office, '/bulletin 2023-05')).map(textOf)).toEqual([
      '2023-05 的月度通报已发布过。如需重发，请发送：/通报 2023-05 强制',
    ]);
    await m.say(PEOPLE.office, '/通报 2023-05 强制');
    expect(m.messenger.posts(m.chatId).map(titleOf)).toEqual([
      '【一月一通报】2023年5月整改工作通报',
      '【一月一通报】2023年5月整改工作通报',
    ]);
  });

  it('/通报 sent as a direct message posts to the group and says so in the direct chat', async () => {
    const [ack, ...more] = await m.dm(PEOPLE.office, '/通报 2023-05');
    expect(more).toEqual([]);
    expect(textOf(ack)).toBe('已在工作群发布 2023-05 的月度通报。');
    expect(ack?.chatId).toBe(m.messenger.p2pChatOf(PEOPLE.office.openId));
    expect(m.messenger.posts(m.chatId).map(titleOf)).toEqual(['【一月一通报】2023年5月整改工作通报']);
  });
});
