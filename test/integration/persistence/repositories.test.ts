import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Task } from '../../../src/domain/tasks/task.js';
import { openTestDatabase, type TestDatabase } from '../../helpers/db.js';

const baseTask: Task = {
  planId: 'P1',
  code: '6.1',
  indicatorSeq: 6,
  indicatorName: '纳税指标',
  problem: '涉税事项网上办理率较低。',
  measures: ['一是…', '二是…'],
  deadline: '2023-05-31',
  originalDeadline: '2023-05-31',
  deadlineHistory: [],
  ongoing: true,
  state: 'open',
  leadUnits: ['税务局'],
  coUnits: [],
  version: 1,
};

describe('repositories on the Mongo-wire server', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('repos');
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await db.clear();
  });

  it('runs on the server the harness chose', () => {
    expect(['ferretdb', 'external', 'mongodb-memory-server']).toContain(inject('mongoKind'));
  });

  it('creates, reads and updates a task with compare-and-set', async () => {
    await db.repos.tasks.insert(baseTask);
    const stored = await db.repos.tasks.get('P1', '6.1');
    expect(stored).toEqual(baseTask);

    const updated = await db.repos.tasks.update(stored!, { state: 'in_progress' });
    expect(updated?.state).toBe('in_progress');
    expect(updated?.version).toBe(2);
    // A second writer holding the old version loses, and nothing changes.
    expect(await db.repos.tasks.update(stored!, { state: 'closed' })).toBeNull();
    expect((await db.repos.tasks.get('P1', '6.1'))?.state).toBe('in_progress');
  });

  it('rejects a duplicate task code through the unique index', async () => {
    await db.repos.tasks.insert(baseTask);
    await expect(db.repos.tasks.insert({ ...baseTask, problem: 'again' })).rejects.toMatchObject({
      code: 11000,
    });
    expect(await db.repos.tasks.list('P1')).toHaveLength(1);
  });

  it('stores a report once per message id', async () => {
    const report = {
      id: 'r1',
      planId: 'P1',
      taskCode: '6.1',
      unit: '税务局',
      period: '2023-05',
      text: '已开展培训',
      percent: 60,
      kpiValues: [{ name: '网上办理率', value: 88.5 }],
      reporterOpenId: 'ou_1',
      messageId: 'om_1',
      createdAt: new Date('2023-05-10T02:00:00Z'),
    };
    expect(await db.repos.reports.add(report)).toBe('created');
    expect(await db.repos.reports.add({ ...report, id: 'r2' })).toBe('duplicate');
    expect(await db.repos.reports.list({ planId: 'P1', period: '2023-05' })).toEqual([report]);
  });

  it('claims a post once and records it as sent', async () => {
    const at = new Date('2023-05-19T01:00:00Z');
    const first = await db.repos.posts.claim('reminder:2023-05-19', 'reminder', 'u-1', at);
    const second = await db.repos.posts.claim('reminder:2023-05-19', 'reminder', 'u-1', at);
    expect([first.created, second.created]).toEqual([true, false]);
    await db.repos.posts.markSent('reminder:2023-05-19', 'om_9', at);
    expect(await db.repos.posts.list()).toMatchObject([{ status: 'sent', messageId: 'om_9' }]);
  });

  it('revokes a warning once', async () => {
    const warning = {
      id: 'Y0001',
      planId: 'P1',
      unit: '税务局',
      kind: 'manual' as const,
      period: '2023-05',
      reason: '进展缓慢',
      key: 'manual:Y0001',
      issuedAt: new Date(),
      issuedBy: 'ou_admin',
    };
    expect(await db.repos.warnings.issue(warning)).toBe('created');
    expect(await db.repos.warnings.issue({ ...warning, id: 'Y0002' })).toBe('duplicate');
    const revoked = await db.repos.warnings.revoke(warning, {
      by: 'ou_admin',
      reason: '已整改',
      at: new Date(),
    });
    expect(revoked?.revokeReason).toBe('已整改');
    expect(
      await db.repos.warnings.revoke(warning, { by: 'ou_admin', reason: 'again', at: new Date() }),
    ).toBeNull();
    expect(await db.repos.warnings.list({ planId: 'P1' })).toEqual([]);
    expect(await db.repos.warnings.list({ planId: 'P1', includeRevoked: true })).toHaveLength(1);
  });

  it('confirms a proposed warning exactly once when five callers confirm it at once', async () => {
    const proposed = {
      id: 'Y0P01',
      planId: 'P2',
      unit: '住建局',
      kind: 'missed_report' as const,
      period: '2023-05',
      reason: '2023年5月整改进展未按时报送（4.1）',
      reasons: [{ kind: 'missed_report' as const, tasks: ['4.1'] }],
      proposed: true,
      key: 'monthly:2023-05:住建局',
      issuedAt: new Date(),
      issuedBy: 'system',
    };
    expect(await db.repos.warnings.issue(proposed)).toBe('created');
    expect(await db.repos.warnings.list({ planId: 'P2' })).toEqual([]);
    expect(await db.repos.warnings.list({ planId: 'P2', includeProposed: true })).toHaveLength(1);
    const results = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((who) => db.repos.warnings.confirm('Y0P01', `ou_${who}`, new Date())),
    );
    const winners = results.filter((r) => r !== null);
    expect(winners).toHaveLength(1);
    expect(winners[0]!.proposed).toBeUndefined();
    const live = await db.repos.warnings.list({ planId: 'P2' });
    expect(live.map((w) => [w.id, w.confirmedBy])).toEqual([['Y0P01', winners[0]!.confirmedBy]]);
    expect(live[0]!.reasons).toEqual(proposed.reasons);
  });
});
