import { describe, expect, it } from 'vitest';
import { atLocal } from '../../../../src/domain/clock.js';
import { renderScheduleCard, type ScheduleItem } from '../../../../src/render/supervision/schedule.card.js';
import { expectEscaped, expectFitted, expectValid } from './checks.js';
import { HOSTILE, many } from './fixtures.js';

const items: ScheduleItem[] = [
  { at: atLocal('2023-05-26 10:00'), name: '月度通报', label: '2023年5月' },
  { at: atLocal('2023-05-19 09:00'), name: '进展提醒', label: '2023年5月' },
  { at: atLocal('2023-05-24 09:00'), name: '到期提醒', label: '事项 6.1 到期前 7 天' },
  { at: atLocal('2023-05-22 09:00'), name: '逾期检查', label: '' },
  { at: atLocal('2023-05-26 09:00'), name: '点名通报', label: '2023年5月' },
  { at: atLocal('2023-12-20 09:00'), name: '年终考核', label: '2023年度' },
];

describe('renderScheduleCard', () => {
  it('lists the next posts soonest first, in Shanghai time, with Chinese kinds', () => {
    const built = renderScheduleCard({ items });
    expect(built).toMatchSnapshot();
    expect(built.header.template).toBe('blue');
    const list = built.body.elements[0];
    const lines = (list?.tag === 'markdown' ? list.content : '').split('\n').slice(1);
    expect(lines).toEqual([
      '- 2023-05-19 09:00 **进展提醒** 2023年5月',
      '- 2023-05-22 09:00 **逾期检查**',
      '- 2023-05-24 09:00 **到期提醒** 事项 6.1 到期前 7 天',
      '- 2023-05-26 09:00 **点名通报** 2023年5月',
      '- 2023-05-26 10:00 **月度通报** 2023年5月',
      '- 2023-12-20 09:00 **年终考核** 2023年度',
    ]);
    expectValid(built);
  });

  it('reads the time in Asia/Shanghai whatever the instant says in UTC', () => {
    const built = renderScheduleCard({
      items: [{ at: new Date('2023-05-19T01:00:00Z'), name: '进展提醒', label: '' }],
    });
    expect(JSON.stringify(built)).toContain('2023-05-19 09:00');
  });

  it('says so when nothing is scheduled', () => {
    const built = renderScheduleCard({ items: [] });
    expect(JSON.stringify(built)).toContain('暂无已安排的自动推送');
    expectValid(built);
  });

  it('escapes names and labels', () => {
    expectEscaped(renderScheduleCard({ items: [{ at: items[0]!.at, name: HOSTILE, label: HOSTILE }] }));
  });

  it('stays within the limit for 1,000 posts', () => {
    const base = atLocal('2023-05-19 09:00').getTime();
    const built = renderScheduleCard({
      items: many(1000, (i) => ({
        at: new Date(base + i * 3_600_000),
        name: '到期提醒',
        label: HOSTILE,
      })),
    });
    expectFitted(built);
  });
});
