import { describe, expect, it } from 'vitest';
import { createMemoryBot, PEOPLE, textOf, titleOf } from '../../helpers/memory/memory-bot.js';
import { SECOND_NOTICE } from '../../helpers/second-plan.js';

const COCKPIT_ON = {
  PUBLIC_BASE_URL: 'https://duban.example.gov.cn',
  COCKPIT_SESSION_SECRET: 'memory-cockpit-session-secret-0123456789',
};

/** The open_url behaviour of the card's button. */
function linkOf(content: Record<string, unknown>): { default_url?: string; pc_url?: string } | undefined {
  const text = JSON.stringify(content);
  const match = /"behaviors":\[(\{"type":"open_url"[^\]]*\})\]/.exec(text);
  return match?.[1] ? JSON.parse(match[1]) : undefined;
}

describe('/驾驶舱', () => {
  it('answers with a card whose button opens the plan’s cockpit (applink on the desktop client)', async () => {
    const m = await createMemoryBot({ env: COCKPIT_ON });
    await m.bind(PEOPLE.tax, '税务局');
    const [reply] = await m.say(PEOPLE.tax, '/驾驶舱');
    expect(titleOf(reply)).toBe('督办驾驶舱');
    const url = `https://duban.example.gov.cn/cockpit?plan=${encodeURIComponent(m.planId)}`;
    expect(linkOf(reply?.content ?? {})).toEqual({
      type: 'open_url',
      default_url: url,
      pc_url: `https://applink.feishu.cn/client/web_url/open?mode=window&url=${encodeURIComponent(url)}`,
    });
    expect(textOf(reply)).toContain('仅督办员和领导小组成员可登录查看');
  });

  it('/cockpit is the same command; an argument is refused', async () => {
    const m = await createMemoryBot({ env: COCKPIT_ON });
    const [english] = await m.say(PEOPLE.office, '/cockpit');
    expect(titleOf(english)).toBe('督办驾驶舱');
    const [bad] = await m.say(PEOPLE.office, '/驾驶舱 2023');
    expect(textOf(bad)).toContain('/驾驶舱 不需要参数。');
  });

  it('says the cockpit is not on when the deployment has no PUBLIC_BASE_URL', async () => {
    const m = await createMemoryBot();
    const [reply] = await m.say(PEOPLE.office, '/驾驶舱');
    expect(textOf(reply)).toBe(
      '督办驾驶舱尚未开启：部署时需设置对外访问地址（PUBLIC_BASE_URL），请联系管理员。',
    );
  });

  it('the bulletin card ends with a button to the cockpit when it is on, and has none when it is off', async () => {
    for (const [env, expected] of [
      [COCKPIT_ON, 'https://duban.example.gov.cn/cockpit?plan='],
      [{}, undefined],
    ] as const) {
      const m = await createMemoryBot({ now: '2023-05-26 11:00', env });
      await m.say(PEOPLE.office, '/通报 2023-05');
      const bulletin = m.messenger.posts(m.chatId).find((p) => titleOf(p)?.includes('通报'));
      expect(bulletin).toBeDefined();
      const link = linkOf(bulletin?.content ?? {});
      if (expected) expect(link?.default_url).toBe(`${expected}${encodeURIComponent(m.planId)}`);
      else expect(link).toBeUndefined();
    }
  });

  it('in a roll-up group links to the group’s page of plans', async () => {
    const m = await createMemoryBot({ env: COCKPIT_ON });
    await m.addPlan(SECOND_NOTICE, 'oc_chongyi_group');
    m.messenger.addChat('oc_city_group', Object.values(PEOPLE));
    await m.say(PEOPLE.office, '/汇总群', { chatId: 'oc_city_group' });
    const [reply] = await m.say(PEOPLE.office, '/驾驶舱', { chatId: 'oc_city_group' });
    expect(titleOf(reply)).toBe('督办驾驶舱');
    expect(textOf(reply)).toContain('汇总群 · 2 个方案');
    expect(linkOf(reply?.content ?? {})?.default_url).toBe(
      'https://duban.example.gov.cn/cockpit?rollup=oc_city_group',
    );
  });
});
