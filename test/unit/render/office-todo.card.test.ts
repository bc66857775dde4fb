import { describe, expect, it } from 'vitest';
import { atLocal } from '../../../src/domain/clock.js';
import { buildOfficeTodo } from '../../../src/domain/queries/office-todo.js';
import { renderConfirmOutcome } from '../../../src/render/confirm-warnings.card.js';
import { renderOfficeTodo } from '../../../src/render/office-todo.card.js';
import { cardProblems, commandsOf } from './card-checks.js';
import { buildReport, buildTask, buildWarning, HOSTILE } from './fixtures.js';

const now = atLocal('2023-06-05 10:00');
const tasks = [
  buildTask({
    code: '13.1',
    leadUnits: ['住建局'],
    deadline: '2023-05-31',
    state: 'pending_signoff',
    signoff: { note: '已完成', evidence: [], requestedBy: 'ou_c', requestedAt: atLocal('2023-05-30 16:00') },
  }),
  buildTask({ code: '4.2', leadUnits: ['住建局'], deadline: '2023-06-02', state: 'in_progress' }),
  buildTask({ code: '4.1', leadUnits: ['住建局'], deadline: '2023-04-30', state: 'in_progress' }),
  buildTask({ code: '6.1', leadUnits: ['税务局'], deadline: '2023-12-31', state: 'in_progress' }),
];
const proposed = [
  buildWarning({
    id: 'Y7K3Q',
    unit: '住建局',
    kind: 'missed_report',
    period: '2023-05',
    reasons: [{ kind: 'missed_report', tasks: ['4.1', '4.2'] }],
    proposed: true,
  }),
];
const todo = buildOfficeTodo({
  tasks,
  reportsThisMonth: [
    buildReport({ taskCode: '6.1', period: '2023-06', createdAt: atLocal('2023-06-02 09:00') }),
  ],
  proposed,
  now,
});

describe('the office’s to-do (/我的 from the office)', () => {
  it('collects sign-offs waiting, newly overdue tasks, units not reported, proposed cards', () => {
    expect(todo.signoffs.map((s) => [s.code, s.requestedDay])).toEqual([['13.1', '2023-05-30']]);
    // 13.1 waits for the office since before its deadline: not overdue. 4.1 is overdue since May.
    expect(todo.newlyOverdue.map((o) => [o.code, o.since])).toEqual([['4.2', '2023-06-03']]);
    expect(todo.overdueCount).toBe(2);
    expect(todo.unreported.map((u) => [u.unit, u.tasks.map((t) => t.code)])).toEqual([
      ['住建局', ['4.2', '4.1']],
    ]);
    expect(todo.proposed.map((w) => w.id)).toEqual(['Y7K3Q']);
  });

  it('renders each section with a 确认黄牌 button for the proposed cards', () => {
    const built = renderOfficeTodo(todo);
    expect(built).toMatchSnapshot();
    expect(built.header.title.content).toBe('【督办待办】4 项待处理');
    const json = JSON.stringify(built);
    expect(json).toContain('**13.1**');
    expect(json).toContain('5月30日申请');
    expect(json).toContain('6月3日起逾期');
    expect(json).toContain('2023年5月整改进展未按时报送（4.1、4.2）');
    expect(commandsOf(built)).toEqual(['/确认黄牌 Y7K3Q', '/逾期', '/未报']);
    expect(cardProblems(built)).toEqual([]);
  });

  it('is green when nothing waits', () => {
    const built = renderOfficeTodo(buildOfficeTodo({ tasks: [], reportsThisMonth: [], proposed: [], now }));
    expect(built).toMatchSnapshot();
    expect(built.header.template).toBe('green');
    expect(cardProblems(built)).toEqual([]);
  });

  it('escapes unit names', () => {
    const hostile = renderOfficeTodo({ ...todo, proposed: [{ ...proposed[0]!, unit: HOSTILE }] });
    expect(JSON.stringify(hostile)).not.toContain('<at id=all>');
  });
});

describe('the reply to /确认黄牌', () => {
  it('lists the cards confirmed and the ones confirmed before', () => {
    const confirmed = { ...proposed[0]!, proposed: undefined, confirmedBy: 'ou_office' };
    const other = buildWarning({ id: 'K9D2X', unit: '法院', period: '2023-05' });
    const built = renderConfirmOutcome({ confirmed: [confirmed], already: [other] });
    expect(built).toMatchSnapshot();
    expect(built.header.title.content).toBe('已确认黄牌 1 张，即日生效');
    expect(JSON.stringify(built)).toContain('K9D2X 法院：此前已由督办员确认');
    expect(cardProblems(built)).toEqual([]);
  });

  it('says so when nothing waits for confirmation', () => {
    const built = renderConfirmOutcome({ confirmed: [], already: [] });
    expect(built.header.title.content).toBe('没有待确认的黄牌');
  });
});
