import { beforeEach, describe, expect, it } from 'vitest';
import { NOT_SUPERVISED_REPLY } from '../../../src/bot/plan-routing.js';
import { createMemoryBot, type MemoryBot, PEOPLE, textOf, titleOf } from '../../helpers/memory/memory-bot.js';
import type { MemoryMessage } from '../../helpers/memory/messenger.js';
import { SECOND_DOC_NO, SECOND_NOTICE } from '../../helpers/second-plan.js';

const GROUP = 'oc_new_chongyi_group';

/**
 * `/导入` in chat: the office sends the notice file to a group bound to no plan and replies to it;
 * the preview card's 确认导入 imports the plan and binds the group.
 */
describe('/导入 a notice file in a work group', () => {
  let m: MemoryBot;
  let file: string;
  beforeEach(async () => {
    m = await createMemoryBot({ now: '2023-06-10 10:00' });
    m.messenger.addChat(GROUP, Object.values(PEOPLE));
    file = m.messenger.receiveFile({
      chatId: GROUP,
      senderOpenId: PEOPLE.office.openId,
      fileName: '崇义县整改方案.txt',
      data: Buffer.from(SECOND_NOTICE, 'utf8'),
    });
  });
  const importReply = (text = '/导入', who: { openId: string; name: string } = PEOPLE.office) =>
    m.say(who, text, { chatId: GROUP, replyTo: file });

  it('previews the notice with its 文号, title, report day, indicators, tasks by deadline and units', async () => {
    const [preview, ...more] = await importReply();
    expect(more).toEqual([]);
    expect(titleOf(preview)).toBe('导入整改方案：请确认');
    const text = textOf(preview);
    expect(text).toContain(SECOND_DOC_NO);
    expect(text).toContain('崇义县 2022 年度省营商环境第三方评价反馈问题整改提升工作方案');
    expect(text).toContain('每月 25 日');
    expect(text).toContain('15 项；**整改事项**：46 项');
    expect(text).toMatch(/2023-06 前 \d+ 项/);
    expect(text).toContain('税务局');
    // Nothing stored before the confirmation.
    expect(await m.tenancy.catalog.get(SECOND_DOC_NO)).toBeNull();
    expect(await m.tenancy.catalog.byChat(GROUP)).toBeNull();
  });

  it('imports on 确认导入: the group serves the plan, the confirmer is its office, queries answer', async () => {
    const [preview] = await importReply();
    const [result] = await m.press(PEOPLE.office, preview as MemoryMessage, '确认导入');
    expect(titleOf(result)).toBe('整改方案已导入本群');
    expect(textOf(result)).toContain('新增 46 项');
    expect(await m.tenancy.catalog.byChat(GROUP)).toMatchObject({ planId: SECOND_DOC_NO, chats: [GROUP] });
    const plan = m.tenancy.forPlan(SECOND_DOC_NO);
    expect(await plan.repos.members.get(PEOPLE.office.openId)).toMatchObject({ role: 'office' });
    expect(await plan.repos.audit.list({ action: 'plan.import' })).toHaveLength(1);
    expect(await plan.repos.audit.list({ action: 'member.bind' })).toHaveLength(1);
    // The seed plan keeps its own group and gains nothing.
    expect((await m.tenancy.catalog.byChat(m.chatId))?.planId).toBe(m.planId);
    const [overview] = await m.say(PEOPLE.office, '/方案', { chatId: GROUP });
    expect(textOf(overview)).toContain(SECOND_DOC_NO);
  });

  it('re-imports the group’s own 文号 as an update, keeping reports', async () => {
    const [preview] = await importReply();
    await m.press(PEOPLE.office, preview as MemoryMessage, '确认导入');
    const plan = m.tenancy.forPlan(SECOND_DOC_NO);
    await plan.repos.members.bind({
      ...PEOPLE.tax,
      unit: '税务局',
      role: 'liaison',
      boundBy: PEOPLE.office.openId,
      boundAt: m.clock.now(),
    });
    await m.say(PEOPLE.tax, '/进展 6.1 50% 已开展培训', { chatId: GROUP });
    const edited = m.messenger.receiveFile({
      chatId: GROUP,
      senderOpenId: PEOPLE.office.openId,
      fileName: '修订稿.txt',
      data: Buffer.from(
        SECOND_NOTICE.replace('整改时限：2023年7月底前。\n\n（九）', '整改时限：2023年10月底前。\n\n（九）'),
      ),
    });
    const [again] = await m.say(PEOPLE.office, '/导入', { chatId: GROUP, replyTo: edited });
    expect(titleOf(again)).toBe('更新整改方案：请确认');
    const [updated] = await m.press(PEOPLE.office, again as MemoryMessage, '确认导入');
    expect(textOf(updated)).toContain('8.4：2023-07-31 → 2023-10-31');
    expect(await plan.repos.reports.list({ planId: SECOND_DOC_NO })).toHaveLength(1);
  });

  it('refuses another plan in a group that already serves one, naming it, and stores nothing', async () => {
    const seedFile = m.messenger.receiveFile({
      chatId: m.chatId,
      senderOpenId: PEOPLE.office.openId,
      fileName: 'b.txt',
      data: Buffer.from(SECOND_NOTICE),
    });
    const [reply] = await m.say(PEOPLE.office, '/导入', { replyTo: seedFile });
    expect(textOf(reply)).toBe(
      `本群已督办方案 上营商〔2023〕1号，不能再导入方案 ${SECOND_DOC_NO}；一个群只督办一个方案。未导入任何内容。`,
    );
    expect(await m.tenancy.catalog.get(SECOND_DOC_NO)).toBeNull();
  });

  it('refuses a plan already served in another group: a plan has one work group', async () => {
    await m.addPlan(SECOND_NOTICE, 'oc_chongyi_first_group');
    const [reply] = await importReply();
    expect(textOf(reply)).toBe(
      `方案 ${SECOND_DOC_NO} 已在另一个工作群督办，不能再绑定本群；一个方案只在一个工作群督办（自动提醒、点名和通报都发到该群）。未导入任何内容。`,
    );
    expect(await m.tenancy.catalog.byChat(GROUP)).toBeNull();
    expect((await m.tenancy.catalog.get(SECOND_DOC_NO))?.chats).toEqual(['oc_chongyi_first_group']);
  });

  it('in a bound group: the plan’s own 督办员 may re-import, a unit member is refused', async () => {
    const [preview] = await importReply();
    await m.press(PEOPLE.office, preview as MemoryMessage, '确认导入');
    const plan = m.tenancy.forPlan(SECOND_DOC_NO);
    const bind = (who: { openId: string; name: string }, unit: string, role: 'liaison' | 'office') =>
      plan.repos.members.bind({ ...who, unit, role, boundBy: PEOPLE.office.openId, boundAt: m.clock.now() });
    await bind(PEOPLE.tax, '税务局', 'liaison');
    await bind(PEOPLE.court, '县优化营商环境办', 'office');
    const [refused] = await importReply('/导入', PEOPLE.tax);
    expect(textOf(refused)).toBe('/导入 仅限县优化营商环境办督办员使用。');
    const [again] = await importReply('/导入', PEOPLE.court);
    expect(titleOf(again)).toBe('更新整改方案：请确认');
    // The card's button is routed like the typed command: a unit member pressing it is refused too.
    const [pressed] = await m.press(PEOPLE.tax, again as MemoryMessage, '确认导入');
    expect(textOf(pressed)).toBe('/导入 仅限县优化营商环境办督办员使用。');
    const [updated] = await m.press(PEOPLE.court, again as MemoryMessage, '确认导入');
    expect(textOf(updated)).toContain('未变 46 项');
    // The same notice again changes nothing, and is not audited again; the 督办员 stays as bound.
    expect(await plan.repos.audit.list({ action: 'plan.import' })).toHaveLength(1);
    expect(await plan.repos.members.get(PEOPLE.court.openId)).toMatchObject({ role: 'office' });
  });

  it('refuses an archived plan’s 文号 and a file message of another group, storing nothing', async () => {
    const [preview] = await importReply();
    await m.press(PEOPLE.office, preview as MemoryMessage, '确认导入');
    const other = 'oc_another_group';
    m.messenger.addChat(other, Object.values(PEOPLE));
    // A confirm naming a file message of another group (typed by hand) reads nothing there.
    const [foreign] = await m.say(PEOPLE.office, `/导入 确认 ${file}`, { chatId: other });
    expect(textOf(foreign)).toMatch(/^找不到该文件消息：它可能已撤回，或不在本群。/);
    expect(await m.tenancy.catalog.byChat(other)).toBeNull();
    await m.tenancy.forPlan(SECOND_DOC_NO).repos.plans.archive({
      actor: PEOPLE.office.openId,
      actorName: PEOPLE.office.name,
      at: m.clock.now(),
    });
    const again = m.messenger.receiveFile({
      chatId: other,
      senderOpenId: PEOPLE.office.openId,
      fileName: '崇义县整改方案.txt',
      data: Buffer.from(SECOND_NOTICE, 'utf8'),
    });
    const [archived] = await m.say(PEOPLE.office, '/导入', { chatId: other, replyTo: again });
    expect(textOf(archived)).toMatch(/^本方案已由 高志平 于 .* 结案.*未导入任何内容。$/);
    expect(await m.tenancy.catalog.byChat(other)).toBeNull();
  });

  it('shows the parser’s notes in the preview: a notice without a report day gets 25 and says so', async () => {
    const noDay = m.messenger.receiveFile({
      chatId: GROUP,
      senderOpenId: PEOPLE.office.openId,
      fileName: '无报送日.txt',
      data: Buffer.from(SECOND_NOTICE.replace('要在每月25日前', '要按时'), 'utf8'),
    });
    const [preview] = await m.say(PEOPLE.office, '/导入', { chatId: GROUP, replyTo: noDay });
    expect(textOf(preview)).toContain('**解析提示**');
    expect(textOf(preview)).toContain('未找到“每月X日前”报送日，默认 25 日');
  });

  it('refuses anyone but an office admin in a group that serves no plan, with the one line', async () => {
    const [reply] = await importReply('/导入', PEOPLE.tax);
    expect(textOf(reply)).toBe(NOT_SUPERVISED_REPLY);
    const [other] = await m.say(PEOPLE.office, '/逾期', { chatId: GROUP });
    expect(textOf(other)).toBe(NOT_SUPERVISED_REPLY);
  });

  it('names what is wrong: no file replied to, a broken Word file, a malformed notice, no permission; 取消', async () => {
    const [noFile] = await m.say(PEOPLE.office, '/导入', { chatId: GROUP });
    expect(textOf(noFile)).toContain('请先在群里发送方案通知文件');
    const word = m.messenger.receiveFile({
      chatId: GROUP,
      senderOpenId: PEOPLE.office.openId,
      fileName: '方案.docx',
      data: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]),
    });
    const [docx] = await m.say(PEOPLE.office, '/导入', { chatId: GROUP, replyTo: word });
    expect(textOf(docx)).toBe(
      '文件“方案.docx”是损坏的压缩文件（无法打开），无法读取；请发送纯文本（.txt）、Word（.docx）、文字版 PDF、网页（.html）或 Excel 任务清单（.xlsx）。未导入任何内容。',
    );
    const broken = m.messenger.receiveFile({
      chatId: GROUP,
      senderOpenId: PEOPLE.office.openId,
      fileName: '坏的.txt',
      data: Buffer.from(SECOND_NOTICE.replace('整改时限：2023年7月底前。\n\n（九）', '\n\n（九）')),
    });
    const [malformed] = await m.say(PEOPLE.office, '/导入', { chatId: GROUP, replyTo: broken });
    expect(textOf(malformed)).toMatch(/^方案通知“坏的\.txt”无法解析：第 \d+ 行：应为/);
    m.messenger.canReadGroupMessages = false;
    const [denied] = await importReply();
    expect(textOf(denied)).toContain('im:message.group_msg');
    m.messenger.canReadGroupMessages = true;
    const [preview] = await importReply();
    const [cancelled] = await m.press(PEOPLE.office, preview as MemoryMessage, '取消');
    expect(textOf(cancelled)).toBe('已取消，未导入任何内容。');
    expect(await m.tenancy.catalog.get(SECOND_DOC_NO)).toBeNull();
  });
});
