import { describe, expect, it } from 'vitest';
import type { TaskDetail } from '../../../src/domain/queries/queries.service.js';
import { renderTaskCard } from '../../../src/render/task.card.js';
import { cardProblems, commandsOf } from './card-checks.js';
import {
  buildReport,
  HOSTILE,
  plan,
  TODAY,
  task11,
  task51,
  task62,
  task71,
  task81,
  taskDetail61,
  warnings,
} from './fixtures.js';

function detail(task: TaskDetail['task'], extra: Partial<TaskDetail> = {}): TaskDetail {
  return { plan, task, reports: [], warnings: [], today: TODAY, ...extra };
}

describe('renderTaskCard', () => {
  it('shows problem, measures, deadline, state, KPI, reports and yellow cards of 6.1', () => {
    const built = renderTaskCard(taskDetail61);
    expect(built).toMatchSnapshot();
    const json = JSON.stringify(built);
    expect(built.header.title.content).toBe('6.1 涉税事项网上办理率较低');
    expect(json).toContain('网上办理率 基线 80.36% → 目标 ≥ 95%');
    expect(json).toContain('88.5%（2023-06 报送）');
    expect(json).toContain('逾期 15 天');
    expect(json).toContain('Y7K3Q');
    expect(cardProblems(built)).toEqual([]);
  });

  it('shows the original deadline and the extension history', () => {
    const built = renderTaskCard(detail(task62));
    expect(built).toMatchSnapshot();
    const json = JSON.stringify(built);
    expect(json).toContain('2023-09-30，原时限 2023-06-30');
    expect(json).toContain('2023-06-10 2023-06-30 → 2023-09-30');
    expect(json).toContain('≤ 2.35 周');
  });

  it.each([
    ['overdue', task11, 'red'],
    ['in time', task62, 'blue'],
    ['pending sign-off', task71, 'turquoise'],
    ['sustained', task81, 'green'],
    ['closed', task51, 'green'],
  ])('colours a task that is %s %s', (_case, task, colour) => {
    expect(renderTaskCard(detail(task)).header.template).toBe(colour);
  });

  it('offers the sign-off form while the task is open or in progress', () => {
    expect(commandsOf(renderTaskCard(detail(task62)))).toEqual(['/申请销号 6.2']);
    expect(commandsOf(renderTaskCard(taskDetail61))).toEqual(['/申请销号 6.1']);
  });

  it('offers the office approve and return when sign-off is pending', () => {
    const built = renderTaskCard(detail(task71));
    expect(built).toMatchSnapshot();
    expect(commandsOf(built)).toEqual(['/销号 7.1', '/退回 7.1']);
    expect(JSON.stringify(built)).toContain('已联合出台破产快速办理文件');
  });

  it('offers nothing to press once it is signed off', () => {
    expect(commandsOf(renderTaskCard(detail(task81)))).toEqual([]);
  });

  it('shows only the last five reports, newest first', () => {
    const reports = ['01', '02', '03', '04', '05', '06', '07'].map((m) =>
      buildReport({ taskCode: '6.2', period: `2023-${m}`, text: `${m}月进展` }),
    );
    const json = JSON.stringify(renderTaskCard(detail(task62, { reports })));
    expect(json).toContain('共 7 条，显示最近 5 条');
    expect(json.indexOf('07月进展')).toBeLessThan(json.indexOf('03月进展'));
    expect(json).not.toContain('02月进展');
  });

  it('escapes report text, sign-off note, reasons and reporter names', () => {
    const built = renderTaskCard(
      detail(
        { ...task71, signoff: { ...task71.signoff!, note: HOSTILE } },
        {
          reports: [
            buildReport({ taskCode: '7.1', period: '2023-06', text: HOSTILE, reporterName: HOSTILE }),
          ],
          warnings: [{ ...warnings[0]!, reason: HOSTILE }],
        },
      ),
    );
    const json = JSON.stringify(built);
    expect(json).not.toContain('<at id=all>');
    expect(json).not.toContain('**加粗**');
    expect(json).not.toContain('](https');
  });
});
