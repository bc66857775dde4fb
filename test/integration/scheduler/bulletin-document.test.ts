import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { atLocal } from '../../../src/domain/clock.js';
import { type ChatHarness, PEOPLE, startChatHarness } from '../../helpers/chat-harness.js';
import { readDocx } from '../../helpers/docx-reader.js';
import { drainQueue, postsTitled, startRuntime } from '../../helpers/supervision.js';
import { cardFigures } from '../../unit/documents/card-figures.js';

const ISSUER = '上犹县优化营商环境工作领导小组办公室';

/** BULLETIN_DOCUMENT=true through the worker: BullMQ on the real Redis, FerretDB, the fake Lark's upload. */
describe('the automatic monthly bulletin with its .docx', () => {
  let h: ChatHarness;
  const redisUrl = inject('redisUrl');

  beforeAll(async () => {
    h = await startChatHarness({
      now: '2023-05-20 10:00',
      env: { BULLETIN_DOCUMENT: 'true', DOCUMENT_ISSUER: ISSUER },
    });
    await h.bind(PEOPLE.tax, '税务局');
    await h.say(PEOPLE.tax, '/进展 6.1 60% 网上办理率=88.5% 已开通线上专窗');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('uploads the .docx and posts it to the group after the card, once', async () => {
    h.clock.set(atLocal('2023-05-26 10:00'));
    const runtime = await startRuntime(h, redisUrl);
    try {
      await runtime.tick('manual');
      await drainQueue(runtime.queue);
      await runtime.tick('cron');
      await drainQueue(runtime.queue);
    } finally {
      await runtime.close();
    }
    const [card, ...again] = postsTitled(h, '【一月一通报】2023年5月');
    expect(again).toEqual([]);
    const files = h.fake.messages(h.chatId).filter((m) => m.senderType === 'app' && m.msgType === 'file');
    expect(files).toHaveLength(1);
    const [file] = files;
    const order = h.fake.messages(h.chatId).map((m) => m.messageId);
    expect(order.indexOf(file!.messageId)).toBeGreaterThan(order.indexOf(card!.messageId));
    const key = (file!.content as { file_key: string }).file_key;
    const upload = h.fake.files.find((f) => f.key === key);
    expect(upload?.name).toBe('2023年5月整改工作通报.docx');
    const doc = await readDocx(upload!.bytes);
    expect(doc.paragraphs[0]?.text).toBe(ISSUER);
    const figures = cardFigures(card!.content);
    expect(doc.paragraphs.map((p) => p.text)).toContain(figures.summary);
    expect(doc.tables[1]?.find((r) => r[0] === '6.1')?.[4]).toBe('88.5%');
  });
});
