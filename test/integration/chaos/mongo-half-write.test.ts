/**
 * The Mongo connection drops in the middle of a report (the insert ran but its answer was lost, or
 * the audit insert never arrived): the use case is retried by message id and finishes the missing
 * steps, so nothing is left half-written and the user gets the receipt or the polite retry message.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCleanups } from '../../helpers/chaos-load.js';
import { classifyOutcomes, findHalfWritten } from '../../helpers/chaos-reports.js';
import { bsonCommand, type CutStage } from '../../helpers/chaos-tcp-proxy.js';
import { PEOPLE } from '../../helpers/chat-harness.js';
import { startBehindMongoProxy } from '../../helpers/mongo-proxy-harness.js';

describe('chaos: the Mongo connection drops in the middle of a report', () => {
  const cleanups = createCleanups();
  afterEach(() => cleanups.run());

  const cases: Array<[string, Buffer, CutStage]> = [
    ['the report insert ran but its answer was lost', bsonCommand('insert', 'reports'), 'after-answer'],
    ['the audit insert never reached the server', bsonCommand('insert', 'audit'), 'before-server'],
  ];
  for (const [name, pattern, stage] of cases) {
    it(`leaves nothing half-written when ${name}`, async () => {
      const { h, proxy } = await startBehindMongoProxy(cleanups, { now: '2023-05-10 10:00' });
      const cut = proxy.cutAt(pattern, stage);
      const { messageId } = await h.fake.deliverUserMessage({
        chatId: h.chatId,
        senderOpenId: PEOPLE.tax.openId,
        text: '/进展 6.1 60% 已开展电子税务局培训3场',
        mentionBot: true,
      });
      await cut;
      await h.app.inFlight.drain();
      const [outcome] = await classifyOutcomes(h, [messageId]);
      expect.soft(outcome).toMatch(/^(stored|retry)$/);
      expect(await findHalfWritten(h)).toEqual([]);
    });
  }
});
