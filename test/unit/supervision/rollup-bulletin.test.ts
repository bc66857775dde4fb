import { describe, expect, it } from 'vitest';
import { atLocal, local } from '../../../src/domain/clock.js';
import { dueNow, scheduledPostsBetween } from '../../../src/supervision/due.js';
import { performFireTime } from '../../../src/supervision/post-kinds.js';
import type { SupervisionDeps } from '../../../src/supervision/supervision-deps.js';
import {
  createMemoryBot,
  type MemoryBot,
  type MemoryPlan,
  PEOPLE,
  textOf,
  titleOf,
} from '../../helpers/memory/memory-bot.js';
import type { MemoryMessage } from '../../helpers/memory/messenger.js';
import { SECOND_DOC_NO, SECOND_NOTICE } from '../../helpers/second-plan.js';

const CITY = 'oc_city_rollup_group';
const SEED_DOC_NO = '上营商〔2023〕1号';
/** The second county reports by the 28th (a Sunday in May 2023): its bulletin is on Monday the 29th. */
const LATE_NOTICE = SECOND_NOTICE.replace('每月25日前', '每月28日前');

async function cityOfTwoPlans(env: Record<string, string> = {}): Promise<{
  m: MemoryBot;
  b: MemoryPlan;
  rollup: () => Promise<SupervisionDeps>;
}> {
  const m = await createMemoryBot({ now: '2023-05-20 09:00', env });
  const b = await m.addPlan(LATE_NOTICE, 'oc_chongyi_group');
  m.messenger.addChat(CITY, Object.values(PEOPLE));
  await m.say(PEOPLE.office, '/汇总群', { chatId: CITY });
  const rollup = async () => {
    const group = await m.tenancy.catalog.rollupOf(CITY);
    if (!group) throw new Error('no roll-up group');
    return m.allSupervision.forRollup(group);
  };
  return { m, b, rollup };
}

/** Runs every post due now for each target, in the tick's order: plans first, then the roll-up group. */
async function runDue(targets: SupervisionDeps[]): Promise<string[]> {
  const done: string[] = [];
  for (const deps of targets)
    for (const fire of await dueNow(deps)) {
      await performFireTime(deps, fire);
      done.push(`${deps.planId} ${fire.kind}`);
    }
  return done;
}

/** The figures of a plan's own bulletin card, as its summary line states them. */
function ownFigures(card: MemoryMessage | undefined) {
  const text = textOf(card);
  const n = (re: RegExp) => Number(re.exec(text)?.[1] ?? Number.NaN);
  return {
    total: n(/共 \*\*(\d+)\*\* 项整改事项/),
    signedOff: n(/已销号 \*\*(\d+)\*\* 项/),
    overdue: n(/逾期 \*\*(\d+)\*\* 项/),
    unreported: n(/点名通报 \*\*(\d+)\*\* 个单位/),
    warnings: n(/黄牌 \*\*(\d+)\*\* 张/),
  };
}

type Row = Record<string, unknown>;
const rowsOf = (message: MemoryMessage | undefined): Row[] => {
  const content = message?.content as { body: { elements: { tag: string; rows?: Row[] }[] } } | undefined;
  return content?.body.elements.find((e) => e.tag === 'table')?.rows ?? [];
};

