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

/**
 * The checks below return what is wrong (nothing, when all is well) and their `expect…` wrappers
 * assert once on that list: a property runs them thousands of times, and an `expect` per field made
 * the assertion library the larger part of the run. A failure lists every fault at once.
 */

/** The error names a line of the file (or the one after its end) and what was expected. */
export function errorProblems(error: NoticeParseError, text: string): string[] {
  const problems: string[] = [];
  const lines = text.split(/\r\n|\r|\n/).length;
  if (!(error.line >= 1 && error.line <= lines + 1))
    problems.push(`line ${error.line} outside 1..${lines + 1}`);
  if (!/expected/.test(error.expected)) problems.push(`expected without "expected": ${error.expected}`);
  if (!/^第 \d+ 行：应为/.test(error.message)) problems.push(`message: ${error.message}`);
  return problems;
}

export function expectSensibleError(error: NoticeParseError, text: string): void {
  expect(errorProblems(error, text)).toEqual([]);
}

/** Everything a consumer of a plan relies on: no task without code, problem, measures and deadline-or-ongoing. */
export function planProblems(plan: Plan): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  check(/〔\d{4}〕\d+号$/.test(plan.docNo), `docNo ${plan.docNo}`);
  check(plan.docNo.includes(`〔${plan.year}〕`), `docNo ${plan.docNo} without the year ${plan.year}`);
  check(plan.title.trim() !== '', 'empty title');
  check(plan.reportDay >= 1 && plan.reportDay <= 31, `reportDay ${plan.reportDay}`);
  check(plan.indicators.length > 0, 'no indicator');
  let previousSeq = 0;
  for (const indicator of plan.indicators) {
    const at = `indicator ${indicator.seq}`;
    check(indicator.seq > previousSeq, `${at} after ${previousSeq}`);
    previousSeq = indicator.seq;
    check(indicator.name.trim() !== '', `${at}: empty name`);
    check(indicator.leadUnits.length > 0, `${at}: no lead unit`);
    check(
      indicator.leadUnits.every((u) => u.trim() !== ''),
      `${at}: an empty lead unit`,
    );
    check(indicator.tasks.length > 0, `${at}: no task`);
    let previousProblem = 0;
    for (const task of indicator.tasks) {
      const [seq, problem] = task.code.split('.').map(Number);
      const of = `task ${task.code}`;
      check(seq === indicator.seq, `${of} under ${at}`);
      check(problem !== undefined && problem > previousProblem, `${of} after problem ${previousProblem}`);
      previousProblem = problem ?? previousProblem;
      check(task.problem.trim() !== '', `${of}: empty problem`);
      check(task.measures.length > 0, `${of}: no measure`);
      check(
        task.measures.every((m) => m.trim() !== ''),
        `${of}: an empty measure`,
      );
      check(
        task.deadline === null ? task.ongoing : /^\d{4}-\d{2}-\d{2}$/.test(task.deadline),
        `${of}: deadline ${task.deadline}, ongoing ${task.ongoing}`,
      );
      if (task.kpi)
        check(
          Number.isFinite(task.kpi.baseline) && Number.isFinite(task.kpi.target),
          `${of}: KPI ${task.kpi.baseline} → ${task.kpi.target}`,
        );
    }
  }
  return problems;
}

export function expectValidPlan(plan: Plan): void {
  expect(planProblems(plan)).toEqual([]);
}
