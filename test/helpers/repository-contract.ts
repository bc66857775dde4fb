import { beforeEach, describe, expect, it } from 'vitest';
import type { Member } from '../../src/domain/members/member.js';
import type { Repositories, Storage } from '../../src/domain/ports.js';
import type { Report } from '../../src/domain/reports/report.js';
import type { Task } from '../../src/domain/tasks/task.js';
import type { Warning } from '../../src/domain/warnings/warning.js';

/*
 * What the domain relies on from the repository ports, run against the Mongo repositories
 * (test/integration/persistence/repositories.test.ts) and the memory ones
 * (test/unit/persistence/memory-repositories.test.ts), so the memory adapters the unit tests use are
 * proven to behave as the real ones: unique keys refused the same way, versions advancing,
 * list filters and order, one winner per decision, copies out.
 */

const at = (iso: string) => new Date(iso);

const task = (code: string, extra: Partial<Task> = {}): Task => ({
  planId: 'P1',
  code,
  indicatorSeq: Number(code.split('.')[0]),
  indicatorName: '纳税指标',
  problem: '涉税事项网上办理率较低。',
  measures: ['一是…', '二是…'],
  deadline: '2023-05-31',
  originalDeadline: '2023-05-31',
  deadlineHistory: [],
  ongoing: false,
  state: 'open',
  leadUnits: ['税务局'],
  coUnits: [],
  version: 1,
  ...extra,
});

const report = (id: string, extra: Partial<Report> = {}): Report => ({
  id,
  planId: 'P1',
  taskCode: '6.1',
  unit: '税务局',
  period: '2023-05',
  text: '已开展培训',
  percent: 60,
  kpiValues: [{ name: '网上办理率', value: 88.5 }],
  reporterOpenId: 'ou_1',
  messageId: `om_${id}`,
  createdAt: at('2023-05-10T02:00:00Z'),
  ...extra,
});

const warning = (id: string, extra: Partial<Warning> = {}): Warning => ({
  id,
  planId: 'P1',
  unit: '税务局',
  kind: 'manual',
  period: '2023-05',
  reason: '进展缓慢',
  key: `manual:${id}`,
  issuedAt: at('2023-05-10T02:00:00Z'),
  issuedBy: 'ou_admin',
  ...extra,
});

const member = (openId: string, extra: Partial<Member> = {}): Member => ({
  openId,
  name: '王税务',
  unit: '税务局',
  role: 'liaison',
  boundBy: 'ou_admin',
  boundAt: at('2023-05-10T02:00:00Z'),
  ...extra,
});

/** Exactly one of the results is not null. */
function oneWinner<T>(results: (T | null)[]): T {
  const winners = results.filter((r): r is T => r !== null);
  expect(winners).toHaveLength(1);
  return winners[0] as T;
}

