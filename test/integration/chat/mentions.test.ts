import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatHarness, PEOPLE, replyText, startChatHarness } from '../../helpers/chat-harness.js';

/** Members whose display names hold what a careless split would read as words. */
const TRICKY = [
  { openId: 'ou_amy', name: 'Amy x 督办员' },
  { openId: 'ou_john', name: 'John Smith' },
  { openId: 'ou_wang', name: '王　五' },
  { openId: 'ou_court_lead', name: '法院 主要领导' },
];

const at = (who: { openId: string; name: string }) => `<at user_id="${who.openId}">${who.name}</at>`;

describe('/绑定 and /解绑 take the mentioned member from the mention, never from its name', () => {
  let h: ChatHarness;
  beforeAll(async () => {
    h = await startChatHarness({ now: '2023-05-10 10:00' });
    for (const person of TRICKY) h.fake.addMember(h.chatId, person);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('binds "Amy x 督办员" as the liaison of 税务局, not as an office admin', async () => {
    const reply = await h.say(PEOPLE.office, `/绑定 ${at(TRICKY[0]!)} 税务局`);
    expect(replyText(reply)).toContain('绑定成功');
    expect(await h.repos.members.get('ou_amy')).toMatchObject({
      name: 'Amy x 督办员',
      unit: '税务局',
      role: 'liaison',
    });
    // Bound as a liaison, Amy cannot issue a yellow card.
    const refused = await h.say(TRICKY[0]!, '/警告 法院 测试');
    expect(replyText(refused)).toMatch(/仅限/);
    const planId = (await h.repos.plans.current())!.planId;
    expect(await h.repos.warnings.list({ planId, includeRevoked: true })).toEqual([]);
  });

  it('binds names with spaces, full-width spaces, unit names and roles exactly as the office meant', async () => {
    await h.say(PEOPLE.office, `/绑定 ${at(TRICKY[1]!)} 税务局 分管领导`);
    await h.say(PEOPLE.office, `/绑定 ${at(TRICKY[2]!)} 住建局`);
    await h.say(PEOPLE.office, `/bind ${at(TRICKY[3]!)} 税务局 联络员`);
    expect(await h.repos.members.get('ou_john')).toMatchObject({ unit: '税务局', role: 'deputy' });
    expect(await h.repos.members.get('ou_wang')).toMatchObject({ unit: '住建局', role: 'liaison' });
    expect(await h.repos.members.get('ou_court_lead')).toMatchObject({ unit: '税务局', role: 'liaison' });
  });

  it('unbinds the mentioned member only', async () => {
    const reply = await h.say(PEOPLE.office, `/解绑 ${at(TRICKY[3]!)}`);
    expect(replyText(reply)).toContain('已解绑');
    expect(await h.repos.members.get('ou_court_lead')).toBeNull();
    expect(await h.repos.members.get('ou_john')).not.toBeNull();
  });
});
