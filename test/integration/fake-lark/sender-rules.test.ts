import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeLark } from '../../../dev/fake-lark/index.js';
import { createLarkClient } from '../../../src/lark/lark-client.js';
import { LarkApiError } from '../../../src/lark/lark-error.js';
import { createLarkMessenger, uploadFileType } from '../../../src/lark/lark-messenger.js';
import { createPacedSender, LARK_LIMITS } from '../../../src/lark/paced-sender.js';
import { createLogger } from '../../../src/logger.js';
import { createSdkClient } from './sdk-client.helper.js';

/** The bot's messenger (real SDK, paced sender) against the fake answering as Lark does. */
describe('the messenger meets Lark answers: still being sent, upload errors', () => {
  const fake = createFakeLark();
  let chatId: string;
  const waits: number[] = [];

  function messenger() {
    const lark = createLarkClient({
      appId: fake.appId,
      appSecret: fake.appSecret,
      domain: fake.url,
      logger: createLogger('silent'),
    });
    const sender = createPacedSender({
      logger: createLogger('silent'),
      onTokenInvalid: () => lark.tokens.clear(),
      limits: { ...LARK_LIMITS, perChat: { count: 1000, windowMs: 1 } },
      // Waits are recorded, not slept: the test checks the pace, not the wall clock.
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    return createLarkMessenger(lark, sender);
  }

  beforeAll(async () => {
    await fake.start();
  });
  afterAll(async () => {
    await fake.stop();
  });
  afterEach(() => {
    fake.reset();
    waits.length = 0;
  });
  const newChat = () => {
    chatId = fake.createChat({ name: '整改工作群', members: [{ openId: 'ou_zhang', name: '张三' }] });
  };
  const card = {
    schema: '2.0',
    config: { update_multi: true },
    body: { elements: [{ tag: 'markdown', content: '通报' }] },
  };
  const messageCalls = () => fake.calls.filter((c) => c.path === '/open-apis/im/v1/messages');

  it.each([
    ['230049 (HTTP 400: the message is being sent)', 400, 230049],
    ['18121 (HTTP 200: the same create request is being processed)', 200, 18121],
  ])(
    'keeps asking with the same uuid on %s, past the six failed attempts, and sends once',
    async (_n, status, code) => {
      newChat();
      fake.fail({
        path: '/open-apis/im/v1/messages',
        status,
        times: 8,
        body: { code, msg: 'still sending' },
      });
      const messageId = await messenger().sendCard(chatId, card, 'p-bulletin-2023-05');
      expect(messageId).toMatch(/^om_/);
      expect(fake.messages(chatId)).toHaveLength(1);
      const calls = messageCalls();
      expect(calls).toHaveLength(9);
      expect(new Set(calls.map((c) => (c.body as { uuid: string }).uuid))).toEqual(
        new Set(['p-bulletin-2023-05']),
      );
      expect(waits.length).toBeGreaterThanOrEqual(8);
    },
  );

  it('still fails a request that Lark refuses outright (230099), without retrying', async () => {
    newChat();
    const bad = { ...card, body: { elements: [{ tag: 'markdown', content: 'x', colour: 'red' }] } };
    const err = await messenger()
      .sendCard(chatId, bad, 'u-bad')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LarkApiError);
    expect(err).toMatchObject({ code: 230099, httpStatus: 400 });
    expect(messageCalls()).toHaveLength(1);
  });

  it("treats an HTTP 200 with a non-zero code from the upload as Lark's answer: no retries of a final code", async () => {
    newChat();
    fake.fail({
      path: '/open-apis/im/v1/files',
      status: 200,
      body: { code: 234001, msg: 'Invalid request param.' },
    });
    const err = await messenger()
      .sendFile(chatId, '整改台账.xlsx', Buffer.from('xlsx bytes'), 'u-ledger')
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 234001 });
    expect(fake.calls.filter((c) => c.path === '/open-apis/im/v1/files')).toHaveLength(1);
    expect(fake.messages(chatId)).toHaveLength(0);
  });

  it('retries a retryable upload answer and then sends the file', async () => {
    newChat();
    fake.fail({ path: '/open-apis/im/v1/files', status: 500, times: 2 });
    const messageId = await messenger().sendFile(
      chatId,
      '整改台账.xlsx',
      Buffer.from('xlsx bytes'),
      'u-ledger2',
    );
    expect(messageId).toMatch(/^om_/);
    expect(fake.calls.filter((c) => c.path === '/open-apis/im/v1/files')).toHaveLength(3);
    expect(fake.files).toHaveLength(1);
  });

  it('uploads .xlsx as file_type xls and .docx as doc (im-v1 file create page)', async () => {
    newChat();
    await messenger().sendFile(chatId, '整改台账.xlsx', Buffer.from('x'), 'u-a');
    await messenger().sendFile(chatId, '通报.docx', Buffer.from('d'), 'u-b');
    expect(fake.files.map((f) => [f.name, f.type])).toEqual([
      ['整改台账.xlsx', 'xls'],
      ['通报.docx', 'doc'],
    ]);
    expect(['a.pdf', 'a.pptx', 'a.zip', 'a'].map(uploadFileType)).toEqual(['pdf', 'ppt', 'stream', 'stream']);
  });

  it('has the fake refuse a file_type the documentation does not list (xlsx, docx)', async () => {
    const client = createSdkClient(fake);
    for (const fileType of ['xlsx', 'docx']) {
      const err = await client.im.file
        .create({ data: { file_type: fileType as 'xls', file_name: 'a', file: Buffer.from('x') } })
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ response: { status: 400, data: { code: 234001 } } });
    }
    const ok = await client.im.file.create({
      data: { file_type: 'doc', file_name: 'a.docx', file: Buffer.from('x') },
    });
    expect(ok?.file_key).toMatch(/^file_v3_/);
  });
});
