import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMessage } from '../../../dev/fake-lark/index.js';
import { type ChatHarness, PEOPLE, replyText, startChatHarness } from '../../helpers/chat-harness.js';
import { noticeDocx } from '../../helpers/notice-files.js';
import { SECOND_DOC_NO, SECOND_NOTICE } from '../../helpers/second-plan.js';

/** What the README asks for, plus the sensitive scope that lets the bot read the file message. */
const WITH_GROUP_MSG = [
  'im:message.group_at_msg:readonly',
  'im:message.p2p_msg:readonly',
  'im:message.group_msg',
];

/** The button's command on a card the bot sent. */
function buttonCommand(card: FakeMessage, label: string): string {
  const match = JSON.stringify(card.content).match(
    new RegExp(`"content":"${label}"[^]*?"command":"([^"]+)"`),
  );
  if (!match?.[1]) throw new Error(`no button ${label}`);
  return match[1];
}

/**
 * `/导入` through the fake Lark over HTTP and the real SDK: the office sends a notice file to a new
 * group, replies `@督办助手 /导入`; the bot reads the file message (GET /im/v1/messages/:id) and its
 * resource, previews it, and 确认导入 binds the group to the new plan on FerretDB.
 */
describe('/导入 a notice file in a new work group', () => {
  let h: ChatHarness;
  let group: string;
  beforeAll(async () => {
    h = await startChatHarness({ now: '2023-06-10 10:00' });
    group = h.fake.createChat({ name: '崇义县优化营商环境整改工作群', members: Object.values(PEOPLE) });
  });
  afterAll(async () => {
    await h?.close();
  });

  /** The office sends the notice as a file message (no @: the bot ignores it, or is not even sent it). */
  async function sendNotice(
    file: { name: string; bytes: Buffer; contentType: string } = {
      name: '崇义县整改方案.txt',
      bytes: Buffer.from(SECOND_NOTICE, 'utf8'),
      contentType: 'text/plain',
    },
  ): Promise<string> {
    const { messageId } = await h.fake.deliverUserMessage({
      chatId: group,
      senderOpenId: PEOPLE.office.openId,
      file,
    });
    return messageId;
  }
  async function importReply(fileMessageId: string): Promise<FakeMessage> {
    const { messageId } = await h.fake.deliverUserMessage({
      chatId: group,
      senderOpenId: PEOPLE.office.openId,
      text: '/导入',
      mentionBot: true,
      parentId: fileMessageId,
    });
    return h.fake.waitFor((m) => m.parentId === messageId && m.senderType === 'app', 10_000);
  }

  it('says what permission is missing when the app may not read group messages', async () => {
    const file = await sendNotice();
    const reply = await importReply(file);
    expect(replyText(reply)).toContain('im:message.group_msg');
    expect(await h.app.tenancy.catalog.byChat(group)).toBeNull();
  });

  it('previews the notice, and 确认导入 binds the group to the new plan with its confirmer as office', async () => {
    h.fake.setScopes(WITH_GROUP_MSG);
    const file = await sendNotice();
    const preview = await importReply(file);
    expect(replyText(preview)).toContain('导入整改方案：请确认');
    expect(replyText(preview)).toContain(SECOND_DOC_NO);
    // The bot read the message and its resource through the documented endpoints.
    const paths = h.fake.calls.map((c) => `${c.method} ${c.path}`);
    expect(paths).toContain(`GET /open-apis/im/v1/messages/${file}`);
    expect(paths.some((p) => p.startsWith(`GET /open-apis/im/v1/messages/${file}/resources/file_v3_`))).toBe(
      true,
    );

    await h.fake.deliverCardAction({
      chatId: group,
      openMessageId: preview.messageId,
      operatorOpenId: PEOPLE.office.openId,
      value: { command: buttonCommand(preview, '确认导入') },
    });
    const result = await h.fake.waitFor(
      (m) => m.parentId === preview.messageId && replyText(m).includes('整改方案已导入本群'),
      10_000,
    );
    expect(replyText(result)).toContain('新增 46 项');
    expect(await h.app.tenancy.catalog.byChat(group)).toMatchObject({
      planId: SECOND_DOC_NO,
      chats: [group],
    });
    expect(await h.app.tenancy.forPlan(SECOND_DOC_NO).repos.members.get(PEOPLE.office.openId)).toMatchObject({
      role: 'office',
    });

    // The group now serves the plan: /方案 answers with it; the seed's group still serves the seed.
    const plan = replyText(await h.say(PEOPLE.office, '/方案', { chatId: group }));
    expect(plan).toContain(SECOND_DOC_NO);
    expect(replyText(await h.say(PEOPLE.office, '/方案'))).toContain('上营商〔2023〕1号');
  });

  it('reads the same notice sent as a Word file: its bytes arrive whole and preview as the group’s plan', async () => {
    const file = await sendNotice({
      name: '崇义县整改方案.docx',
      bytes: await noticeDocx(SECOND_NOTICE),
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    const preview = replyText(await importReply(file));
    expect(preview).toContain(SECOND_DOC_NO);
    expect(preview).toContain('15 项；**整改事项**：46 项');
  });
});
