import { describe, expect, it } from 'vitest';
import { renderRollCallCard } from '../../../../src/render/supervision/roll-call.card.js';
import { countTables } from '../card-checks.js';
import { expectEscaped, expectFitted, expectValid, mentionedIds } from './checks.js';
import { HOSTILE, LONG_PROBLEM, many, rollCall, unitCard } from './fixtures.js';

describe('renderRollCallCard', () => {
  it('names the units that missed, red, with cards issued and slow tasks', () => {
    const built = renderRollCallCard(rollCall);
    expect(built).toMatchSnapshot();
    expect(built.header.template).toBe('red');
    expect(built.header.title.content).toBe('【点名通报】2023年5月进展未按时报送');
    const json = JSON.stringify(built);
    expect(json).toContain('6.2 获得增值税退税时间有待压缩');
    expect(json).toContain('M4T2P、K9D2X、S3L7Q');
    expect(countTables(built)).toBe(1);
    expectValid(built);
  });

  it('lists slow tasks with expected and actual progress, widest gap first', () => {
    const built = renderRollCallCard(rollCall);
    const slow = built.body.elements.find((e) => e.tag === 'table');
    expect(slow?.tag === 'table' && slow.rows.map((r) => [r.code, r.unit, r.expected])).toEqual([
      ['1.1', '行政审批局', '100%'],
      ['3.2', '供电公司', '25%'],
    ]);
  });

  it('lists one card per unit with all its reasons', () => {
    const json = JSON.stringify(renderRollCallCard(rollCall));
    expect(json).toContain(
      '**S3L7Q** 法院：2023年5月整改进展未按时报送（7.1）；事项 7.1 已超过整改时限 2023-04-30 仍未完成',
    );
    expect(json).toContain('事项 1.1 报送进度 40%，应达 100%');
    expect(json).not.toContain('确认黄牌');
  });

  it('proposes the cards with a 确认黄牌 button that confirms exactly them', () => {
    const built = renderRollCallCard({ ...rollCall, proposed: true });
    expect(built).toMatchSnapshot();
    const json = JSON.stringify(built);
    expect(json).toContain('拟发黄牌警告 **3** 张');
    expect(json).toContain('督办员确认后生效');
    expect(json).toContain(
      '"behaviors":[{"type":"callback","value":{"command":"/确认黄牌 M4T2P K9D2X S3L7Q"}}]',
    );
    expectValid(built);
  });

  it('mentions members of named units and flags a unit without members', () => {
    const built = renderRollCallCard(rollCall);
    expect(mentionedIds(built)).toEqual(['ou_liaison_tax']);
    const court = JSON.stringify(built)
      .split('\\n')
      .find((line) => line.includes('**法院**'));
    expect(court).toContain('（未绑定联络员）');
  });

  it('is green when every unit reported and nothing is slow', () => {
    const built = renderRollCallCard({ ...rollCall, units: [], slow: [], cards: [] });
    expect(built).toMatchSnapshot();
    expect(built.header.template).toBe('green');
    expect(built.header.title.content).toBe('【点名通报】2023年5月各单位均已按时报送');
    expect(countTables(built)).toBe(0);
    expectValid(built);
  });

  it('is orange when every unit reported but some tasks are slow', () => {
    const built = renderRollCallCard({ ...rollCall, units: [], cards: [rollCall.cards[1]!] });
    expect(built.header.template).toBe('orange');
    expect(built.header.title.content).toBe('【点名通报】2023年5月各单位均已按时报送');
    expect(countTables(built)).toBe(1);
    expect(JSON.stringify(built)).toContain('K9D2X');
  });

  it('escapes unit names and problems', () => {
    const built = renderRollCallCard({
      ...rollCall,
      units: [{ unit: HOSTILE, tasks: [{ code: '6.1', problem: HOSTILE }], memberOpenIds: [] }],
      slow: [{ code: '6.1', unit: HOSTILE, expected: 50, actual: 0 }],
    });
    expectEscaped(built);
  });

  it('stays within the limit for 1,000 units, slow tasks and cards', () => {
    const built = renderRollCallCard({
      ...rollCall,
      units: many(1000, (i) => ({
        unit: `单位${i}`,
        tasks: many(20, (j) => ({ code: `${i}.${j}`, problem: LONG_PROBLEM })),
        memberOpenIds: [`ou_${i}`],
      })),
      slow: many(1000, (i) => ({ code: `${i}.1`, unit: `单位${i}`, expected: 80, actual: 10 })),
      cards: many(1000, (i) => unitCard(`W${i}`, `单位${i}`, [{ kind: 'missed_report', tasks: [`${i}.1`] }])),
    });
    expectFitted(built);
    expect(JSON.stringify(built)).toContain('等 1000 张');
  });
});
