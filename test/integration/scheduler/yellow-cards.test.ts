import { afterEach, describe, expect, it } from 'vitest';
import { atLocal } from '../../../src/domain/clock.js';
import type { Caller } from '../../../src/domain/members/member.js';
import { recordReport } from '../../../src/domain/reports/record-report.js';
import type { Task } from '../../../src/domain/tasks/task.js';
import type { Warning } from '../../../src/domain/warnings/warning.js';
import { dueNow } from '../../../src/supervision/due.js';
import { performFireTime } from '../../../src/supervision/post-kinds.js';
import { type ChatHarness, PEOPLE, replyText, startChatHarness } from '../../helpers/chat-harness.js';
import { simulationMember } from '../../helpers/simulation.js';
import { postsTitled } from '../../helpers/supervision.js';

/** Runs the automatic posts due at `wallTime`, exactly as the jobs do. */
async function runScheduler(h: ChatHarness, wallTime: string): Promise<void> {
  h.clock.set(atLocal(wallTime));
  for (const fire of await dueNow(h.supervision)) await performFireTime(h.supervision, fire);
}

/**
 * The May 2023 scenario of issue 12: 税务局 and 供电公司 report every task, 行政审批局 reports 9 of
 * its 10 (at 20%, behind the straight line), the other units stay silent.
 */
async function mayScenario(h: ChatHarness): Promise<Task[]> {
  const { domain } = h;
  const plan = (await domain.repos.plans.current())!;
  const tasks = await domain.repos.tasks.list(plan.planId);
  h.clock.set(atLocal('2023-05-10 11:00'));
  const lead = (unit: string) => tasks.filter((t) => t.leadUnits[0] === unit);
  const reporters: [string, Task[], number][] = [
    ['税务局', lead('税务局'), 80],
    ['供电公司', lead('供电公司'), 90],
    ['行政审批局', lead('行政审批局').slice(0, -1), 20],
  ];
  for (const [unit, own, percent] of reporters) {
    const member = simulationMember(unit);
    h.fake.addMember(h.chatId, member);
    await h.bind(member, unit);
    const caller: Caller = { ...member, isOffice: false, unit };
    for (const task of own)
      await recordReport(domain, caller, {
        code: task.code,
        text: `${task.code} 5月按计划推进`,
        percent,
        kpiValues: [],
        messageId: `may-${task.code}`,
      });
  }
  return tasks;
}

const proposedCards = async (h: ChatHarness): Promise<Warning[]> => {
  const plan = (await h.repos.plans.current())!;
  return (await h.repos.warnings.list({ planId: plan.planId, includeProposed: true })).filter(
    (w) => w.proposed,
  );
};

