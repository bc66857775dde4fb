import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { atLocal } from '../../../src/domain/clock.js';
import { importPlan } from '../../../src/domain/plan/import-plan.js';
import { parseNotice } from '../../../src/domain/plan/index.js';
import { createLogger } from '../../../src/logger.js';
import { migrateToPlans } from '../../../src/persistence/migrate-to-plans.js';
import { connectMongo, disconnectMongo } from '../../../src/persistence/mongo.js';
import { performFireTime } from '../../../src/supervision/post-kinds.js';
import { type ChatHarness, PEOPLE, replyText, startChatHarness } from '../../helpers/chat-harness.js';
import { SECOND_DOC_NO, SECOND_NOTICE } from '../../helpers/second-plan.js';

/*
 * The upgrade of a database written before plans were tenants. test/fixtures/single-plan-db.json is
 * such a database, made by main at c3df48f (the last single-plan commit) through its own chat harness
 * (see test/fixtures/single-plan-db.md): the seed plan, two bound liaisons, reports, a sign-off, a
 * yellow card, an extension, a reminder post, their audit entries and decisions, and the old indexes.
 * It is restored as it was, then the bot of this commit starts on it.
 */
interface Dump {
  chatId: string;
  collections: Record<
    string,
    { indexes: { name: string; key: Record<string, 1 | -1>; unique?: boolean }[]; documents: object[] }
  >;
}
const DUMP = mongoose.mongo.BSON.EJSON.parse(readFileSync('test/fixtures/single-plan-db.json', 'utf8'), {
  relaxed: false,
}) as Dump;
const PLAN_ID = '上营商〔2023〕1号';

async function restore(dbName: string): Promise<void> {
  const connection = await connectMongo(inject('mongoUri'), { dbName });
  const db = connection.db;
  if (!db) throw new Error('no database');
  for (const [name, { indexes, documents }] of Object.entries(DUMP.collections)) {
    await db.createCollection(name);
    for (const index of indexes)
      await db.collection(name).createIndex(index.key, { name: index.name, unique: index.unique ?? false });
    if (documents.length) await db.collection(name).insertMany(documents as never[]);
  }
  await disconnectMongo(connection);
}

describe('a single-plan database, upgraded on start', () => {
  let h: ChatHarness;
  beforeAll(async () => {
    const dbName = `upgrade_${randomUUID().slice(0, 8)}`;
    await restore(dbName);
    // The deployment's group is LARK_CHAT_ID: the harness's chat.
    h = await startChatHarness({ now: '2023-06-21 10:00', dbName, env: { WARNINGS_MODE: 'auto' } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('makes the plan in force an active plan served in LARK_CHAT_ID’s group', async () => {
    expect(h.planId).toBe(PLAN_ID);
    expect(await h.app.tenancy.catalog.get(PLAN_ID)).toMatchObject({ status: 'active', chats: [h.chatId] });
    expect((await h.app.tenancy.catalog.byChat(h.chatId))?.planId).toBe(PLAN_ID);
    // No second import: still the 46 tasks, with their states and the extension.
    const tasks = await h.repos.tasks.list(PLAN_ID);
    expect(tasks).toHaveLength(46);
    expect(tasks.find((t) => t.code === '6.1')?.state).toBe('sustained');
    expect(tasks.find((t) => t.code === '7.1')?.deadline).toBe('2023-09-30');
  });

  it('keeps the members, reports, cards, posts and the audit trail, now the plan’s', async () => {
    expect((await h.repos.members.list()).map((m) => [m.openId, m.unit])).toEqual([
      [PEOPLE.court.openId, '法院'],
      [PEOPLE.tax.openId, '税务局'],
    ]);
    expect(await h.app.tenancy.catalog.plansOfMember(PEOPLE.tax.openId)).toEqual([PLAN_ID]);
    const task = replyText(await h.say(PEOPLE.office, '/事项 6.2'));
    expect(task).toContain('退税流程已压缩至5个工作日');
    const cards = replyText(await h.say(PEOPLE.office, '/黄牌'));
    expect(cards).toContain('报送不及时');
    const log = replyText(await h.say(PEOPLE.office, '/记录 6.1'));
    expect(log).toContain('销号');
    expect((await h.repos.audit.list({ limit: 100 })).length).toBeGreaterThanOrEqual(10);
    // The reminder of 2023-06-20 was posted before the upgrade: performing it again posts nothing.
    const posted = h.fake.messages().filter((m) => m.chatId === h.chatId && m.senderType === 'app').length;
    await performFireTime(h.supervision, {
      kind: 'reminder',
      at: atLocal('2023-06-20 09:00'),
      day: '2023-06-20',
      period: '2023-06',
    });
    expect(h.fake.messages().filter((m) => m.chatId === h.chatId && m.senderType === 'app')).toHaveLength(
      posted,
    );
  });

  it('keeps on each reported task its latest report, which /逾期 and /总览 read instead of every report', async () => {
    const reports = await h.repos.reports.list({ planId: PLAN_ID });
    expect(reports.length).toBeGreaterThan(0);
    const tasks = await h.repos.tasks.list(PLAN_ID);
    for (const task of tasks) {
      const own = reports.filter((r) => r.taskCode === task.code);
      expect(task.latestReport?.messageId, task.code).toBe(own.at(-1)?.messageId);
    }
    const marker = await h.app.connection.db
      ?.collection('migrations')
      .findOne({ _id: 'task-latest-report' as never });
    expect(marker).not.toBeNull();
  });

  it('takes new reports and decisions on the upgraded data: a rebinding takes the next step', async () => {
    const report = replyText(await h.say(PEOPLE.court, '/进展 8.1 60% 立案系统已上线试运行'));
    expect(report).toContain('8.1');
    expect(await h.repos.reports.list({ planId: PLAN_ID, taskCode: '8.1' })).toHaveLength(2);
    const rebind = replyText(
      await h.say(PEOPLE.office, `/绑定 <at user_id="${PEOPLE.tax.openId}">${PEOPLE.tax.name}</at> 财政局`),
    );
    expect(rebind).toContain('财政局');
    expect((await h.repos.members.get(PEOPLE.tax.openId))?.unit).toBe('财政局');
  });

  it('drops the single-plan unique indexes, so a second plan’s same-named units and members fit', async () => {
    const db = h.app.connection.db;
    if (!db) throw new Error('no database');
    const unique = async (collection: string) =>
      (await db.collection(collection).indexes()).filter((i) => i.unique).map((i) => i.name);
    expect(await unique('members')).toEqual(['planId_1_openId_1']);
    expect(await unique('units')).toEqual(['planId_1_name_1']);
    expect(await unique('posts')).toEqual(['planId_1_key_1']);
    const notice = SECOND_NOTICE;
    const other = h.app.tenancy.forPlan(SECOND_DOC_NO);
    await importPlan(other, parseNotice(notice), { actor: 'test', start: '2023-03-01', source: 'test' });
    expect((await other.repos.units.list()).map((u) => u.name)).toContain('税务局');
    expect(
      (
        await other.repos.members.bind({
          ...PEOPLE.tax,
          unit: '税务局',
          role: 'liaison',
          boundBy: 'x',
          boundAt: new Date(),
        })
      ).won,
    ).toBe(true);
    expect((await h.repos.members.get(PEOPLE.tax.openId))?.unit).toBe('财政局');
  });

  it('does nothing on the next start (idempotent)', async () => {
    const before = await h.app.tenancy.catalog.list();
    expect(await migrateToPlans(h.app.connection, h.chatId, createLogger('silent'))).toEqual({});
    expect(await h.app.tenancy.catalog.list()).toEqual(before);
  });
});
