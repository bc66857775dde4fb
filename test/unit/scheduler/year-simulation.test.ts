import { beforeAll, describe, expect, it } from 'vitest';
import { local } from '../../../src/domain/clock.js';
import { warningTaskCodes } from '../../../src/domain/warnings/warning.js';
import { createMemoryBot, type MemoryBot, titleOf } from '../../helpers/memory/memory-bot.js';
import type { MemoryMessage } from '../../helpers/memory/messenger.js';
import { simulate, simulationMember } from '../../helpers/simulation.js';

/** The group's automatic posts as `YYYY-MM-DD HH:mm 标题`, one per line, in order. */
function postLines(messages: MemoryMessage[]): string[] {
  return messages.map((m) => `${local(m.at).format('YYYY-MM-DD HH:mm')} ${titleOf(m) ?? m.msgType}`);
}

const body = (m: MemoryMessage) => JSON.stringify(m.content);

/**
 * The year on the memory adapters (test/helpers/memory): every post the jobs would make, by the same
 * code, in seconds. What only the real servers prove (BullMQ ticks, MongoDB, the fake Lark over
 * HTTP) is kept in test/integration/scheduler/year-simulation.test.ts.
 */
describe('a year of supervision: the seed plan from March 2023 to January 2024, no sleeps', () => {
  let m: MemoryBot;
  let posts: MemoryMessage[];
  beforeAll(async () => {
    m = await createMemoryBot({ now: '2023-03-01 08:00' });
    const units = (await m.repos.units.list()).map((u) => u.name);
    for (const unit of units) {
      const member = simulationMember(unit);
      m.messenger.addMember(m.chatId, member);
      await m.bind(member, unit);
    }
    await simulate(m, {
      from: '2023-03-01',
      to: '2024-02-01',
      scripts: { 法院: 'late', 住建局: 'never', 供电公司: 'early_signoff' },
      confirmCards: true,
    });
    posts = m.messenger.posts(m.chatId);
  }, 120_000);

  it('posts each day’s deadline reminders as one message', async () => {
    const claims = (await m.repos.posts.list({ kind: 'deadline_reminder' })).filter(
      (c) => c.messageId !== 'none',
    );
    const may24 = claims.find((c) => c.key === 'deadline_reminders:2023-05-24');
    const message = posts.find((p) => p.messageId === may24?.messageId);
    if (!message) throw new Error('no deadline reminder on 2023-05-24');
    expect(body(message)).toContain('项整改事项即将到期');
    for (const code of ['1.2', '6.1', '8.1', '14.4']) expect(body(message)).toContain(`**${code}**`);
  });

  it('posts the reminder of 20 May 2023 (a Saturday) on Friday 19 May, naming only the late units', async () => {
    const claims = await m.repos.posts.list({ kind: 'reminder' });
    const may = claims.filter((c) => c.key.startsWith('reminder:2023-05'));
    expect(may.map((c) => c.key)).toEqual(['reminder:2023-05:2023-05-19', 'reminder:2023-05:2023-05-24']);
    const message = posts.find((p) => p.messageId === may[0]?.messageId);
    if (!message) throw new Error('no reminder on 2023-05-19');
    const text = body(message);
    expect(text).toContain('法院');
    expect(text).toContain('住建局');
    expect(text).not.toContain('**税务局**');
    expect(text).toContain(`<at id=${simulationMember('法院').openId}></at>`);
    expect(text).toContain('4.1');
  });

  it('moves the June D-1 reminder off the Dragon Boat holiday to Wednesday 21 June', async () => {
    const keys = (await m.repos.posts.list({ kind: 'reminder' }))
      .map((c) => c.key)
      .filter((k) => k.startsWith('reminder:2023-06'));
    expect(keys).toEqual(['reminder:2023-06:2023-06-20', 'reminder:2023-06:2023-06-21']);
  });

  it('calls the roll on the first working day after the report day and cards the units that missed', async () => {
    const rollCalls = await m.repos.posts.list({ kind: 'roll_call' });
    expect(rollCalls.map((c) => c.key)).toEqual([
      'roll_call:2023-03',
      'roll_call:2023-04',
      'roll_call:2023-05',
      'roll_call:2023-06',
      'roll_call:2023-07',
      'roll_call:2023-08',
      'roll_call:2023-09',
      'roll_call:2023-10',
      'roll_call:2023-11',
      'roll_call:2023-12',
      'roll_call:2024-01',
    ]);
    const may = posts.find((p) => p.messageId === rollCalls[2]?.messageId);
    if (!may) throw new Error('no roll call for May');
    expect(local(may.at).format('YYYY-MM-DD HH:mm')).toBe('2023-05-26 09:00');
    expect(body(may)).toContain('法院');
    expect(body(may)).toContain('8.4');
    const missed = await m.repos.warnings.list({ planId: m.planId });
    const mayMissed = missed
      .filter((w) => w.kind === 'missed_report' && w.period === '2023-05')
      .map((w) => w.unit)
      .sort();
    expect(mayMissed).toEqual(['住建局', '法院']);
    // The office confirmed them (simulate's confirmCards); at most one card per unit and month.
    const monthly = missed.filter((w) => w.key.startsWith('monthly:'));
    expect(new Set(monthly.map((w) => `${w.unit}|${w.period}`)).size).toBe(monthly.length);
    expect(monthly.every((w) => w.confirmedBy === 'ou_office_admin')).toBe(true);
  });

  it('publishes one bulletin a month, after the roll call', async () => {
    const bulletins = await m.repos.posts.list({ kind: 'bulletin' });
    expect(bulletins).toHaveLength(11);
    const june = posts.find((p) => p.messageId === bulletins[3]?.messageId);
    if (!june) throw new Error('no bulletin for June');
    expect(local(june.at).format('YYYY-MM-DD HH:mm')).toBe('2023-06-26 10:00');
  });

  it('gives each overdue task one yellow card and one alert on the working day after its deadline', async () => {
    const overdue = (await m.repos.warnings.list({ planId: m.planId })).filter((w) => w.kind === 'overdue');
    const housing = overdue
      .filter((w) => w.unit === '住建局')
      .map((w) => w.taskCode)
      .sort();
    expect(housing).toEqual(['4.1', '4.2']);
    // One card per unit per day's check may list several tasks: each task is named by one card only.
    const named = overdue.flatMap((w) => warningTaskCodes(w));
    expect(new Set(named).size).toBe(named.length);
    expect(new Set(overdue.map((w) => `${w.unit}|${local(w.issuedAt).format('YYYY-MM-DD')}`)).size).toBe(
      overdue.length,
    );
    const card42 = overdue.find((w) => w.taskCode === '4.2');
    // 4.2 was due Friday 30 June 2023; the next working day is Monday 3 July.
    expect(card42 && local(card42.issuedAt).format('YYYY-MM-DD')).toBe('2023-07-03');
    expect(overdue.every((w) => ['住建局', '法院'].includes(w.unit))).toBe(true);
  });

  it('signs the early unit off in April, so it gets no deadline reminders or cards afterwards', async () => {
    const power = (await m.repos.tasks.list(m.planId)).filter((t) => t.leadUnits.includes('供电公司'));
    expect(power.map((t) => t.state)).toEqual(['closed', 'closed']);
    const claims = (await m.repos.posts.list({ kind: 'deadline_reminder' })).filter(
      (c) => c.messageId !== 'none',
    );
    expect(claims.length).toBeGreaterThan(0);
    const reminders = posts.filter((p) => claims.some((c) => c.messageId === p.messageId));
    expect(reminders.map(body).filter((b) => /事项 3\.[12] |\*\*3\.[12]\*\*/.test(b))).toEqual([]);
    expect(reminders.map(body).some((b) => b.includes('供电公司'))).toBe(false);
    expect(await m.repos.warnings.list({ planId: m.planId, unit: '供电公司' })).toEqual([]);
  });

  it('posts the assessment draft and the re-evaluation reminder on 20 December', async () => {
    const yearEnd = (await m.repos.posts.list({ kind: 'year_end' })).map((c) => c.key);
    expect(yearEnd).toEqual(['year_end:2023', 'year_end_reminder:2023']);
    const draft = posts.find((p) => body(p).includes('年度综合考核'));
    expect(draft && local(draft.at).format('YYYY-MM-DD')).toBe('2023-12-20');
  });

  it('never posts anything twice, and the whole year matches the recorded list', async () => {
    const sent = (await m.repos.posts.list()).filter((c) => c.messageId && c.messageId !== 'none');
    expect(new Set(sent.map((c) => c.key)).size).toBe(sent.length);
    expect(posts).toHaveLength(sent.length);
    expect(m.messenger.uuidConflicts).toEqual([]);
    expect(postLines(posts)).toMatchSnapshot();
  });
});
