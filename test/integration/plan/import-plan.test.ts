import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/domain/clock.js';
import type { DomainDeps } from '../../../src/domain/deps.js';
import { importPlan } from '../../../src/domain/plan/import-plan.js';
import { parseNotice } from '../../../src/domain/plan/index.js';
import { recordReport } from '../../../src/domain/reports/record-report.js';
import { openTestDatabase, type TestDatabase } from '../../helpers/db.js';

const SEED = readFileSync('config/seed/shangyou-2022-rectification-plan.txt', 'utf8');
const options = { actor: 'test', start: '2023-03-01', source: 'seed.txt' };

describe('importing the notice into MongoDB', () => {
  let db: TestDatabase;
  let deps: DomainDeps;
  beforeAll(async () => {
    db = await openTestDatabase('import');
    deps = {
      repos: db.storage.forPlan('上营商〔2023〕1号'),
      clock: fixedClock('2023-05-10T02:00:00Z'),
      officeAdminOpenIds: [],
      slowProgressGap: 30,
    };
  });
  afterAll(async () => {
    await db.close();
  });

  it('stores 46 tasks, 15 indicators and the units with their aliases', async () => {
    const summary = await importPlan(deps, parseNotice(SEED), options);
    expect(summary.created).toHaveLength(46);
    const plan = await deps.repos.plans.current();
    expect(plan).toMatchObject({ planId: '上营商〔2023〕1号', reportDay: 25, year: 2023 });
    expect(plan!.indicators).toHaveLength(15);
    const units = await deps.repos.units.list();
    expect(units.find((u) => u.name === '行政审批局')?.aliases).toContain('县行政审批局');
    expect(units.map((u) => u.name).sort()).toEqual(
      [
        '住建局',
        '供电公司',
        '人社局',
        '发改委',
        '市场监管局',
        '法院',
        '税务局',
        '自然资源局',
        '行政审批局',
        '财政局',
        '金融服务中心',
      ].sort(),
    );
  });

  it('changes nothing when the same notice is imported again', async () => {
    const before = JSON.stringify(
      await deps.repos.tasks.list('上营商〔2023〕1号', { includeWithdrawn: true }),
    );
    const auditBefore = (await deps.repos.audit.list({ limit: 1000 })).length;
    const summary = await importPlan(deps, parseNotice(SEED), options);
    expect(summary).toMatchObject({ created: [], updated: [], withdrawn: [] });
    expect(summary.unchanged).toHaveLength(46);
    expect(JSON.stringify(await deps.repos.tasks.list('上营商〔2023〕1号', { includeWithdrawn: true }))).toBe(
      before,
    );
    expect((await deps.repos.audit.list({ limit: 1000 })).length).toBe(auditBefore);
  });

  it('updates an edited deadline with history, keeps reports and state, and withdraws a dropped task', async () => {
    await deps.repos.members.bind({
      openId: 'ou_tax',
      name: '王',
      unit: '税务局',
      role: 'liaison',
      boundBy: 'ou_admin',
      boundAt: new Date(),
    });
    await recordReport(
      deps,
      { openId: 'ou_tax', isOffice: false, unit: '税务局' },
      { code: '6.2', text: '已成立集中审批组', percent: 40, kpiValues: [], messageId: 'om_import_1' },
    );
    const edited = SEED.replace(
      '整改时限：2023年6月底前。\n\n(七)',
      '整改时限：2023年9月底前。\n\n(七)',
    ).replace(/问题五：融资信用信息归集报送力度仍需加大。[\s\S]*?整改时限：2023年6月底前。\n/, '');
    const summary = await importPlan(deps, parseNotice(edited), { ...options, actor: 'ou_admin' });
    expect(summary.deadlineChanges).toEqual([{ code: '6.2', from: '2023-06-30', to: '2023-09-30' }]);
    expect(summary.withdrawn).toEqual(['9.5']);
    const task = await deps.repos.tasks.get('上营商〔2023〕1号', '6.2');
    expect(task).toMatchObject({
      deadline: '2023-09-30',
      originalDeadline: '2023-06-30',
      state: 'in_progress',
    });
    expect(task!.deadlineHistory).toMatchObject([
      { from: '2023-06-30', to: '2023-09-30', by: 'ou_admin', reason: '重新导入整改方案' },
    ]);
    expect(await deps.repos.reports.list({ planId: '上营商〔2023〕1号', taskCode: '6.2' })).toHaveLength(1);
    expect((await deps.repos.tasks.get('上营商〔2023〕1号', '9.5'))?.state).toBe('withdrawn');
    expect(await deps.repos.tasks.list('上营商〔2023〕1号')).toHaveLength(45);
    expect((await deps.repos.audit.list({ action: 'task.withdraw' }))[0]).toMatchObject({
      taskCode: '9.5',
      actor: 'ou_admin',
    });
  });

  it('brings a withdrawn task back when the notice has it again', async () => {
    const summary = await importPlan(deps, parseNotice(SEED), options);
    expect(summary.updated).toEqual(expect.arrayContaining(['6.2', '9.5']));
    expect((await deps.repos.tasks.get('上营商〔2023〕1号', '9.5'))?.state).toBe('open');
  });
});
