import { beforeEach, describe, expect, it } from 'vitest';
import { parseNotice } from '../../../src/domain/plan/notice.parser.js';
import { createMemoryBot, type MemoryBot, PEOPLE, textOf, titleOf } from '../../helpers/memory/memory-bot.js';
import type { MemoryMessage } from '../../helpers/memory/messenger.js';
import { noticeDocx, scannedPdf, taskListXlsx, taskRowsOf } from '../../helpers/notice-files.js';
import { SECOND_DOC_NO, SECOND_NOTICE } from '../../helpers/second-plan.js';

const GROUP = 'oc_formats_group';

/** `/导入` takes the notice as the office has it: a Word file or an Excel task list, not only text. */
describe('/导入 a notice sent as .docx or .xlsx', () => {
  let m: MemoryBot;
  beforeEach(async () => {
    m = await createMemoryBot({ now: '2023-06-10 10:00' });
    m.messenger.addChat(GROUP, Object.values(PEOPLE));
  });
  const send = (fileName: string, data: Buffer) =>
    m.messenger.receiveFile({ chatId: GROUP, senderOpenId: PEOPLE.office.openId, fileName, data });
  const importFile = (file: string) => m.say(PEOPLE.office, '/导入', { chatId: GROUP, replyTo: file });

  it('previews and imports a Word notice: the same 文号, 15 indicators and 46 tasks as its text', async () => {
    const [preview] = await importFile(send('崇义县整改方案.docx', await noticeDocx(SECOND_NOTICE)));
    expect(titleOf(preview)).toBe('导入整改方案：请确认');
    expect(textOf(preview)).toContain(SECOND_DOC_NO);
    expect(textOf(preview)).toContain('15 项；**整改事项**：46 项');
    const [result] = await m.press(PEOPLE.office, preview as MemoryMessage, '确认导入');
    expect(titleOf(result)).toBe('整改方案已导入本群');
    expect(textOf(result)).toContain('新增 46 项');
    expect(await m.tenancy.catalog.byChat(GROUP)).toMatchObject({ planId: SECOND_DOC_NO });
  });

  it('imports an Excel task list (附件：整改任务清单) with merged indicator cells', async () => {
    const plan = parseNotice(SECOND_NOTICE);
    const xlsx = await taskListXlsx({
      titleRows: ['附件', SECOND_DOC_NO, `${plan.title}整改任务清单`],
      header: ['序号', '指标', '问题（表现）', '整改措施', '责任单位', '完成时限'],
      rows: taskRowsOf(plan),
      noteRows: ['各指标牵头单位要在每月25日前报送进展。'],
    });
    const [preview] = await importFile(send('任务清单.xlsx', xlsx));
    expect(textOf(preview)).toContain(plan.title);
    expect(textOf(preview)).toContain('每月 25 日');
    expect(textOf(preview)).toContain('15 项；**整改事项**：46 项');
    const [result] = await m.press(PEOPLE.office, preview as MemoryMessage, '确认导入');
    expect(textOf(result)).toContain('新增 46 项');
    const tasks = await m.tenancy.forPlan(SECOND_DOC_NO).repos.tasks.list(SECOND_DOC_NO);
    expect(tasks).toHaveLength(46);
  });

  it('refuses a scanned PDF and names a bad cell of a task list; nothing is stored', async () => {
    const [scan] = await importFile(send('扫描件.pdf', await scannedPdf(1)));
    expect(textOf(scan)).toBe(
      '该 PDF 没有文字层（可能是扫描件），无法读取；请上传 Word 或文字版 PDF。未导入任何内容。',
    );
    const plan = parseNotice(SECOND_NOTICE);
    const rows = taskRowsOf(plan);
    rows[0] = { ...rows[0]!, deadline: '尽快' };
    const xlsx = await taskListXlsx({
      titleRows: [SECOND_DOC_NO, plan.title],
      header: ['序号', '指标', '问题', '措施', '责任单位', '时限'],
      rows,
      noteRows: [],
    });
    const [bad] = await importFile(send('清单.xlsx', xlsx));
    expect(textOf(bad)).toMatch(
      /^方案通知“清单\.xlsx”无法解析：第 4 行第 6 列：应为“2023年6月底前”或“长期坚持”.*未导入任何内容。$/,
    );
    expect(await m.tenancy.catalog.get(SECOND_DOC_NO)).toBeNull();
  });
});
