import { afterEach, describe, expect, it } from 'vitest';
import { createWorkdayCalendar } from '../../../src/domain/calendar/workday-calendar.js';
import { atLocal, local } from '../../../src/domain/clock.js';
import { defaultCycleSettings } from '../../../src/domain/schedule/cycle-settings.js';
import { listFireTimes } from '../../../src/supervision/fire-times.js';
import {
  DEFAULT_POST_TIMES,
  describeFireTime,
  type FireTime,
  fireTimeKey,
  POST_KINDS,
  parseFireData,
  postLabel,
} from '../../../src/supervision/post-kinds.js';

const base = {
  reportDay: 25,
  calendar: createWorkdayCalendar(),
  cycle: defaultCycleSettings,
  times: DEFAULT_POST_TIMES,
  deadlines: [
    { taskCode: '6.1', deadline: '2023-05-31' },
    { taskCode: '1.2', deadline: '2023-05-08' },
    { taskCode: '9.1', deadline: null },
  ],
};

function describeFire(f: FireTime): string {
  const extra =
    f.kind === 'deadline_reminder' ? ` ${f.taskCode} -${f.daysBefore}` : 'period' in f ? ` ${f.period}` : '';
  return `${local(f.at).format('YYYY-MM-DD HH:mm')} ${f.kind}${extra}`;
}

const overdue = (day: string) => `2023-05-${day} 09:00 overdue_check`;

// Working days of May 2023: 1–3 May is Labour Day, Saturday 6 May a make-up working day.
const MAY_2023 = [
  overdue('04'),
  overdue('05'),
  overdue('06'),
  '2023-05-06 09:00 deadline_reminder 1.2 -1', // 7 May a Sunday → make-up Saturday 6 May
  ...['08', '09', '10', '11', '12', '15', '16', '17', '18'].map(overdue),
  overdue('19'),
  '2023-05-19 09:00 reminder 2023-05', // 20 May a Saturday → 19 May
  ...['22', '23'].map(overdue),
  overdue('24'),
  '2023-05-24 09:00 reminder 2023-05',
  '2023-05-24 09:00 deadline_reminder 6.1 -7',
  overdue('25'),
  overdue('26'),
  '2023-05-26 09:00 roll_call 2023-05',
  '2023-05-26 10:00 bulletin 2023-05',
  ...['29', '30'].map(overdue),
  '2023-05-30 09:00 deadline_reminder 6.1 -1',
  overdue('31'),
];

describe('listFireTimes', () => {
  const hostTz = process.env.TZ;
  afterEach(() => {
    if (hostTz === undefined) delete process.env.TZ;
    else process.env.TZ = hostTz;
  });

  it('lists every automatic post of May 2023, in order', () => {
    const fires = listFireTimes({
      ...base,
      from: atLocal('2023-05-01 00:00'),
      to: atLocal('2023-06-01 00:00'),
    });
    expect(fires.map(describeFire)).toEqual(MAY_2023);
  });

  it('gives instants in Asia/Shanghai and the local day', () => {
    const [reminder] = listFireTimes({
      ...base,
      from: atLocal('2023-05-19 08:00'),
      to: atLocal('2023-05-19 10:00'),
    }).filter((f) => f.kind === 'reminder');
    expect(reminder?.at.toISOString()).toBe('2023-05-19T01:00:00.000Z');
    expect(reminder?.day).toBe('2023-05-19');
  });

  it('includes from and excludes to', () => {
    const at = atLocal('2023-05-26 09:00');
    const kinds = (from: Date, to: Date) => listFireTimes({ ...base, from, to }).map((f) => f.kind);
    expect(kinds(at, new Date(at.getTime() + 1))).toEqual(['overdue_check', 'roll_call']);
    expect(kinds(new Date(at.getTime() - 1), at)).toEqual([]);
  });

  it("carries the report month on last month's roll call when it falls in the next month", () => {
    const fires = listFireTimes({
      ...base,
      reportDay: 28,
      from: atLocal('2023-10-01 00:00'),
      to: atLocal('2023-10-08 00:00'),
    });
    expect(fires.map(describeFire)).toEqual([
      '2023-10-07 09:00 overdue_check',
      '2023-10-07 09:00 roll_call 2023-09',
      '2023-10-07 10:00 bulletin 2023-09',
    ]);
  });

  it('posts the year end on 20 December 2023 and follows configured times', () => {
    const times = { ...DEFAULT_POST_TIMES, year_end: '15:00', overdue_check: '08:30' };
    const fires = listFireTimes({
      ...base,
      times,
      from: atLocal('2023-12-20 00:00'),
      to: atLocal('2023-12-21 00:00'),
    });
    expect(fires.map(describeFire)).toEqual([
      '2023-12-20 08:30 overdue_check',
      '2023-12-20 09:00 reminder 2023-12',
      '2023-12-20 15:00 year_end',
    ]);
  });

  it('does not depend on the host time zone', () => {
    process.env.TZ = 'America/Los_Angeles';
    const fires = listFireTimes({
      ...base,
      from: atLocal('2023-05-01 00:00'),
      to: atLocal('2023-06-01 00:00'),
    });
    expect(fires.map(describeFire)).toEqual(MAY_2023);
    expect(base.calendar.isWorkingDay('2023-06-25')).toBe(true);
  });

  it('returns nothing for an empty range', () => {
    const at = atLocal('2023-05-26 09:00');
    expect(listFireTimes({ ...base, from: at, to: at })).toEqual([]);
  });
});

