import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNotice } from '../../../../src/domain/plan/notice.parser.js';
import type { PlanTask } from '../../../../src/domain/plan/plan.js';
import { PlanOverlayError } from '../../../../src/domain/plan/plan-overlay.error.js';
import { applyOverlay } from '../../../../src/domain/plan/plan-overlay.js';
import { parsePlanOverlay } from '../../../../src/domain/plan/plan-overlay.schema.js';
import { fcRuns, repoRoot, seedText } from './notice-fixtures.js';
import { expectValidPlan } from './plan-invariants.js';

const seed = parseNotice(seedText);
const overlaid = (json: unknown) => applyOverlay(seed, parsePlanOverlay(json));
const taskIn = (plan: typeof seed, code: string): PlanTask | undefined =>
  plan.indicators.flatMap((i) => i.tasks).find((t) => t.code === code);

describe('applyOverlay', () => {
  it('corrects task fields and leaves the parsed plan untouched', () => {
    const before = structuredClone(seed);
    const plan = overlaid({
      tasks: {
        '6.1': {
          deadline: '2023-06-30',
          measures: ['只留一条'],
          leadUnits: ['上犹县税务局'],
          coUnits: ['县财政局'],
        },
        '14.1': { kpi: { name: '质押融资额', baseline: 1, target: 2, unit: '万元', direction: 'increase' } },
        '6.2': { kpi: null },
      },
    });
    expect(taskIn(plan, '6.1')).toMatchObject({
      deadline: '2023-06-30',
      ongoing: true,
      measures: ['只留一条'],
      leadUnits: ['税务局'],
      coUnits: ['财政局'],
      kpi: { name: '网上办理率' },
    });
    expect(taskIn(plan, '14.1')!.kpi).toMatchObject({ name: '质押融资额', target: 2 });
    expect(taskIn(plan, '6.2')!.kpi).toBeUndefined();
    expect(seed).toEqual(before);
  });

  it('corrects plan fields and indicators; a new 文号 brings its year', () => {
    const plan = overlaid({
      plan: { docNo: '上营商〔2024〕2号', reportDay: 20, contact: { person: '王五' } },
      indicators: { '6': { name: '纳税', leadUnits: ['县税务局', '县财政局'] } },
    });
    expect(plan).toMatchObject({ docNo: '上营商〔2024〕2号', year: 2024, reportDay: 20 });
    expect(plan.contact).toEqual({ person: '王五', phone: '0797-8508809', email: 'syysb2022@163.com' });
    expect(plan.indicators[5]).toMatchObject({ name: '纳税', leadUnits: ['税务局', '财政局'] });
  });

  it('adds a task in problem order under its indicator, then lets a correction reach it', () => {
    const plan = overlaid({
      addTasks: [
        { indicatorSeq: 7, code: '7.3', problem: '新问题', measures: ['新措施'], deadline: '2023-09-30' },
      ],
      tasks: { '7.3': { ongoing: true } },
    });
    expect(plan.indicators[6]!.tasks.map((t) => t.code)).toEqual(['7.1', '7.3']);
    expect(taskIn(plan, '7.3')).toEqual({
      code: '7.3',
      problem: '新问题',
      measures: ['新措施'],
      deadline: '2023-09-30',
      ongoing: true,
    });
  });

  it('names every unknown task code', () => {
    expect(() => overlaid({ tasks: { '9.9': { ongoing: true }, '7.2': { ongoing: true } } })).toThrow(
      /事项 9\.9、7\.2 不存在（unknown task code 9\.9, 7\.2）/,
    );
  });

  it.each([
    ['an unknown indicator', { indicators: { '16': { name: 'x' } } }, /指标 16 不存在/],
    [
      'an existing code',
      { addTasks: [{ indicatorSeq: 6, code: '6.1', problem: 'p', measures: ['m'], ongoing: true }] },
      /6\.1 已存在/,
    ],
    [
      'a code of another indicator',
      { addTasks: [{ indicatorSeq: 6, code: '7.5', problem: 'p', measures: ['m'], ongoing: true }] },
      /不属于指标 6/,
    ],
    [
      'a task left with no deadline',
      { tasks: { '1.1': { deadline: null } } },
      /1\.1 既无整改时限也非长期坚持/,
    ],
    [
      'an added task with no deadline',
      { addTasks: [{ indicatorSeq: 6, code: '6.3', problem: 'p', measures: ['m'] }] },
      /6\.3 既无整改时限/,
    ],
  ])('rejects %s', (_, json, message) => {
    expect(() => overlaid(json)).toThrow(PlanOverlayError);
    expect(() => overlaid(json)).toThrow(message);
  });
});

