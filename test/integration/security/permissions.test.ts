import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_ACK } from '../../../src/transport/dispatcher.js';
import { type ChatHarness, PEOPLE, replyText, startChatHarness } from '../../helpers/chat-harness.js';
import { type DirectLine, startDirectLine } from './direct-line.js';
import { deniedEntries, snapshot } from './security-helpers.js';

const at = (who: { openId: string; name: string }) => `<at user_id="${who.openId}">${who.name}</at>`;

/** Office-only commands with arguments that would succeed if the office sent them. */
const officeCommands = (warningId: () => string): [string, () => string][] => [
  ['/销号', () => '/销号 6.1'],
  ['/退回', () => '/退回 6.1 材料不全'],
  ['/延期', () => '/延期 6.1 2023-12-31 想多给点时间'],
  ['/警告', () => '/警告 法院 进展缓慢'],
  ['/撤销黄牌', () => `/撤销黄牌 ${warningId()} 想撤销`],
  ['/绑定', () => `/绑定 ${at(PEOPLE.stranger)} 税务局 联络员`],
  ['/解绑', () => `/解绑 ${at(PEOPLE.court)}`],
  ['/导出', () => '/导出'],
  ['/通报', () => '/通报 2023-05 强制'],
  ['/考核', () => '/考核 2023'],
];

describe('only the office may use office commands; members act only on their own unit', () => {
  let h: ChatHarness;
  let line: DirectLine;
  let warningId = '';
  let signoffCard = '';
  beforeAll(async () => {
    h = await startChatHarness({ now: '2023-06-10 10:00' });
    line = await startDirectLine(h);
    await h.bind(PEOPLE.tax, '税务局');
    await h.bind(PEOPLE.court, '法院');
    await line.say(PEOPLE.office, '/警告 法院 5月未报送');
    const plan = await h.repos.plans.current();
    warningId = (await h.repos.warnings.list({ planId: plan!.planId }))[0]!.id;
    // A pending sign-off: its card carries a 销号 button anyone in the chat can press.
    signoffCard = (await line.say(PEOPLE.tax, '/申请销号 6.1 网上办理率已达96%')).messageId;
  });
  afterAll(async () => {
    await h?.close();
    await line?.close();
  });

  /**
   * Runs `send`, expects its reply to match `said` (and name the 督办员 unless `namesOffice` is false),
   * nothing stored, nothing else posted, and exactly one more `access.denied` entry that `audited` accepts.
   */
  async function expectRefused(
    who: { openId: string },
    send: () => Promise<string>,
    said: RegExp,
    audited: (entry: { actor: string; detail?: string; taskCode?: string; unit?: string }) => boolean,
    namesOffice = true,
  ): Promise<void> {
    const before = await snapshot(h);
    const deniedBefore = (await deniedEntries(h)).length;
    const filesBefore = h.fake.files.length;
    const appMessagesBefore = h.fake.messages(h.chatId).filter((m) => m.senderType === 'app').length;
    const reply = await send();
    expect(reply).toMatch(said);
    if (namesOffice) expect(reply).toContain('督办员');
    expect(await snapshot(h)).toBe(before);
    expect(h.fake.files.length).toBe(filesBefore);
    // The refusal is the only thing the bot posted (no bulletin, no file, no card).
    expect(h.fake.messages(h.chatId).filter((m) => m.senderType === 'app').length).toBe(
      appMessagesBefore + 1,
    );
    const denied = await deniedEntries(h);
    expect(denied.length).toBe(deniedBefore + 1);
    expect(denied[0]!.actor).toBe(who.openId);
    expect(audited(denied[0]!)).toBe(true);
  }

  const say = async (who: { openId: string }, text: string) => {
    const reply = await line.say(who, text);
    expect(reply.msgType).toBe('text');
    return replyText(reply);
  };

  for (const [name, text] of officeCommands(() => warningId)) {
    for (const who of ['tax', 'stranger'] as const) {
      it(`refuses ${name} from ${who === 'tax' ? 'a unit member' : 'a stranger'} and audits it`, async () => {
        const person = PEOPLE[who];
        await expectRefused(
          person,
          () => say(person, text()),
          new RegExp(`${name} 仅限县优化营商环境办督办员使用`),
          (entry) => entry.detail === `office-only command ${name}`,
        );
      });
    }
  }

  it('refuses an office command typed in English, upper case or full width', async () => {
    for (const text of ['/APPROVE 6.1', '/approve 6.1', '／销号　６.１']) {
      await expectRefused(
        PEOPLE.tax,
        () => say(PEOPLE.tax, text),
        /仅限县优化营商环境办督办员/,
        (entry) => entry.detail === 'office-only command /销号',
      );
    }
  });

  for (const text of [
    '/进展 6.1 50% 冒名报送',
    '/汇报 6.1 冒名',
    '/申请销号 6.2 冒名申请',
    '/done 6.2 冒名',
  ]) {
    it(`refuses ${text.split(' ')[0]} from a stranger and audits it`, async () => {
      await expectRefused(
        PEOPLE.stranger,
        () => say(PEOPLE.stranger, text),
        /尚未绑定责任单位/,
        (entry) =>
          entry.detail?.endsWith('by a member of no unit') === true && entry.taskCode === text.split(' ')[1],
      );
    });
  }

  for (const text of ['/进展 1.1 50% 替别人报', '/申请销号 1.1 替别人申请']) {
    it(`refuses ${text.split(' ')[0]} on another unit's task and audits it`, async () => {
      // This refusal names the task's responsible unit rather than the office.
      await expectRefused(
        PEOPLE.tax,
        () => say(PEOPLE.tax, text),
        /事项 1\.1 的责任单位是行政审批局，税务局不能对其/,
        (entry) =>
          entry.taskCode === '1.1' && entry.unit === '税务局' && /another unit/.test(entry.detail ?? ''),
        false,
      );
    });
  }

  for (const who of ['tax', 'stranger'] as const) {
    it(`refuses a card button carrying an office command pressed by ${who === 'tax' ? 'a unit member' : 'a stranger'}`, async () => {
      const person = PEOPLE[who];
      for (const command of ['/销号 6.1', '/退回 6.1 按钮退回', `/撤销黄牌 ${warningId} 按钮撤销`]) {
        const before = (await h.repliesTo(signoffCard)).length;
        await expectRefused(
          person,
          async () => {
            const press = await line.press({
              chatId: h.chatId,
              openMessageId: signoffCard,
              operatorOpenId: person.openId,
              value: { command },
            });
            expect(press).toEqual({ status: 200, body: CARD_ACK });
            const replies = await h.repliesTo(signoffCard);
            expect(replies).toHaveLength(before + 1);
            return replyText(replies.at(-1)!);
          },
          /仅限县优化营商环境办督办员使用/,
          (entry) => entry.detail?.startsWith('office-only command /') === true,
        );
      }
      const plan = await h.repos.plans.current();
      expect((await h.repos.tasks.get(plan!.planId, '6.1'))?.state).toBe('pending_signoff');
    });
  }

  it('lets the office do what the others could not (the refusals were about the caller)', async () => {
    const reply = await line.say(PEOPLE.office, '/销号 6.1');
    expect(replyText(reply)).toContain('已销号');
    const plan = await h.repos.plans.current();
    expect((await h.repos.tasks.get(plan!.planId, '6.1'))?.state).toBe('sustained');
  });
});