/** The shared cases; `fresh` gives an empty storage before each case (`repos` are plan P1's, `other` P2's). */
export function repositoryContract(fresh: () => Promise<Storage>): void {
  let storage: Storage;
  let repos: Repositories;
  let other: Repositories;
  beforeEach(async () => {
    storage = await fresh();
    repos = storage.forPlan('P1');
    other = storage.forPlan('P2');
  });

  describe('tasks', () => {
    it('gives back what was inserted, as a copy', async () => {
      await repos.tasks.insert(task('6.1'));
      const stored = await repos.tasks.get('P1', '6.1');
      expect(stored).toEqual(task('6.1'));
      stored?.measures.push('changed by the caller');
      expect((await repos.tasks.get('P1', '6.1'))?.measures).toEqual(['一是…', '二是…']);
      expect(await repos.tasks.get('P1', '9.9')).toBeNull();
      expect(await repos.tasks.get('P2', '6.1')).toBeNull();
    });

    it('refuses a second task of the same plan and code with duplicate key 11000', async () => {
      await repos.tasks.insert(task('6.1'));
      await expect(repos.tasks.insert(task('6.1', { problem: 'again' }))).rejects.toMatchObject({
        code: 11000,
      });
      expect(await repos.tasks.list('P1')).toHaveLength(1);
      expect((await repos.tasks.get('P1', '6.1'))?.problem).toBe('涉税事项网上办理率较低。');
      // Another plan may have the same code.
      await repos.tasks.insert(task('6.1', { planId: 'P2' }));
    });

    it('inserts several tasks in order in one call, stopping at a duplicate with 11000', async () => {
      await repos.tasks.insert(task('1.1'), task('1.2'));
      await expect(
        repos.tasks.insert(task('1.3'), task('1.1', { problem: 'again' }), task('1.4')),
      ).rejects.toMatchObject({ code: 11000 });
      expect((await repos.tasks.list('P1')).map((t) => t.code)).toEqual(['1.1', '1.2', '1.3']);
      expect((await repos.tasks.get('P1', '1.1'))?.problem).toBe(task('1.1').problem);
      await repos.tasks.insert();
      expect(await repos.tasks.list('P1')).toHaveLength(3);
    });

    it('lists a plan’s tasks by code, numerically, leaving withdrawn ones out unless asked', async () => {
      for (const code of ['10.1', '2.10', '2.2', '9.3']) await repos.tasks.insert(task(code));
      await repos.tasks.insert(task('1.1', { state: 'withdrawn' }));
      await repos.tasks.insert(task('3.1', { planId: 'P2' }));
      expect((await repos.tasks.list('P1')).map((t) => t.code)).toEqual(['2.2', '2.10', '9.3', '10.1']);
      expect((await repos.tasks.list('P1', { includeWithdrawn: true })).map((t) => t.code)).toEqual([
        '1.1',
        '2.2',
        '2.10',
        '9.3',
        '10.1',
      ]);
    });

    it('advances the version with each change and keeps the note as lastChange', async () => {
      await repos.tasks.insert(task('6.1'));
      const v1 = (await repos.tasks.get('P1', '6.1')) as Task;
      const note = { action: 'report.create', by: 'ou_1', byName: '王税务', at: at('2023-05-10T02:00:00Z') };
      const v2 = await repos.tasks.update(v1, { state: 'in_progress' }, note);
      expect(v2).toMatchObject({ state: 'in_progress', version: 2, lastChange: note });
      const v3 = await repos.tasks.update(v2 as Task, { deadline: '2023-09-30' });
      expect(v3?.version).toBe(3);
      expect(await repos.tasks.get('P1', '6.1')).toMatchObject({
        state: 'in_progress',
        deadline: '2023-09-30',
        version: 3,
        lastChange: note,
      });
      // The document as it stands: nothing lags here, so the same task in one read.
      expect(await repos.tasks.peek('P1', '6.1')).toEqual(await repos.tasks.get('P1', '6.1'));
      expect(await repos.tasks.peek('P1', '9.9')).toBeNull();
    });

    it('lets a change from a stale version lose with null, changing nothing', async () => {
      await repos.tasks.insert(task('6.1'));
      const v1 = (await repos.tasks.get('P1', '6.1')) as Task;
      expect(await repos.tasks.update(v1, { state: 'in_progress' })).not.toBeNull();
      expect(await repos.tasks.update(v1, { state: 'closed' })).toBeNull();
      expect(await repos.tasks.get('P1', '6.1')).toMatchObject({ state: 'in_progress', version: 2 });
    });

    it('gives one of five concurrent changes of the same version the win', async () => {
      await repos.tasks.insert(task('6.1'));
      const v1 = (await repos.tasks.get('P1', '6.1')) as Task;
      const results = await Promise.all(
        ['a', 'b', 'c', 'd', 'e'].map((who) =>
          repos.tasks.update(
            v1,
            { returnReason: who },
            { action: 'signoff.return', by: who, at: new Date() },
          ),
        ),
      );
      const winner = oneWinner(results);
      expect(await repos.tasks.get('P1', '6.1')).toMatchObject({
        version: 2,
        returnReason: winner.returnReason,
        lastChange: { by: winner.returnReason },
      });
    });

    it('clears a field a change sets to undefined (an approval clears the return reason)', async () => {
      await repos.tasks.insert(task('6.1', { state: 'pending_signoff', returnReason: '缺材料' }));
      const v1 = (await repos.tasks.get('P1', '6.1')) as Task;
      const v2 = await repos.tasks.update(v1, { state: 'closed', returnReason: undefined });
      expect(v2).not.toHaveProperty('returnReason');
      const stored = await repos.tasks.get('P1', '6.1');
      expect(stored).toMatchObject({ state: 'closed', version: 2 });
      expect(stored).not.toHaveProperty('returnReason');
    });

    it('keeps the latest report on its task, whatever order the reports are noted in, and no change of a stale task erases it', async () => {
      await repos.tasks.insert(task('6.1'));
      await repos.tasks.insert(task('6.2'));
      const stale = (await repos.tasks.get('P1', '6.1')) as Task;
      const may = report('r1', { createdAt: at('2023-05-10T02:00:00Z') });
      const june = report('r2', {
        period: '2023-06',
        text: '六月进展',
        createdAt: at('2023-06-10T02:00:00Z'),
      });
      await repos.tasks.noteReport(june);
      await repos.tasks.noteReport(may);
      await repos.tasks.noteReport(june);
      expect((await repos.tasks.get('P1', '6.1'))?.latestReport).toEqual(june);
      expect((await repos.tasks.get('P1', '6.2'))?.latestReport).toBeUndefined();
      await repos.tasks.update(stale, { state: 'in_progress' });
      const [listed] = await repos.tasks.list('P1');
      expect(listed).toMatchObject({
        state: 'in_progress',
        latestReport: { messageId: 'om_r2', text: '六月进展' },
      });
      // A report of a task of another plan with the same code leaves this one alone.
      await repos.tasks.noteReport(report('r3', { planId: 'P2', createdAt: at('2023-07-10T02:00:00Z') }));
      expect((await repos.tasks.get('P1', '6.1'))?.latestReport?.messageId).toBe('om_r2');
    });
  });

  describe('reports', () => {
    it('stores a report once per message and once per id', async () => {
      expect(await repos.reports.add(report('r1'))).toBe('created');
      expect(await repos.reports.add(report('r2', { messageId: 'om_r1' }))).toBe('duplicate');
      expect(await repos.reports.add(report('r1', { messageId: 'om_other' }))).toBe('duplicate');
      expect(await repos.reports.list({ planId: 'P1' })).toEqual([report('r1')]);
      expect(await repos.reports.findByMessageId('om_r1')).toEqual(report('r1'));
      expect(await repos.reports.findByMessageId('om_none')).toBeNull();
    });

    it('filters by period, months before one, task and unit, oldest first', async () => {
      await repos.reports.add(report('late', { createdAt: at('2023-05-20T02:00:00Z') }));
      await repos.reports.add(report('early', { createdAt: at('2023-05-01T02:00:00Z') }));
      await repos.reports.add(report('june', { period: '2023-06', createdAt: at('2023-06-10T02:00:00Z') }));
      await repos.reports.add(report('court', { taskCode: '8.4', unit: '法院' }));
      await repos.reports.add(report('other-plan', { planId: 'P2' }));
      const ids = async (filter: Parameters<Repositories['reports']['list']>[0]) =>
        (await repos.reports.list(filter)).map((r) => r.id);
      expect(await ids({ planId: 'P1', period: '2023-05', taskCode: '6.1' })).toEqual(['early', 'late']);
      expect(await ids({ planId: 'P1', unit: '法院' })).toEqual(['court']);
      expect(await ids({ planId: 'P1', taskCode: '6.1' })).toEqual(['early', 'late', 'june']);
      expect(await ids({ planId: 'P2' })).toEqual(['other-plan']);
      expect(await ids({ planId: 'P1', before: '2023-06' })).toEqual(['early', 'court', 'late']);
      expect(await ids({ planId: 'P1', before: '2023-05' })).toEqual([]);
      expect(await ids({ planId: 'P1', before: '2023-07', taskCode: '6.1', unit: '税务局' })).toEqual([
        'early',
        'late',
        'june',
      ]);
    });
  });

  describe('warnings', () => {
    it('refuses a second card with the same key or the same id', async () => {
      expect(await repos.warnings.issue(warning('Y0001'))).toBe('created');
      expect(await repos.warnings.issue(warning('Y0002', { key: 'manual:Y0001' }))).toBe('duplicate');
      expect(await repos.warnings.issue(warning('Y0001', { key: 'manual:other' }))).toBe('duplicate');
      expect((await repos.warnings.list({ planId: 'P1' })).map((w) => w.id)).toEqual(['Y0001']);
      expect(await repos.warnings.findByKey('manual:Y0001')).toEqual(warning('Y0001'));
      expect(await repos.warnings.get('Y0002')).toBeNull();
    });

    it('lists oldest first, leaving out revoked and proposed cards unless asked', async () => {
      await repos.warnings.issue(warning('Y0003', { issuedAt: at('2023-05-12T02:00:00Z') }));
      await repos.warnings.issue(warning('Y0001', { issuedAt: at('2023-05-01T02:00:00Z'), unit: '法院' }));
      await repos.warnings.issue(warning('Y0002', { proposed: true, period: '2023-06' }));
      const revoked = warning('Y0004', { issuedAt: at('2023-05-20T02:00:00Z') });
      await repos.warnings.issue(revoked);
      await repos.warnings.revoke(revoked, { by: 'ou_admin', reason: '已整改', at: new Date() });
      const ids = async (filter: Omit<Parameters<Repositories['warnings']['list']>[0], 'planId'>) =>
        (await repos.warnings.list({ planId: 'P1', ...filter })).map((w) => w.id);
      expect(await ids({})).toEqual(['Y0001', 'Y0003']);
      expect(await ids({ includeRevoked: true })).toEqual(['Y0001', 'Y0003', 'Y0004']);
      expect(await ids({ includeProposed: true, period: '2023-06' })).toEqual(['Y0002']);
      expect(await ids({ unit: '法院' })).toEqual(['Y0001']);
    });

    it('revokes a card once: of five revokers at once one wins, the card keeps the winner’s reason', async () => {
      const card = warning('Y0001');
      await repos.warnings.issue(card);
      const results = await Promise.all(
        ['a', 'b', 'c', 'd', 'e'].map((who) =>
          repos.warnings.revoke(card, { by: `ou_${who}`, reason: `理由${who}`, at: new Date() }),
        ),
      );
      const winner = oneWinner(results);
      expect(await repos.warnings.get('Y0001')).toMatchObject({
        revokedBy: winner.revokedBy,
        revokeReason: winner.revokeReason,
      });
      expect(await repos.warnings.revoke(card, { by: 'ou_f', reason: 'again', at: new Date() })).toBeNull();
    });

    it('confirms a proposed card once: of five confirmers at once one wins', async () => {
      const proposed = warning('Y0P01', {
        kind: 'missed_report',
        reasons: [{ kind: 'missed_report', tasks: ['4.1'] }],
        proposed: true,
        key: 'monthly:2023-05:住建局',
      });
      await repos.warnings.issue(proposed);
      const results = await Promise.all(
        ['a', 'b', 'c', 'd', 'e'].map((who) => repos.warnings.confirm('Y0P01', `ou_${who}`, new Date())),
      );
      const winner = oneWinner(results);
      expect(winner.proposed).toBeUndefined();
      const live = await repos.warnings.list({ planId: 'P1' });
      expect(live.map((w) => [w.id, w.confirmedBy])).toEqual([['Y0P01', winner.confirmedBy]]);
      expect(live[0]?.reasons).toEqual(proposed.reasons);
      expect(await repos.warnings.confirm('Y0P01', 'ou_f', new Date())).toBeNull();
    });
  });

  describe('members', () => {
    it('binds, rebinds (telling what it replaced), lists by unit and name, and unbinds once', async () => {
      expect(await repos.members.bind(member('ou_1'))).toEqual({ won: true, before: null });
      const rebound = member('ou_1', { unit: '法院', boundAt: at('2023-05-11T02:00:00Z') });
      expect(await repos.members.bind(rebound)).toEqual({ won: true, before: member('ou_1') });
      await repos.members.bind(member('ou_2', { name: '甲', unit: '住建局' }));
      await repos.members.bind(member('ou_3', { name: '乙', unit: '住建局' }));
      // By unit, then name, in code point order: 住 (U+4F4F) before 法 (U+6CD5), 乙 (U+4E59) before 甲.
      expect((await repos.members.list()).map((m) => m.openId)).toEqual(['ou_3', 'ou_2', 'ou_1']);
      expect(await repos.members.get('ou_1')).toEqual(rebound);
      const by = { actor: 'ou_admin', at: new Date() };
      expect(await repos.members.unbind('ou_1', by)).toEqual(rebound);
      expect(await repos.members.get('ou_1')).toBeNull();
      expect(await repos.members.unbind('ou_1', by)).toBeNull();
      // Bound again after the unbinding: a new step, not a clash with the old ones.
      expect(await repos.members.bind(member('ou_1'))).toEqual({ won: true, before: null });
    });

    it('gives one of five concurrent bindings of a person the win; the others see what it left', async () => {
      // As /绑定 does: five office members' commands, all sent before any was decided.
      const sent = at('2023-05-10T02:00:00Z');
      const results = await Promise.all(
        ['a', 'b', 'c', 'd', 'e'].map((who) =>
          repos.members.bind(
            member('ou_1', { unit: `单位${who}`, boundBy: `ou_${who}`, boundAt: at('2023-05-10T02:00:01Z') }),
            { unseenSince: sent },
          ),
        ),
      );
      expect(results.filter((r) => r.won)).toHaveLength(1);
      const stored = await repos.members.get('ou_1');
      for (const lost of results.filter((r) => !r.won)) expect(lost).toEqual({ won: false, current: stored });
    });

    it('does not silently replace a binding another office member made at or after `unseenSince`', async () => {
      await repos.members.bind(member('ou_1', { boundBy: 'ou_other', boundAt: at('2023-05-10T02:01:00Z') }));
      const late = member('ou_1', { unit: '法院', boundAt: at('2023-05-10T02:02:00Z') });
      const result = await repos.members.bind(late, { unseenSince: at('2023-05-10T02:00:00Z') });
      expect(result).toMatchObject({ won: false, current: { unit: '税务局', boundBy: 'ou_other' } });
      // Sent after the other binding was made: it replaces it.
      const seen = await repos.members.bind(late, { unseenSince: at('2023-05-10T02:01:30Z') });
      expect(seen.won).toBe(true);
      expect((await repos.members.get('ou_1'))?.unit).toBe('法院');
    });
  });

  describe('audit, posts, plans, units, sign-off cards', () => {
    it('lists audit entries newest first, filtered, paged; tells whether an entry exists', async () => {
      for (let i = 1; i <= 5; i++)
        await repos.audit.record({
          at: at(`2023-05-0${i}T02:00:00Z`),
          actor: 'ou_1',
          action: i % 2 ? 'report.create' : 'signoff.request',
          taskCode: i === 5 ? '8.4' : '6.1',
          source: `om_${i}`,
        });
      const sources = (entries: { source?: string }[]) => entries.map((e) => e.source);
      expect(sources(await repos.audit.list({ taskCode: '6.1' }))).toEqual(['om_4', 'om_3', 'om_2', 'om_1']);
      expect(sources(await repos.audit.list({ action: 'report.create' }))).toEqual(['om_5', 'om_3', 'om_1']);
      expect(sources(await repos.audit.list({ taskCode: '6.1', skip: 1, limit: 2 }))).toEqual([
        'om_3',
        'om_2',
      ]);
      expect(sources(await repos.audit.list({ source: 'om_2' }))).toEqual(['om_2']);
      expect(await repos.audit.exists('report.create', 'om_3')).toBe(true);
      expect(await repos.audit.exists('report.create', 'om_2')).toBe(false);
    });

    it('claims a post once, keeping the first claim, and records it as sent', async () => {
      const first = await repos.posts.claim(
        'reminder:2023-05:2023-05-19',
        'reminder',
        'u-1',
        at('2023-05-19T01:00:00Z'),
      );
      const second = await repos.posts.claim(
        'reminder:2023-05:2023-05-19',
        'reminder',
        'u-2',
        at('2023-05-19T02:00:00Z'),
      );
      expect([first.created, second.created]).toEqual([true, false]);
      expect(second.claim).toMatchObject({ uuid: 'u-1', status: 'claimed' });
      await repos.posts.claim('bulletin:2023-05', 'bulletin', 'u-3', at('2023-05-18T02:00:00Z'));
      await repos.posts.markSent('reminder:2023-05:2023-05-19', 'om_9', at('2023-05-19T01:00:01Z'));
      await repos.posts.keepContent('bulletin:2023-05', '{"figures":1}');
      expect(await repos.posts.list({ kind: 'reminder' })).toMatchObject([
        { status: 'sent', messageId: 'om_9' },
      ]);
      expect((await repos.posts.list()).map((p) => p.key)).toEqual([
        'bulletin:2023-05',
        'reminder:2023-05:2023-05-19',
      ]);
      expect((await repos.posts.list({ kind: 'bulletin' }))[0]?.content).toBe('{"figures":1}');
    });

    it('keeps each plan’s header in its own view; upserts units; keeps the latest card of a request', async () => {
      expect(await repos.plans.current()).toBeNull();
      await repos.plans.save(header('P1'));
      await other.plans.save(header('P2', '2023-04-01T00:00:00Z'));
      await repos.plans.save({ ...header('P1'), title: '方案（修订）' });
      expect(await repos.plans.current()).toMatchObject({
        planId: 'P1',
        title: '方案（修订）',
        status: 'active',
        chats: [],
      });
      expect((await other.plans.current())?.planId).toBe('P2');
      await expect(repos.plans.save(header('P3'))).rejects.toThrow(/P3/);
      await repos.units.upsert({ name: '税务局', aliases: ['县税务局'] });
      await repos.units.upsert({ name: '法院', aliases: [] });
      await repos.units.upsert({ name: '税务局', aliases: ['县税务局', '税务'] });
      expect(await repos.units.list()).toEqual([
        { name: '法院', aliases: [] },
        { name: '税务局', aliases: ['县税务局', '税务'] },
      ]);
      expect(await repos.signoffCards.find('P1:6.1:1')).toBeNull();
      await repos.signoffCards.remember('P1:6.1:1', 'om_a');
      await repos.signoffCards.remember('P1:6.1:1', 'om_b');
      expect(await repos.signoffCards.find('P1:6.1:1')).toBe('om_b');
    });
  });

  describe('plans as tenants', () => {
    it('keeps units, members, posts, audit entries and cards of two plans apart, even under the same names and keys', async () => {
      await repos.units.upsert({ name: '税务局', aliases: ['县税务局'] });
      await other.units.upsert({ name: '税务局', aliases: ['市税务局'] });
      expect(await repos.units.list()).toEqual([{ name: '税务局', aliases: ['县税务局'] }]);
      expect(await other.units.list()).toEqual([{ name: '税务局', aliases: ['市税务局'] }]);

      // One person bound in both plans, to different units; unbinding in one leaves the other.
      expect((await repos.members.bind(member('ou_1'))).won).toBe(true);
      expect((await other.members.bind(member('ou_1', { unit: '法院' }))).won).toBe(true);
      expect((await repos.members.get('ou_1'))?.unit).toBe('税务局');
      expect((await other.members.get('ou_1'))?.unit).toBe('法院');
      expect(await storage.catalog.plansOfMember('ou_1')).toEqual(['P1', 'P2']);
      await repos.members.unbind('ou_1', { actor: 'ou_admin', at: at('2023-05-11T02:00:00Z') });
      expect(await repos.members.list()).toEqual([]);
      expect((await other.members.list()).map((m) => m.unit)).toEqual(['法院']);
      expect(await storage.catalog.plansOfMember('ou_1')).toEqual(['P2']);

      // The same post key is claimed once in each plan.
      const key = 'reminder:2023-05:2023-05-19';
      expect((await repos.posts.claim(key, 'reminder', 'u-1', at('2023-05-19T01:00:00Z'))).created).toBe(
        true,
      );
      expect((await other.posts.claim(key, 'reminder', 'u-2', at('2023-05-19T01:00:00Z'))).created).toBe(
        true,
      );
      expect((await other.posts.claim(key, 'reminder', 'u-3', at('2023-05-19T01:00:00Z'))).created).toBe(
        false,
      );
      await repos.posts.markSent(key, 'om_p1', at('2023-05-19T01:00:01Z'));
      expect((await other.posts.list())[0]).toMatchObject({ uuid: 'u-2', status: 'claimed' });

      await repos.audit.record({
        at: at('2023-05-01T02:00:00Z'),
        actor: 'ou_1',
        action: 'report.create',
        taskCode: '1.1',
        source: 'om_a',
      });
      expect(await other.audit.list({ taskCode: '1.1' })).toEqual([]);
      expect(await other.audit.exists('report.create', 'om_a')).toBe(false);
      expect(await repos.audit.exists('report.create', 'om_a')).toBe(true);

      // Card keys are unique within a plan; a card is found only through its plan's view.
      expect(await repos.warnings.issue(warning('W1', { key: 'roll_call:2023-05:税务局' }))).toBe('created');
      expect(
        await other.warnings.issue(warning('W2', { planId: 'P2', key: 'roll_call:2023-05:税务局' })),
      ).toBe('created');
      expect(await repos.warnings.issue(warning('W3', { key: 'roll_call:2023-05:税务局' }))).toBe(
        'duplicate',
      );
      expect(await other.warnings.get('W1')).toBeNull();
      expect((await repos.warnings.get('W1'))?.planId).toBe('P1');
      expect((await other.warnings.findByKey('roll_call:2023-05:税务局'))?.id).toBe('W2');
      expect((await other.warnings.list({ planId: 'P2' })).map((w) => w.id)).toEqual(['W2']);
    });

    it('lists plans with their groups; a group serves one plan, of two claims at once one wins', async () => {
      await repos.plans.save(header('P1'));
      await other.plans.save(header('P2', '2023-04-01T00:00:00Z'));
      await storage.forPlan('P3').plans.save(header('P3', '2023-05-01T00:00:00Z'));
      expect(await storage.catalog.bindChat('P1', 'oc_a')).toEqual({ bound: true });
      expect(await storage.catalog.bindChat('P1', 'oc_a')).toEqual({ bound: true });
      const claims = await Promise.all([
        storage.catalog.bindChat('P2', 'oc_b'),
        storage.catalog.bindChat('P3', 'oc_b'),
      ]);
      expect(claims.filter((c) => c.bound)).toHaveLength(1);
      const winner = claims[0]?.bound ? 'P2' : 'P3';
      expect(claims.find((c) => !c.bound)).toEqual({ bound: false, takenBy: winner });
      expect((await storage.catalog.byChat('oc_b'))?.planId).toBe(winner);
      expect((await storage.catalog.byChat('oc_a'))?.chats).toEqual(['oc_a']);
      expect(await storage.catalog.byChat('oc_none')).toBeNull();
      expect((await storage.catalog.list()).map((p) => p.planId)).toEqual(['P1', 'P2', 'P3']);
      expect((await storage.catalog.get('P2'))?.status).toBe('active');
      expect(await storage.catalog.get('P9')).toBeNull();
    });

    it('gives a plan one work group: another group is refused, of two groups at once one wins', async () => {
      await repos.plans.save(header('P1'));
      await other.plans.save(header('P2', '2023-04-01T00:00:00Z'));
      expect(await storage.catalog.bindChat('P1', 'oc_a')).toEqual({ bound: true });
      expect(await storage.catalog.bindChat('P1', 'oc_c')).toEqual({ bound: false, planGroup: 'oc_a' });
      expect(await storage.catalog.byChat('oc_c')).toBeNull();
      // Six groups at once (each claim's own clock reading differs): exactly one wins, every other
      // is told which group has the plan.
      const groups = ['oc_u', 'oc_v', 'oc_w', 'oc_x', 'oc_y', 'oc_z'];
      const claims = await Promise.all(groups.map((chat) => storage.catalog.bindChat('P2', chat)));
      expect(claims.filter((c) => c.bound)).toHaveLength(1);
      const group = groups[claims.findIndex((c) => c.bound)];
      expect(claims.filter((c) => !c.bound)).toEqual(
        Array.from({ length: 5 }, () => ({ bound: false, planGroup: group })),
      );
      expect((await storage.catalog.get('P2'))?.chats).toEqual([group]);
      expect(await storage.catalog.bindChat('P2', group ?? '')).toEqual({ bound: true });
    });

    it('makes a chat a roll-up group once: of two at once one wins, and it reads back', async () => {
      const group = (planIds: string[], boundBy: string) => ({
        chatId: 'oc_city',
        planIds,
        boundBy,
        boundAt: at('2023-06-01T02:00:00Z'),
      });
      expect(await storage.catalog.rollupOf('oc_city')).toBeNull();
      const results = await Promise.all([
        storage.catalog.bindRollup(group(['P1', 'P2'], 'ou_a')),
        storage.catalog.bindRollup(group(['P2'], 'ou_b')),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const stored = await storage.catalog.rollupOf('oc_city');
      expect(stored).toEqual(results[0] ? group(['P1', 'P2'], 'ou_a') : group(['P2'], 'ou_b'));
      expect(await storage.catalog.listRollups()).toEqual([stored]);
    });

    it('changes a plan’s own settings once per version: of two at once one wins, and it reads back', async () => {
      await repos.plans.save(header('P1'));
      const change = (by: string) => ({ version: 1, by, at: at('2023-07-01T02:00:00Z') });
      const results = await Promise.all([
        repos.plans.configure({ reminderDaysOfMonth: [10] }, change('ou_a')),
        repos.plans.configure({ reminderDaysOfMonth: [15] }, change('ou_b')),
      ]);
      const winner = oneWinner(results);
      const stored = await storage.catalog.get('P1');
      expect(stored?.settings).toEqual(winner.settings);
      expect(stored?.settingsChange).toEqual(winner.settingsChange);
      // The next version is free; a re-import of the header keeps the settings.
      const next = await repos.plans.configure({ slowProgressGap: 10 }, { ...change('ou_b'), version: 2 });
      expect(next?.settings).toEqual({ slowProgressGap: 10 });
      await repos.plans.save({ ...header('P1'), title: '再导入' });
      expect((await repos.plans.current())?.settings).toEqual({ slowProgressGap: 10 });
    });

    it('archives a plan once: of two archivings at once one wins, and the plan reads archived', async () => {
      await repos.plans.save(header('P1'));
      const by = (actor: string) => ({ actor, at: at('2023-12-01T02:00:00Z') });
      const results = await Promise.all([repos.plans.archive(by('ou_a')), repos.plans.archive(by('ou_b'))]);
      const winner = oneWinner(results);
      expect(winner).toMatchObject({ status: 'archived', planId: 'P1' });
      expect(await storage.catalog.get('P1')).toMatchObject({
        status: 'archived',
        archivedBy: winner.archivedBy,
      });
      expect(await repos.plans.archive(by('ou_c'))).toBeNull();
      await repos.plans.rename('县整改');
      expect((await repos.plans.current())?.shortName).toBe('县整改');
      expect(await storage.catalog.list({ status: 'active' })).toEqual([]);
      // A re-import of the header keeps the status.
      await repos.plans.save({ ...header('P1'), title: '再导入' });
      expect(await storage.catalog.get('P1')).toMatchObject({ status: 'archived', title: '再导入' });
    });
  });
}

const header = (planId: string, importedAt = '2023-03-01T00:00:00Z') => ({
  planId,
  docNo: planId,
  title: '方案',
  year: 2023,
  reportDay: 25,
  contact: { person: '高志平', phone: '1', email: 'a@b.c' },
  start: '2023-03-01',
  indicators: [{ seq: 1, name: '开办企业', leadUnits: ['行政审批局'] }],
  importedAt: at(importedAt),
});