describe('the monthly roll-up bulletin (汇总通报)', () => {
  it('is scheduled in the roll-up group only, on the latest bulletin day among its plans', async () => {
    const { m, b, rollup } = await cityOfTwoPlans();
    const from = atLocal('2023-05-20 00:00');
    const to = atLocal('2023-06-01 00:00');
    const lines = await scheduledPostsBetween(await rollup(), from, to);
    expect(lines.map((l) => `${local(l.at).format('MM-DD HH:mm')} ${l.kind} ${l.about}`)).toEqual([
      '05-29 10:00 rollup_bulletin 2023年5月各方案汇总通报',
    ]);
    // Each plan keeps its own bulletin, and no plan lists the roll-up one.
    for (const deps of [m.supervision, b.supervision]) {
      const kinds = (await scheduledPostsBetween(deps, from, to)).map((l) => l.kind);
      expect(kinds).toContain('bulletin');
      expect(kinds).not.toContain('rollup_bulletin');
    }
    const [schedule] = await m.say(PEOPLE.tax, '/日程', { chatId: CITY });
    expect(titleOf(schedule)).toBe('自动推送安排');
    expect(textOf(schedule)).toContain('2023-05-29 10:00 **汇总通报** 2023年5月各方案汇总通报');
    expect(textOf(schedule)).not.toContain('进展提醒');
  });

  it('is neither listed nor posted when POSTS_OFF names it', async () => {
    const { m, rollup } = await cityOfTwoPlans({ POSTS_OFF: 'rollup_bulletin' });
    const [schedule] = await m.say(PEOPLE.tax, '/日程', { chatId: CITY });
    expect(textOf(schedule)).toContain('暂无已安排的自动推送');
    m.clock.set(atLocal('2023-05-29 10:00'));
    expect(await dueNow(await rollup())).toEqual([]);
  });

  it('shows each plan with the figures of its own bulletin, once', async () => {
    const { m, b, rollup } = await cityOfTwoPlans();
    await m.bind(PEOPLE.tax, '税务局');
    await b.bind(PEOPLE.court, '法院');
    await m.say(PEOPLE.tax, '/进展 6.1 60% 已开展培训');
    await m.say(PEOPLE.court, '/进展 7.1 30% 已召开推进会', { chatId: b.chatId });
    await b.repos.tasks.update((await b.repos.tasks.get(b.planId, '6.1'))!, { state: 'closed' });
    await m.say(PEOPLE.office, '/警告 住建局 5月进展报送不实 4.1', { chatId: b.chatId });
    // The seed's bulletin day (the 26th) and the second plan's (the 29th), each at 10:00.
    m.clock.set(atLocal('2023-05-26 10:00'));
    const first = await runDue([m.supervision, b.supervision, await rollup()]);
    expect(first.filter((d) => d.endsWith('bulletin'))).toEqual([`${SEED_DOC_NO} bulletin`]);
    m.clock.set(atLocal('2023-05-29 10:00'));
    const second = await runDue([m.supervision, b.supervision, await rollup()]);
    expect(second.filter((d) => d.endsWith('bulletin'))).toEqual([
      `${SECOND_DOC_NO} bulletin`,
      `rollup:${CITY} rollup_bulletin`,
    ]);
    const bulletinOf = (chatId: string) =>
      m.messenger.posts(chatId).find((p) => titleOf(p)?.startsWith('【一月一通报】'));
    const posted = m.messenger.posts(CITY).filter((p) => titleOf(p)?.startsWith('【汇总通报】'));
    expect(posted).toHaveLength(1);
    expect(titleOf(posted[0])).toBe('【汇总通报】2023年5月各方案整改工作汇总');
    const rows = rowsOf(posted[0]);
    expect(rows.map((r) => r.plan)).toEqual([SEED_DOC_NO, SECOND_DOC_NO]);
    for (const [row, chatId] of [
      [rows[0], m.chatId],
      [rows[1], b.chatId],
    ] as const) {
      const own = ownFigures(bulletinOf(chatId));
      expect(row).toMatchObject({
        total: own.total,
        signedOff: own.signedOff,
        overdue: own.overdue,
        unreported: own.unreported,
        warnings: own.warnings,
      });
    }
    // The figures differ between the plans, so a row showing the other plan's would be caught.
    expect(rows[1]).toMatchObject({ signedOff: 1, warnings: 1 });
    expect(rows[0]).toMatchObject({ signedOff: 0, warnings: 0 });
    expect(rows[0]?.unreported).toBeGreaterThan(0);
    // Named units are listed by plan; a second run posts nothing more.
    expect(textOf(posted[0])).toContain(`**${SECOND_DOC_NO}**：`);
    expect(await runDue([await rollup()])).toEqual([`rollup:${CITY} rollup_bulletin`]);
    expect(m.messenger.posts(CITY).filter((p) => titleOf(p)?.startsWith('【汇总通报】'))).toHaveLength(1);
    // Its claim and audit are the roll-up group's own, in no plan's.
    expect((await m.repos.posts.list({ kind: 'rollup_bulletin' })).length).toBe(0);
    expect((await b.repos.posts.list({ kind: 'rollup_bulletin' })).length).toBe(0);
  });
});
