import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FakeMessage } from '../../../dev/fake-lark/index.js';
import { atLocal } from '../../../src/domain/clock.js';
import { importPlan } from '../../../src/domain/plan/import-plan.js';
import { parseNotice } from '../../../src/domain/plan/index.js';
import { rollupTenantId } from '../../../src/supervision/supervision-deps.js';
import {
  type ChatHarness,
  cardTitle,
  PEOPLE,
  replyText,
  startChatHarness,
} from '../../helpers/chat-harness.js';
import { SECOND_DOC_NO, SECOND_NOTICE } from '../../helpers/second-plan.js';
import { drainQueue, startRuntime } from '../../helpers/supervision.js';

const titled = (messages: FakeMessage[], title: string) =>
  messages.filter((m) => m.senderType === 'app' && !m.parentId && (cardTitle(m) ?? '').startsWith(title));

/** The roll-up group's bulletin through the worker: BullMQ on the real Redis, FerretDB, the fake Lark. */
describe('the monthly roll-up bulletin through the worker', () => {
  let h: ChatHarness;
  let city: string;
  let county: string;
  const redisUrl = inject('redisUrl');

  beforeAll(async () => {
    h = await startChatHarness({ now: '2023-05-26 08:00' });
    const other = h.app.tenancy.forPlan(SECOND_DOC_NO);
    await importPlan(other, parseNotice(SECOND_NOTICE), {
      actor: 'test',
      start: '2023-03-01',
      source: 'test',
    });
    county = h.fake.createChat({ name: '崇义县整改工作群', members: Object.values(PEOPLE) });
    expect(await h.app.tenancy.catalog.bindChat(SECOND_DOC_NO, county)).toEqual({ bound: true });
    city = h.fake.createChat({ name: '市营商办汇总群', members: Object.values(PEOPLE) });
    const made = await h.say(PEOPLE.office, '/汇总群', { chatId: city });
    expect(replyText(made)).toContain('本群已设为汇总群');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('posts it to the roll-up group once, after both plans’ bulletins, with its own claim', async () => {
    h.clock.set(atLocal('2023-05-26 10:00'));
    const runtime = await startRuntime(h, redisUrl);
    try {
      await runtime.tick('manual');
      await runtime.tick('manual');
      await drainQueue(runtime.queue);
      await runtime.tick('cron');
      await drainQueue(runtime.queue);
    } finally {
      await runtime.close();
    }
    expect(titled(h.fake.messages(h.chatId), '【一月一通报】')).toHaveLength(1);
    expect(titled(h.fake.messages(county), '【一月一通报】')).toHaveLength(1);
    const rollups = titled(h.fake.messages(city), '【汇总通报】');
    expect(rollups).toHaveLength(1);
    expect(JSON.stringify(rollups[0]?.content)).toContain(SECOND_DOC_NO);
    // Nothing but the roll-up bulletin reaches the roll-up group, and no roll-up post reaches a plan's.
    expect(h.fake.messages(city).filter((m) => m.senderType === 'app' && !m.parentId)).toHaveLength(1);
    expect(titled(h.fake.messages(county), '【汇总通报】')).toEqual([]);
    const claims = await h.app.tenancy.forPlan(rollupTenantId(city)).repos.posts.list();
    expect(claims).toMatchObject([{ key: 'rollup_bulletin:2023-05', status: 'sent' }]);
    expect(await h.repos.posts.list({ kind: 'rollup_bulletin' })).toEqual([]);
  });
});
