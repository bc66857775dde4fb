/**
 * The repair path of `src/persistence/decisions.ts`: a winner that dies between its decision insert
 * and its write. Readers see the decided change at once; nobody else can decide that step again;
 * and once the record is older than the repair age, the next reader rolls it forward onto the
 * document. The crash is staged by inserting the decision record the way a winner does and never
 * writing the document; its age is set by `claimedAt` (no waiting on the wall clock).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Member } from '../../../src/domain/members/member.js';
import type { Task } from '../../../src/domain/tasks/task.js';
import type { Warning } from '../../../src/domain/warnings/warning.js';
import { REPAIR_AFTER_MS } from '../../../src/persistence/decisions.js';
import { type DecisionRecord, decisionModel } from '../../../src/persistence/models/decision.model.js';
import { memberModel } from '../../../src/persistence/models/member.model.js';
import { taskModel } from '../../../src/persistence/models/task.model.js';
import { warningModel } from '../../../src/persistence/models/warning.model.js';
import { openTestDatabase, type TestDatabase } from '../../helpers/db.js';

const task: Task = {
  planId: 'P1',
  code: '13.2',
  indicatorSeq: 13,
  indicatorName: '政府采购',
  problem: '采购意向公开不及时。',
  measures: ['一是…'],
  deadline: '2023-06-30',
  originalDeadline: '2023-06-30',
  deadlineHistory: [],
  ongoing: false,
  state: 'pending_signoff',
  leadUnits: ['财政局'],
  coUnits: [],
  version: 3,
};
const at = new Date('2023-06-10T02:00:00Z');
const longAgo = () => new Date(Date.now() - 10 * REPAIR_AFTER_MS);

describe('a winner that crashed between its decision and its write', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('crash');
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await db.clear();
  });

  /** Inserts the record as a winner would, and "dies" before writing the document. */
  async function decidedButNotWritten(record: Omit<DecisionRecord, 'applied'>) {
    await decisionModel(db.connection).create({ _id: record.key, ...record, applied: false });
  }
  const appliedFlag = async (key: string) =>
    (await decisionModel(db.connection).findById(key).lean<DecisionRecord>().exec())?.applied;

  it('a task: overlaid at once, never decided twice, rolled forward once abandoned', async () => {
    await db.repos.tasks.insert(task);
    const key = 'task:P1:13.2:4';
    const record = {
      key,
      subject: 'task:P1:13.2',
      seq: 4,
      change: {
        set: {
          state: 'closed',
          closedAt: at,
          lastChange: { action: 'signoff.approve', by: 'ou_a', byName: '高志平', at },
        },
        unset: [],
      },
      action: 'signoff.approve',
      actor: 'ou_a',
      actorName: '高志平',
      at,
    };
    // A live winner (just claimed): readers see its decision; the document is left to the winner.
    await decidedButNotWritten({ ...record, claimedAt: new Date() });
    expect(await db.repos.tasks.get('P1', '13.2')).toMatchObject({ state: 'closed', version: 4 });
    const raw = () => taskModel(db.connection).findOne({ code: '13.2' }).lean<Task>().exec();
    expect(await raw()).toMatchObject({ state: 'pending_signoff', version: 3 });
    // `peek` is the document as it stands (what a report reads): its claim of version 4 loses below.
    expect(await db.repos.tasks.peek('P1', '13.2')).toMatchObject({ state: 'pending_signoff', version: 3 });
    // Whoever decided against the old version loses: the step is taken.
    expect(await db.repos.tasks.update(task, { state: 'in_progress', returnReason: '材料不全' })).toBeNull();

    // The winner died: once its record is old, the next reader writes it onto the document.
    await decisionModel(db.connection).updateOne({ _id: key }, { $set: { claimedAt: longAgo() } });
    expect(await db.repos.tasks.get('P1', '13.2')).toMatchObject({ state: 'closed', version: 4 });
    expect(await raw()).toMatchObject({ state: 'closed', version: 4, lastChange: { byName: '高志平' } });
    expect(await appliedFlag(key)).toBe(true);
    // Listing reads the same; the next change decides version 5.
    expect((await db.repos.tasks.list('P1')).map((t) => [t.code, t.state, t.version])).toEqual([
      ['13.2', 'closed', 4],
    ]);
    const current = (await db.repos.tasks.get('P1', '13.2')) as Task;
    expect((await db.repos.tasks.update(current, { deadline: '2023-07-31' }))?.version).toBe(5);
  });

  it('a task’s decision stays unapplied for a minute: an older write landing over its document is hidden, then repaired; a list marks it applied after', async () => {
    await db.repos.tasks.insert(task);
    const won = await db.repos.tasks.update(task, { deadline: '2023-07-31' });
    expect(won?.version).toBe(4);
    const key = 'task:P1:13.2:4';
    expect(await appliedFlag(key)).toBe(false);
    // An older winner's write still in flight lands over the document.
    await taskModel(db.connection).updateOne(
      { code: '13.2' },
      { $set: { version: 3, deadline: '2023-06-30' } },
    );
    expect((await db.repos.tasks.list('P1')).map((t) => [t.version, t.deadline])).toEqual([
      [4, '2023-07-31'],
    ]);
    // Five seconds on, the next reader writes it back onto the document.
    await decisionModel(db.connection).updateOne({ _id: key }, { $set: { claimedAt: longAgo() } });
    await db.repos.tasks.list('P1');
    const raw = await taskModel(db.connection).findOne({ code: '13.2' }).lean<Task>().exec();
    expect(raw).toMatchObject({ version: 4, deadline: '2023-07-31' });
    expect(await appliedFlag(key)).toBe(true);
    // A record the document carried all along is marked applied by the first list after its minute.
    const next = await db.repos.tasks.update(raw as Task, { deadline: '2023-08-31' });
    expect(next?.version).toBe(5);
    await db.repos.tasks.list('P1');
    expect(await appliedFlag('task:P1:13.2:5')).toBe(false);
    await decisionModel(db.connection).updateOne(
      { _id: 'task:P1:13.2:5' },
      { $set: { claimedAt: new Date(Date.now() - 61_000) } },
    );
    expect((await db.repos.tasks.list('P1'))[0]).toMatchObject({ version: 5, deadline: '2023-08-31' });
    expect(await appliedFlag('task:P1:13.2:5')).toBe(true);
  });

  it('a yellow card revocation: shown revoked, not revoked twice, written once abandoned', async () => {
    const card: Warning = {
      id: 'Y7K3Q',
      key: 'manual:Y7K3Q',
      planId: 'P1',
      unit: '财政局',
      kind: 'manual',
      period: '2023-06',
      reason: '报送不实',
      issuedAt: at,
      issuedBy: 'ou_a',
    };
    expect(await db.repos.warnings.issue(card)).toBe('created');
    const change = { revokedAt: at, revokedBy: 'ou_a', revokedByName: '高志平', revokeReason: '已核实' };
    await decidedButNotWritten({
      key: 'warning.revoke:Y7K3Q',
      subject: 'warning:Y7K3Q',
      seq: 1,
      change,
      action: 'warning.revoke',
      actor: 'ou_a',
      at,
      claimedAt: longAgo(),
    });
    const raw = () => warningModel(db.connection).findOne({ id: 'Y7K3Q' }).lean<Warning>().exec();
    expect((await raw())?.revokedAt).toBeUndefined();
    expect(await db.repos.warnings.revoke(card, { by: 'ou_b', reason: '另一理由', at })).toBeNull();
    expect(await db.repos.warnings.get('Y7K3Q')).toMatchObject(change);
    expect(await raw()).toMatchObject(change);
    expect(await appliedFlag('warning.revoke:Y7K3Q')).toBe(true);
  });

  it('a binding: the person is bound as decided, and the document catches up', async () => {
    const member: Member = {
      openId: 'ou_w',
      name: '王税务',
      unit: '税务局',
      role: 'liaison',
      boundBy: 'ou_a',
      boundAt: at,
    };
    await decidedButNotWritten({
      key: 'member:P1:ou_w:1',
      subject: 'member:P1:ou_w',
      seq: 1,
      change: member as unknown as Record<string, unknown>,
      action: 'member.bind',
      actor: 'ou_a',
      at,
      claimedAt: longAgo(),
    });
    const raw = () => memberModel(db.connection).findOne({ openId: 'ou_w' }).lean<Member>().exec();
    expect(await raw()).toBeNull();
    expect(await db.repos.members.get('ou_w')).toMatchObject({ unit: '税务局' });
    expect(await raw()).toMatchObject({ unit: '税务局', seq: 1 });
    expect(await appliedFlag('member:P1:ou_w:1')).toBe(true);
    // A later rebinding takes the next step.
    const rebound = await db.repos.members.bind({ ...member, unit: '财政局', boundAt: at });
    expect(rebound).toMatchObject({ won: true, before: { unit: '税务局' } });
  });
});