describe('fireTimeKey', () => {
  it('identifies a post by kind and subject, so a retry finds the same key', () => {
    const fires = listFireTimes({
      ...base,
      from: atLocal('2023-05-24 00:00'),
      to: atLocal('2023-05-27 00:00'),
    });
    expect(fires.map(fireTimeKey)).toEqual([
      'overdue_check:2023-05-24',
      'reminder:2023-05:2023-05-24',
      'deadline_reminder:6.1:2023-05-31:7',
      'overdue_check:2023-05-25',
      'overdue_check:2023-05-26',
      'roll_call:2023-05',
      'bulletin:2023-05',
    ]);
  });
});

describe('the post registry', () => {
  it('leaves out the kinds switched off, and only those', () => {
    const kinds = listFireTimes({
      ...base,
      off: ['overdue_check', 'bulletin'],
      from: atLocal('2023-05-24 00:00'),
      to: atLocal('2023-05-27 00:00'),
    }).map((f) => f.kind);
    expect(kinds).toEqual(['reminder', 'deadline_reminder', 'roll_call']);
  });

  it('names and describes every kind in Chinese', () => {
    expect(POST_KINDS.map(postLabel)).toEqual([
      '逾期检查',
      '点名通报',
      '进展提醒',
      '到期提醒',
      '年终考核',
      '月度通报',
      '汇总通报',
    ]);
    const fires = listFireTimes({
      ...base,
      from: atLocal('2023-05-24 00:00'),
      to: atLocal('2023-05-25 00:00'),
    });
    expect(fires.map(describeFireTime)).toEqual([
      '逾期检查（新逾期事项发黄牌）',
      '2023年5月进展报送提醒（未报单位）',
      '事项 6.1 到期提醒（时限 2023-05-31，提前 7 天）',
    ]);
  });

  it('reads back every fire time it lists as job data, and refuses data missing its kind’s fields', () => {
    const fires = listFireTimes({
      ...base,
      from: atLocal('2023-05-01 00:00'),
      to: atLocal('2024-01-01 00:00'),
    });
    const rollups = listFireTimes({
      ...base,
      target: 'rollup',
      from: atLocal('2023-05-01 00:00'),
      to: atLocal('2024-01-01 00:00'),
    });
    // A plan's schedule has every kind but the roll-up group's, and a roll-up group's has only its own.
    expect(new Set(fires.map((f) => f.kind))).toEqual(
      new Set(POST_KINDS.filter((k) => k !== 'rollup_bulletin')),
    );
    expect(new Set(rollups.map((f) => f.kind))).toEqual(new Set(['rollup_bulletin']));
    for (const fire of [...fires, ...rollups]) {
      const parsed = parseFireData(JSON.parse(JSON.stringify({ ...fire, at: fire.at.toISOString() })));
      expect(parsed).toEqual({ ok: true, fire });
    }
    const at = '2023-05-24T01:00:00.000Z';
    expect(parseFireData({ kind: 'reminder', at, day: '2023-05-24' })).toEqual({
      ok: false,
      problems: ['reminder.period'],
    });
    expect(parseFireData({ kind: 'deadline_reminder', at, day: '2023-05-24', taskCode: '6.1' })).toEqual({
      ok: false,
      problems: ['deadline_reminder.deadline', 'deadline_reminder.daysBefore'],
    });
    expect(parseFireData({ kind: 'weekly', at, day: '2023-05-24' })).toMatchObject({
      ok: false,
      problems: ['kind'],
    });
  });
});
