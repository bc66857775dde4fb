import { describe, expect, it } from 'vitest';
import { ACTION_COLOUR, renderActionResult, renderReportReceipt } from '../../../src/render/receipt.card.js';
import { cardProblems, commandsOf } from './card-checks.js';
import { buildReport, HOSTILE, reports61, task61, task62, task71 } from './fixtures.js';

describe('renderReportReceipt', () => {
  it('confirms the recorded report with percent, KPI against target and state, in green', () => {
    const built = renderReportReceipt({ task: task61, report: reports61[1]!, created: true });
    expect(built).toMatchSnapshot();
    expect(built.header.template).toBe('green');
    expect(built.header.title.content).toBe('已记录 6.1 的 2023-06 月进展');
    const json = JSON.stringify(built);
    expect(json).toContain('88.5%（目标 ≥ 95%，基线 80.36%）');
    expect(json).toContain('整改中');
    expect(cardProblems(built)).toEqual([]);
  });

  it('hints at the KPI value when the report gave none', () => {
    const report = buildReport({ taskCode: '6.2', period: '2023-06', percent: 30 });
    expect(JSON.stringify(renderReportReceipt({ task: task62, report, created: true }))).toContain(
      '退税时间=2.35 周',
    );
  });

  it('marks a report copied from last month 与上月雷同, and a 补报 as late', () => {
    const similar = {
      code: '6.1',
      unit: '税务局',
      period: '2023-06',
      previousPeriod: '2023-05',
      similarity: 0.95,
    };
    const copied = renderReportReceipt({ task: task61, report: reports61[1]!, created: true, similar });
    expect(JSON.stringify(copied)).toContain('与上月雷同');
    expect(JSON.stringify(copied)).toContain('与 2023-05 的进展相似度 95%');
    expect(cardProblems(copied)).toEqual([]);
    const late = renderReportReceipt({
      task: task61,
      report: { ...reports61[1]!, late: true },
      created: true,
    });
    expect(late.header.title.content).toBe('已记录 6.1 的 2023-06 月进展（补报）');
    expect(JSON.stringify(late)).toContain('本条记为补报');
    expect(
      JSON.stringify(renderReportReceipt({ task: task61, report: reports61[1]!, created: true })),
    ).not.toMatch(/与上月雷同|补报/);
  });

  it('says a re-delivered message was not stored twice', () => {
    const json = JSON.stringify(renderReportReceipt({ task: task61, report: reports61[1]!, created: false }));
    expect(json).toContain('本次未重复记录');
  });

  it('offers the sign-off form at 100%', () => {
    const report = buildReport({ taskCode: '6.2', period: '2023-06', percent: 100 });
    expect(
      commandsOf(renderReportReceipt({ task: { ...task62, state: 'in_progress' }, report, created: true })),
    ).toEqual(['/申请销号 6.2']);
  });

  it('escapes the report text', () => {
    const report = buildReport({ taskCode: '6.1', period: '2023-06', text: HOSTILE });
    const json = JSON.stringify(renderReportReceipt({ task: task61, report, created: true }));
    expect(json).not.toContain('<at id=all>');
    expect(json).not.toContain('**加粗**');
  });
});

describe('renderActionResult', () => {
  it('shows a sign-off request in turquoise with the office buttons', () => {
    const built = renderActionResult({
      title: `${task71.code} 已申请销号`,
      lines: [{ label: '完成情况', value: task71.signoff!.note }],
      template: ACTION_COLOUR.signoffRequested,
      mentions: ['ou_office'],
      buttons: [
        { text: '销号', command: '/销号 7.1', type: 'primary_filled' },
        { text: '查看详情', command: '/事项 7.1' },
      ],
      hint: '退回请发送：/退回 7.1 理由',
    });
    expect(built).toMatchSnapshot();
    expect(built.header.template).toBe('turquoise');
    expect(commandsOf(built)).toEqual(['/销号 7.1', '/事项 7.1']);
    expect(JSON.stringify(built)).toContain('请 <at id=ou_office></at> 处理');
    expect(cardProblems(built)).toEqual([]);
  });

  it.each([
    ['approved', 'green'],
    ['returned', 'orange'],
    ['extended', 'blue'],
    ['warningIssued', 'orange'],
    ['revoked', 'green'],
    ['bound', 'blue'],
    ['unbound', 'blue'],
  ] as const)('colours %s %s', (kind, colour) => {
    expect(
      renderActionResult({ title: 't', lines: ['x'], template: ACTION_COLOUR[kind] }).header.template,
    ).toBe(colour);
  });

  it('shows an issued warning with its id', () => {
    const built = renderActionResult({
      title: '已对 税务局 发出黄牌警告',
      lines: [
        { label: '编号', value: 'Y7K3Q' },
        { label: '原因', value: '6.1 逾期未整改' },
      ],
      template: ACTION_COLOUR.warningIssued,
    });
    expect(built).toMatchSnapshot();
  });

  it('escapes lines, labels and hints', () => {
    const json = JSON.stringify(
      renderActionResult({
        title: 't',
        lines: [HOSTILE, { label: HOSTILE, value: HOSTILE }],
        template: 'blue',
        hint: HOSTILE,
      }),
    );
    expect(json).not.toContain('<at id=all>');
    expect(json).not.toContain('**加粗**');
  });
});