describe('parsePlanOverlay', () => {
  it.each([
    ['an impossible date', { tasks: { '6.1': { deadline: '2023-02-30' } } }, 'tasks.6.1.deadline'],
    ['a misspelt field', { tasks: { '6.1': { dealine: '2023-06-30' } } }, 'tasks.6.1'],
    ['a bad task code', { tasks: { 'six.one': { ongoing: true } } }, 'tasks'],
    ['empty measures', { tasks: { '6.1': { measures: [] } } }, 'tasks.6.1.measures'],
    [
      'a bad KPI direction',
      { tasks: { '6.1': { kpi: { name: 'a', baseline: 1, target: 2, unit: '%', direction: 'up' } } } },
      'direction',
    ],
    ['a report day of 40', { plan: { reportDay: 40 } }, 'plan.reportDay'],
    ['an unknown top-level key', { extra: 1 }, '(根)'],
  ])('rejects %s, naming the path', (_, json, path) => {
    expect(() => parsePlanOverlay(json)).toThrow(PlanOverlayError);
    expect(() => parsePlanOverlay(json)).toThrow(path);
  });

  it('accepts the example file and it applies to the seed', () => {
    const json = JSON.parse(readFileSync(`${repoRoot}config/plan-overlay.example.json`, 'utf8'));
    const plan = applyOverlay(seed, parsePlanOverlay(json));
    expect(taskIn(plan, '13.6')).toMatchObject({ deadline: '2023-09-30', leadUnits: ['行政审批局'] });
    expect(taskIn(plan, '6.1')!.deadline).toBe('2023-06-30');
    expect(taskIn(plan, '14.1')!.kpi).toBeUndefined();
    expectValidPlan(plan);
  });

  it('either rejects a random overlay with PlanOverlayError or yields a valid plan', () => {
    const code = fc.oneof(
      fc.constantFrom('1.1', '6.1', '7.1', '15.3', '16.1', '1.9'),
      fc.string({ maxLength: 5 }),
    );
    const patch = fc.record(
      {
        problem: fc.string({ maxLength: 8 }),
        measures: fc.array(fc.string({ maxLength: 5 }), { maxLength: 2 }),
        deadline: fc.oneof(fc.constant(null), fc.constantFrom('2023-06-30', '2023-02-29', 'x')),
        ongoing: fc.boolean(),
        leadUnits: fc.array(fc.constantFrom('县税务局', '', ' '), { maxLength: 2 }),
      },
      { requiredKeys: [] },
    );
    const overlay = fc.record(
      {
        tasks: fc.dictionary(code, patch, { maxKeys: 3 }),
        indicators: fc.dictionary(
          fc.constantFrom('1', '15', '16', 'x'),
          fc.record({ name: fc.string({ maxLength: 4 }) }),
          {
            maxKeys: 2,
          },
        ),
        plan: fc.record({ reportDay: fc.integer({ min: -1, max: 40 }) }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(overlay, (json) => {
        try {
          expectValidPlan(overlaid(json));
        } catch (error) {
          if (!(error instanceof PlanOverlayError)) throw error;
        }
      }),
      { numRuns: fcRuns },
    );
  }, 600_000);
});
