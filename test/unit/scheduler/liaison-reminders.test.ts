import { describe, expect, it } from 'vitest';
import { atLocal } from '../../../src/domain/clock.js';
import { performFireTime } from '../../../src/supervision/post-kinds.js';
import { createMemoryBot, PEOPLE, textOf, titleOf } from '../../helpers/memory/memory-bot.js';

const reminderOf = (day: string) =>
  ({ kind: 'reminder', day, period: '2023-06', at: atLocal(`${day} 09:00`) }) as const;

describe('the reminder’s direct messages to liaisons (REMIND_LIAISONS_DIRECTLY)', () => {
  it('sends each late unit’s liaison one direct message naming the unit’s open tasks, once', async () => {
    const m = await createMemoryBot({ now: '2023-06-20 09:00', env: { REMIND_LIAISONS_DIRECTLY: 'true' } });
    await m.bind(PEOPLE.tax, '税务局');
    await m.bind(PEOPLE.court, '法院');
    await m.say(PEOPLE.court, '/进展 8.1 50% 已完成立案系统升级');
    await performFireTime(m.supervision, reminderOf('2023-06-20'));
    // Again, as a second worker or a retried job would: nothing more is sent.
    await performFireTime(m.supervision, reminderOf('2023-06-20'));

    const [groupPost, ...moreGroupPosts] = m.messenger
      .posts(m.chatId)
      .filter((p) => titleOf(p)?.includes('提醒'));
    expect(moreGroupPosts).toEqual([]);
    expect(titleOf(groupPost)).toBe('【提醒】2023年6月整改进展报送');
    expect(textOf(groupPost)).toContain('税务局');
    // Units with no bound liaison are named in the group post and get no direct message.
    expect(textOf(groupPost)).toContain('行政审批局');
    const dms = m.messenger.posts(m.messenger.p2pChatOf(PEOPLE.tax.openId));
    expect(dms).toHaveLength(1);
    expect(textOf(dms[0])).toMatch(/^【督办提醒】王税务您好，税务局尚未报送2023年6月整改进展（6\.1、/);
    expect(textOf(dms[0])).toContain('/进展 事项编号 进度 进展情况');
    // 法院 has reported 8.1 but still owes this month's report on its other task(s): its liaison is
    // reminded of those only.
    const courtDms = m.messenger.posts(m.messenger.p2pChatOf(PEOPLE.court.openId));
    expect(courtDms.map(textOf)).toEqual([
      '【督办提醒】李法院您好，法院尚未报送2023年6月整改进展（7.1、8.2、8.3、8.4），请于 2023-06-25 前在工作群发送：/进展 事项编号 进度 进展情况',
    ]);
  });

  it('sends none when the setting is off (the default)', async () => {
    const m = await createMemoryBot({ now: '2023-06-20 09:00' });
    await m.bind(PEOPLE.tax, '税务局');
    await performFireTime(m.supervision, reminderOf('2023-06-20'));
    expect(m.messenger.posts(m.messenger.p2pChatOf(PEOPLE.tax.openId))).toEqual([]);
    expect(
      m.messenger
        .posts(m.chatId)
        .map(titleOf)
        .some((t) => t?.includes('提醒')),
    ).toBe(true);
  });
});
