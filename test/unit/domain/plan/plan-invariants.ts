import { expect } from 'vitest';
import { parseNotice } from '../../../../src/domain/plan/notice.parser.js';
import { NoticeParseError } from '../../../../src/domain/plan/notice-parse.error.js';
import type { Plan } from '../../../../src/domain/plan/plan.js';

/** Parses, returning the NoticeParseError instead of throwing it; any other error escapes and fails the test. */
export function parseOrError(text: string): Plan | NoticeParseError {
  try {
    return parseNotice(text);
  } catch (error) {
    if (error instanceof NoticeParseError) return error;
    throw error;
  }
}

/** The error names a line of the file (or the one after its end) and what was expected. */
export function expectSensibleError(error: NoticeParseError, text: string): void {
  expect(error.line).toBeGreaterThanOrEqual(1);
  expect(error.line).toBeLessThanOrEqual(text.split(/\r\n|\r|\n/).length + 1);
  expect(error.expected).toMatch(/expected/);
  expect(error.message).toMatch(/^第 \d+ 行：应为/);
}

/** Everything a consumer of a plan relies on: no task without code, problem, measures and deadline-or-ongoing. */
export function expectValidPlan(plan: Plan): void {
  expect(plan.docNo).toMatch(/〔\d{4}〕\d+号$/);
  expect(plan.docNo).toContain(`〔${plan.year}〕`);
  expect(plan.title.trim()).not.toBe('');
  expect(plan.reportDay).toBeGreaterThanOrEqual(1);
  expect(plan.reportDay).toBeLessThanOrEqual(31);
  expect(plan.indicators.length).toBeGreaterThan(0);
  let previousSeq = 0;
  for (const indicator of plan.indicators) {
    expect(indicator.seq).toBeGreaterThan(previousSeq);
    previousSeq = indicator.seq;
    expect(indicator.name.trim()).not.toBe('');
    expect(indicator.leadUnits.length).toBeGreaterThan(0);
    expect(indicator.leadUnits.every((u) => u.trim() !== '')).toBe(true);
    expect(indicator.tasks.length).toBeGreaterThan(0);
    let previousProblem = 0;
    for (const task of indicator.tasks) {
      const [seq, problem] = task.code.split('.').map(Number);
      expect(seq).toBe(indicator.seq);
      expect(problem).toBeGreaterThan(previousProblem);
      previousProblem = problem!;
      expect(task.problem.trim()).not.toBe('');
      expect(task.measures.length).toBeGreaterThan(0);
      expect(task.measures.every((m) => m.trim() !== '')).toBe(true);
      expect(task.deadline === null ? task.ongoing : /^\d{4}-\d{2}-\d{2}$/.test(task.deadline)).toBe(true);
      if (task.kpi) expect(Number.isFinite(task.kpi.baseline) && Number.isFinite(task.kpi.target)).toBe(true);
    }
  }
}
