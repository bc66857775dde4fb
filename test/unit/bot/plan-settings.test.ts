import { beforeEach, describe, expect, it } from 'vitest';
import { atLocal, local } from '../../../src/domain/clock.js';
import { scheduledPostsBetween } from '../../../src/supervision/due.js';
import type { SupervisionDeps } from '../../../src/supervision/supervision-deps.js';
import {
  createMemoryBot,
  type MemoryBot,
  type MemoryPlan,
  PEOPLE,
  textOf,
  titleOf,
} from '../../helpers/memory/memory-bot.js';
import { SECOND_NOTICE } from '../../helpers/second-plan.js';

const LIU = { openId: 'ou_office_liu', name: '刘督办' };

/** The plan's supervision as the worker builds it now (from the stored plan and its own settings). */
async function planPosts(m: MemoryBot, planId: string): Promise<SupervisionDeps> {
  const plan = await m.tenancy.catalog.get(planId);
  const deps = plan && m.allSupervision.forPlan(plan);
  if (!deps) throw new Error(`${planId} posts nothing`);
  return deps;
}

/** July 2023's automatic posts of a plan, as `MM-DD HH:mm kind`. */
async function july(m: MemoryBot, planId: string, kind: string): Promise<string[]> {
  const lines = await scheduledPostsBetween(
    await planPosts(m, planId),
    atLocal('2023-07-01 00:00'),
    atLocal('2023-08-01 00:00'),
  );
  return lines.filter((l) => l.kind === kind).map((l) => local(l.at).format('MM-DD HH:mm'));
}

describe('/设置: a plan’s own cycle settings over the deployment’s', () => {
  let m: MemoryBot;
  let b: MemoryPlan;
  beforeEach(async () => {
    m = await createMemoryBot({ now: '2023-07-01 10:00' });
    b = await m.addPlan(SECOND_NOTICE, 'oc_chongyi_group');
    await m.bind(PEOPLE.tax, '税务局');
    await m.bind(LIU, '县优化营商环境办', 'office');
  });

  it('shows the settings in effect, each marked as the deployment’s until the plan sets it', async () => {
    const [shown] = await m.say(PEOPLE.tax, '/设置');
    expect(titleOf(shown)).toBe('方案设置');
    const text = textOf(shown);
    expect(text).toContain('**报送日**：每月 25 日');
    expect(text).toMatch(/\*\*提醒日\*\*：20.*默认/);
    expect(text).toMatch(/\*\*进展提醒时间\*\*：09:00.*默认/);
    expect(text).toMatch(/\*\*滞后阈值\*\*：30.*默认/);
  });

  it('moves this plan’s reminders only, audited, and back to the default', async () => {
    expect(await july(m, m.planId, 'reminder')).toEqual(['07-20 09:00', '07-24 09:00']);
    const [set] = await m.say(PEOPLE.office, '/设置 提醒日 10，20');
    expect(titleOf(set)).toBe('方案设置已修改');
    expect(textOf(set)).toContain('已将本方案的 提醒日 设为 10,20。');
    expect(textOf(set)).toContain('**提醒日**：10,20（本方案设置）');
    expect(await july(m, m.planId, 'reminder')).toEqual(['07-10 09:00', '07-20 09:00', '07-24 09:00']);
    // The other plan keeps the deployment's.
    expect(await july(m, b.planId, 'reminder')).toEqual(['07-20 09:00', '07-24 09:00']);
    const [entry] = await m.repos.audit.list({ action: 'plan.settings' });
    expect(entry).toMatchObject({
      actor: PEOPLE.office.openId,
      before: {},
      after: { reminderDaysOfMonth: [10, 20] },
    });
    expect(await b.repos.audit.list({ action: 'plan.settings' })).toEqual([]);

    await m.say(PEOPLE.office, '/设置 提醒日 默认');
    expect((await m.tenancy.catalog.get(m.planId))?.settings).toEqual({});
    expect(await july(m, m.planId, 'reminder')).toEqual(['07-20 09:00', '07-24 09:00']);
  });

  it('sets a post’s time and the thresholds for this plan, and /日程 follows', async () => {
    await m.say(PEOPLE.office, '/设置 进展提醒时间 15:30');
    await m.say(PEOPLE.office, '/设置 滞后阈值 10');
    await m.say(PEOPLE.office, '/设置 雷同阈值 0.8');
    expect(await july(m, m.planId, 'reminder')).toEqual(['07-20 15:30', '07-24 15:30']);
    expect(await july(m, b.planId, 'reminder')).toEqual(['07-20 09:00', '07-24 09:00']);
    const [schedule] = await m.say(PEOPLE.tax, '/日程');
    expect(textOf(schedule)).toContain('2023-07-20 15:30 **进展提醒**');
    const own = await planPosts(m, m.planId);
    expect(own.domain).toMatchObject({ slowProgressGap: 10, reportSimilarityThreshold: 0.8 });
    expect((await planPosts(m, b.planId)).domain).toMatchObject({ slowProgressGap: 30 });
  });

  it('refuses a bad name or value, or a member who is not office, with a Chinese reason and nothing stored', async () => {
    const cases: [{ openId: string; name: string }, string, string][] = [
      [PEOPLE.office, '/设置 提醒日 20,32', '“32”不是 1–31 之间的日期：提醒日应为逗号分隔的数字，如 20,23。'],
      [
        PEOPLE.office,
        '/设置 进展提醒时间 25:00',
        '“25:00”不是时间：进展提醒时间应为 HH:mm（北京时间），如 09:00。',
      ],
      [PEOPLE.office, '/设置 雷同阈值 1.5', '“1.5”不是 0–1 之间的数：雷同阈值应如 0.9。'],
      [PEOPLE.office, '/设置 年终日 02-30', '“02-30”不是日期：年终日应为 MM-DD，如 12-20。'],
      [PEOPLE.office, '/设置 催办日 20', '没有名为“催办日”的设置，可设置：提醒日、'],
      [PEOPLE.office, '/设置 提醒日', '修改设置应给出一个名称和一个值。'],
      [PEOPLE.tax, '/设置 提醒日 10', '督办员'],
    ];
    for (const [who, text, reason] of cases) {
      const [reply] = await m.say(who, text);
      expect(textOf(reply), text).toContain(reason);
    }
    expect((await m.tenancy.catalog.get(m.planId))?.settings).toBeUndefined();
    expect(await m.repos.audit.list({ action: 'plan.settings' })).toEqual([]);
  });

  it('two office members at once: one change is stored, the other is told who changed them', async () => {
    const replies = (
      await Promise.all([m.say(PEOPLE.office, '/设置 提醒日 10'), m.say(LIU, '/设置 提醒日 15')])
    ).flat();
    expect(replies.map(titleOf).filter((t) => t === '方案设置已修改')).toHaveLength(1);
    const loser = replies.find((r) => titleOf(r) !== '方案设置已修改');
    expect(textOf(loser)).toMatch(/^方案设置刚被 (高志平|刘督办) 于 10:00 修改，本次未保存。/);
    const stored = (await m.tenancy.catalog.get(m.planId))?.settings?.reminderDaysOfMonth;
    expect([[10], [15]]).toContainEqual(stored);
    expect(await m.repos.audit.list({ action: 'plan.settings' })).toHaveLength(1);
  });
});
