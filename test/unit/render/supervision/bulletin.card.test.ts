import { describe, expect, it } from 'vitest';
import { renderBulletinCard } from '../../../../src/render/supervision/bulletin.card.js';
import { countTables } from '../card-checks.js';
import { buildWarning, overview, task61 } from '../fixtures.js';
import { expectEscaped, expectFitted, expectValid } from './checks.js';
import { bulletin, HOSTILE, LONG_PROBLEM, many, plan } from './fixtures.js';

function tableOf(built: ReturnType<typeof renderBulletinCard>, column: string) {
  const found = built.body.elements.find(
    (e) => e.tag === 'table' && e.columns.some((c) => c.name === column),
  );
  return found?.tag === 'table' ? found : undefined;
}

describe('renderBulletinCard', () => {
  it('renders the month in blue with the plan title', () => {
    const built = renderBulletinCard(bulletin);
    expect(built).toMatchSnapshot();
    expect(built.header.template).toBe('blue');
    expect(built.header.title.content).toBe('【一月一通报】2023年5月整改工作通报');
    expect(built.header.subtitle?.content).toBe(plan.title);
    expect(countTables(built)).toBe(4);
    expectValid(built);
  });

  it('has one row per indicator with signed-off, active and overdue counts', () => {
    const rows = tableOf(renderBulletinCard(bulletin), 'seq')?.rows ?? [];
    expect(rows).toHaveLength(overview.length);
    expect(rows[2]).toMatchObject({ seq: 5, total: 3, closed: 3, active: 0, overdue: 0, percent: '100%' });
    expect(rows[0]).toMatchObject({ seq: 1, total: 3, closed: 0, active: 3, overdue: 1, percent: '35%' });
  });

  it('shows each KPI against its target with ✓ or ✗, and — when nothing was reported', () => {
    const rows = tableOf(renderBulletinCard(bulletin), 'met')?.rows ?? [];
    expect(rows.map((r) => [r.code, r.target, r.latest])).toEqual([
      ['3.2', '≤ 5.92 小时/户', '—'],
      ['5.1', '免收', '0 元'],
      ['6.1', '≥ 95%', '86.2%'],
    ]);
    expect(String(rows[1]!.met)).toContain('✓');
    expect(String(rows[2]!.met)).toContain('✗');
  });

  it('flags a KPI that moved away from its target and lists reports copied from last month', () => {
    const built = renderBulletinCard({
      ...bulletin,
      kpis: [{ code: '6.1', kpi: task61.kpi!, latest: 86.2, previous: 88.5, movedAway: true, met: false }],
      similar: [
        { code: '6.2', unit: HOSTILE, period: '2023-05', previousPeriod: '2023-04', similarity: 0.964 },
      ],
    });
    const rows = tableOf(built, 'met')?.rows ?? [];
    expect(String(rows[0]!.met)).toContain('较上次 88.5% 偏离目标');
    const json = JSON.stringify(built);
    expect(json).toContain('七、与上月雷同的进展（1 条）');
    expect(json).toContain('与 2023-04 的进展相似度 96%');
    expectEscaped(built);
    expectValid(built);
    // No heading when no report was copied.
    expect(JSON.stringify(renderBulletinCard(bulletin))).not.toContain('与上月雷同');
  });

  it('lists sign-offs, overdue days, cards and named units', () => {
    const json = JSON.stringify(renderBulletinCard(bulletin));
    expect(json).toContain('8.1 未落实民商事纠纷中立评估机制（法院）');
    expect(json).toContain('"days":15');
    expect(json).toContain('"id":"Y7K3Q"');
    expect(json).toContain('未按时报送进展');
    expect(json).toContain('**税务局**：6.2 获得增值税退税时间有待压缩');
  });

  it('says so when a section is empty instead of sending an empty table', () => {
    const built = renderBulletinCard({
      ...bulletin,
      kpis: [],
      signedOff: [],
      overdue: [],
      warnings: [],
      namedUnits: [],
    });
    expect(countTables(built)).toBe(1);
    const json = JSON.stringify(built);
    for (const text of [
      '本方案暂无量化指标',
      '本月无销号事项',
      '目前没有逾期事项',
      '本月未发出黄牌警告',
      '本月各单位均按时报送',
    ]) {
      expect(json).toContain(text);
    }
    expectValid(built);
  });

  it('escapes plan and user text', () => {
    const built = renderBulletinCard({
      ...bulletin,
      indicators: [{ ...overview[0]!, name: HOSTILE }],
      kpis: [{ code: '6.1', kpi: { ...task61.kpi!, name: HOSTILE }, latest: 90, met: false }],
      signedOff: [{ code: '8.1', problem: HOSTILE, unit: HOSTILE }],
      overdue: [
        { unit: HOSTILE, items: [{ code: '6.1', problem: HOSTILE, deadline: '2023-05-31', daysOverdue: 1 }] },
      ],
      warnings: [buildWarning({ id: 'Y7K3Q', unit: HOSTILE, reason: HOSTILE })],
      namedUnits: [{ unit: HOSTILE, tasks: [{ code: '6.1', problem: HOSTILE }] }],
    });
    expectEscaped(built);
  });

  it('stays within the limit for 1,000 tasks in every section', () => {
    const built = renderBulletinCard({
      ...bulletin,
      indicators: many(1000, (i) => ({ ...overview[0]!, seq: i + 1, name: LONG_PROBLEM })),
      kpis: many(1000, (i) => ({ code: `6.${i}`, kpi: task61.kpi!, latest: 90, met: false })),
      signedOff: many(1000, (i) => ({ code: `5.${i}`, problem: LONG_PROBLEM, unit: '自然资源局' })),
      overdue: [
        {
          unit: '税务局',
          items: many(1000, (i) => ({
            code: `6.${i}`,
            problem: LONG_PROBLEM,
            deadline: '2023-05-31',
            daysOverdue: i,
          })),
        },
      ],
      warnings: many(1000, (i) => buildWarning({ id: `W${i}`, reason: LONG_PROBLEM })),
      namedUnits: many(1000, (i) => ({
        unit: `单位${i}`,
        tasks: [{ code: `${i}.1`, problem: LONG_PROBLEM }],
      })),
    });
    expectFitted(built);
    expect(countTables(built)).toBe(4);
    const json = JSON.stringify(built);
    // Every section keeps something: one long list cannot crowd out the others.
    for (const text of ['"seq":1', '"code":"6.0"', '5.0 ', '"days":999', '"id":"W0"', '**单位0**']) {
      expect(json).toContain(text);
    }
  });
});