describe('yellow cards from the monthly supervision: one per unit, proposed, confirmed by the office', () => {
  let h: ChatHarness;
  afterEach(async () => {
    await h?.close();
  });

  it('proposes at most one card per unit at the 05-26 roll call, each listing its reasons; /确认黄牌 makes exactly those live', async () => {
    h = await startChatHarness({ now: '2023-05-01 08:00' });
    const tasks = await mayScenario(h);
    await runScheduler(h, '2023-05-26 09:00');

    const cards = await proposedCards(h);
    const units = cards.map((w) => w.unit);
    expect(new Set(units).size).toBe(units.length);
    expect(units).not.toContain('税务局');
    expect(units).not.toContain('供电公司');
    const silent = [...new Set(tasks.map((t) => t.leadUnits[0]!))].filter(
      (u) => !['税务局', '供电公司', '行政审批局'].includes(u),
    );
    expect([...units].sort()).toEqual([...silent, '行政审批局'].sort());
    // 住建局: one card for one missed month, listing its tasks.
    const housing = cards.find((w) => w.unit === '住建局')!;
    const housingTasks = tasks.filter((t) => t.leadUnits[0] === '住建局').map((t) => t.code);
    expect(housing.reasons?.[0]).toEqual({ kind: 'missed_report', tasks: housingTasks });
    // Unreported tasks are a missed report, never "slow at 0%".
    for (const w of cards)
      for (const r of w.reasons ?? []) if (r.kind === 'slow') expect(w.unit).toBe('行政审批局');
    const approval = cards.find((w) => w.unit === '行政审批局')!;
    const lastApproval = tasks.filter((t) => t.leadUnits[0] === '行政审批局').at(-1)!.code;
    expect(approval.reasons?.[0]).toEqual({ kind: 'missed_report', tasks: [lastApproval] });
    expect(approval.reasons?.some((r) => r.kind === 'slow' && r.actual === 20)).toBe(true);
    expect(approval.reason).toMatch(/报送进度 20%，应达 \d+%/);

    // The roll call shows them with a 确认黄牌 button; nothing is live yet.
    const [rollCall] = postsTitled(h, '【点名通报】2023年5月');
    const body = JSON.stringify(rollCall!.content);
    expect(body).toContain(`/确认黄牌 ${cards.map((w) => w.id).join(' ')}`);
    expect(body).toContain('督办员确认后生效');
    const plan = (await h.repos.plans.current())!;
    expect(await h.repos.warnings.list({ planId: plan.planId })).toEqual([]);
    expect(replyText(await h.say(PEOPLE.office, '/黄牌'))).toContain('暂无');
    // The office's /我的 lists them as waiting.
    const todo = replyText(await h.say(PEOPLE.office, '/我的'));
    expect(todo).toContain(`待确认的黄牌**（${cards.length} 张）`);
    expect(todo).toContain(housing.id);

    const confirmed = replyText(await h.say(PEOPLE.office, '/确认黄牌'));
    expect(confirmed).toContain(`已确认黄牌 ${cards.length} 张`);
    const live = await h.repos.warnings.list({ planId: plan.planId });
    expect(live.map((w) => w.id).sort()).toEqual(cards.map((w) => w.id).sort());
    const listed = replyText(await h.say(PEOPLE.office, '/黄牌'));
    for (const w of cards) expect(listed).toContain(w.id);
    expect(listed).toContain(`（${cards.length} 张）`);
    const audits = await h.repos.audit.list({ action: 'warning.confirm' });
    expect(audits.map((a) => a.unit).sort()).toEqual([...units].sort());
    expect(audits.every((a) => a.actor === PEOPLE.office.openId)).toBe(true);

    // A retried roll call makes no second card; /撤销黄牌 still works after confirmation.
    await runScheduler(h, '2023-05-26 09:00');
    expect((await h.repos.warnings.list({ planId: plan.planId, includeProposed: true })).length).toBe(
      cards.length,
    );
    expect(replyText(await h.say(PEOPLE.office, `/撤销黄牌 ${housing.id} 已核实`))).toContain('已撤销');
  }, 120_000);

  it('lets exactly one of two office members confirm a card at once, and tells the other', async () => {
    h = await startChatHarness({ now: '2023-05-01 08:00' });
    await mayScenario(h);
    await runScheduler(h, '2023-05-26 09:00');
    const second = { openId: 'ou_office_second', name: '刘督办' };
    h.fake.addMember(h.chatId, second);
    await h.bind(second, '县优化营商环境办', 'office');
    const target = (await proposedCards(h))[0]!;
    const [one, two] = await Promise.all([
      h.say(PEOPLE.office, `/确认黄牌 ${target.id}`),
      h.say(second, `/确认黄牌 ${target.id}`),
    ]);
    const texts = [replyText(one), replyText(two)];
    expect(texts.filter((t) => t.includes('已确认黄牌 1 张'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('此前已由督办员确认'))).toHaveLength(1);
    const audits = await h.repos.audit.list({ action: 'warning.confirm' });
    expect(audits.filter((a) => (a.after as Warning).id === target.id)).toHaveLength(1);
    const live = await h.repos.warnings.get(target.id);
    expect(live?.proposed).toBeUndefined();
    expect([PEOPLE.office.openId, second.openId]).toContain(live?.confirmedBy);
  }, 120_000);

  it('refuses an unknown card id and a unit member, changing nothing', async () => {
    h = await startChatHarness({ now: '2023-05-01 08:00' });
    await mayScenario(h);
    await runScheduler(h, '2023-05-26 09:00');
    const target = (await proposedCards(h))[0]!;
    expect(replyText(await h.say(PEOPLE.office, `/确认黄牌 ${target.id} YZZZZ`))).toContain(
      '没有编号为 YZZZZ',
    );
    const member = simulationMember('税务局');
    expect(replyText(await h.say(member, `/confirm ${target.id}`))).toContain('仅限');
    expect((await h.repos.warnings.get(target.id))?.proposed).toBe(true);
    // The office's help lists the command; a member's does not.
    expect(replyText(await h.say(PEOPLE.office, '/帮助'))).toContain('/确认黄牌');
    expect(replyText(await h.say(member, '/帮助'))).not.toContain('/确认黄牌');
  }, 120_000);

  it('issues the cards at once with WARNINGS_MODE=auto', async () => {
    h = await startChatHarness({ now: '2023-05-01 08:00', env: { WARNINGS_MODE: 'auto' } });
    await mayScenario(h);
    await runScheduler(h, '2023-05-26 09:00');
    expect(await proposedCards(h)).toEqual([]);
    const plan = (await h.repos.plans.current())!;
    const live = await h.repos.warnings.list({ planId: plan.planId });
    expect(new Set(live.map((w) => w.unit)).size).toBe(live.length);
    expect(live.some((w) => w.unit === '住建局')).toBe(true);
    const [rollCall] = postsTitled(h, '【点名通报】2023年5月');
    expect(JSON.stringify(rollCall!.content)).not.toContain('/确认黄牌');
  }, 120_000);
});

describe('overdue while the office reviews a sign-off', () => {
  let h: ChatHarness;
  afterEach(async () => {
    await h?.close();
  });

  it('does not card 13.1 at the 06-01 check when its sign-off was asked on 05-30; returned on 06-02, it is overdue from then', async () => {
    h = await startChatHarness({ now: '2023-05-30 10:00', env: { WARNINGS_MODE: 'auto' } });
    const chen = { openId: 'ou_chen_jianhua', name: '陈建华' };
    h.fake.addMember(h.chatId, chen);
    await h.bind(chen, '行政审批局');
    expect(replyText(await h.say(chen, '/申请销号 13.1 政务服务中心已统一命名并挂牌'))).toContain('13.1');

    await runScheduler(h, '2023-06-01 09:00');
    const plan = (await h.repos.plans.current())!;
    const named = async () =>
      (await h.repos.warnings.list({ planId: plan.planId }))
        .filter((w) => w.kind === 'overdue')
        .flatMap((w) => (w.reasons ?? []).map((r) => (r.kind === 'overdue' ? r.code : '')));
    expect(await named()).not.toContain('13.1');
    expect(replyText(await h.say(PEOPLE.office, '/逾期'))).not.toContain('**13.1**');

    h.clock.set(atLocal('2023-06-02 15:00'));
    await h.say(PEOPLE.office, '/退回 13.1 挂牌照片不清晰，请补充');
    expect(replyText(await h.say(PEOPLE.office, '/事项 13.1'))).toContain('逾期');

    // 06-02 is a Friday: the next check, Monday 06-05, cards it, the alert dated from the return.
    await runScheduler(h, '2023-06-05 09:00');
    expect(await named()).toContain('13.1');
    const alert = postsTitled(h, '【逾期提醒】').find((m) => JSON.stringify(m.content).includes('**13.1**'));
    expect(alert).toBeDefined();
    const card = (await h.repos.warnings.list({ planId: plan.planId })).find((w) =>
      w.reasons?.some((r) => r.kind === 'overdue' && r.code === '13.1'),
    )!;
    expect(card.key).toBe(`overdue:2023-06-05:${card.unit}`);
    // The task's detail shows the unit's card that names it, though the card lists other tasks too.
    expect(replyText(await h.say(PEOPLE.office, '/事项 13.1'))).toContain(card.id);
    const overdue = replyText(await h.say(PEOPLE.office, '/逾期'));
    expect(overdue).toContain('13.1');
  }, 120_000);
});
