import { parseChineseNumeral } from './chinese-numeral.js';
import { type ParsedDeadline, parseDeadline } from './deadline.parser.js';
import { extractKpi } from './kpi.extractor.js';
import { splitMeasures } from './measures.parser.js';
import { EXPECT } from './notice-expectations.js';
import { NoticeParseError } from './notice-parse.error.js';
import {
  CONTACT,
  DEADLINE,
  INDICATOR_HEADER,
  isTaskElement,
  MEASURES,
  PROBLEM,
  SECTION,
} from './notice-patterns.js';
import { type NoticeLine, normalizeSpaces } from './notice-text.js';
import type { PlanIndicator, PlanTask } from './plan.js';
import { splitLeadAndCoUnits } from './unit-list.js';

/**
 * Where the reader is, with what it has read so far: after a heading, inside a problem, inside its
 * measures, or after its deadline. Each step carries exactly what the next line may need.
 */
type State =
  | { step: 'start' }
  | { step: 'indicator' | 'deadline'; indicator: PlanIndicator }
  | { step: 'problem'; indicator: PlanIndicator; seq: number; problem: NoticeLine }
  | { step: 'measures'; indicator: PlanIndicator; seq: number; problem: NoticeLine; measures: NoticeLine };

type Step = State['step'];

/** The indicators of the notice and the lines after them (the requirements section). */
export interface NoticeBody {
  indicators: PlanIndicator[];
  tail: NoticeLine[];
}

/**
 * Reads `（一）…指标` headings and their `问题 / 整改措施 / 整改时限` triples, strictly in that order,
 * from the first heading to the next `三、…` section (or the contact lines). Text after a problem or
 * its measures continues it; any other stray text is an error, and so is a task after the section.
 */
export function readNoticeBody(lines: readonly NoticeLine[], eofLine: number): NoticeBody {
  const indicators: PlanIndicator[] = [];
  let state: State = { step: 'start' };

  for (const [index, current] of lines.entries()) {
    const { text, line } = current;
    if (INDICATOR_HEADER.test(text)) {
      if (state.step !== 'start') requireStep(state.step, 'deadline', current);
      const indicator = readIndicatorHeader(current, indicators.at(-1)?.seq ?? 0);
      indicators.push(indicator);
      state = { step: 'indicator', indicator };
    } else if (PROBLEM.test(text)) {
      if (state.step === 'start' || state.step === 'problem' || state.step === 'measures')
        throw stepError(state.step, current);
      const indicator: PlanIndicator = state.indicator;
      state = {
        step: 'problem',
        indicator,
        seq: readProblemSeq(current, indicator),
        problem: withBody(current, PROBLEM),
      };
    } else if (MEASURES.test(text)) {
      if (state.step !== 'problem') throw stepError(state.step, current);
      const { indicator, seq, problem }: State & { step: 'problem' } = state;
      state = { step: 'measures', indicator, seq, problem, measures: withBody(current, MEASURES) };
    } else if (DEADLINE.test(text)) {
      if (state.step !== 'measures') throw stepError(state.step, current);
      state.indicator.tasks.push(buildTask(state, current));
      state = { step: 'deadline', indicator: state.indicator };
    } else if (SECTION.test(text) || (CONTACT.test(text) && state.step === 'deadline')) {
      requireStep(state.step, 'deadline', current);
      return { indicators, tail: readTail(lines.slice(index)) };
    } else if (state.step === 'problem') {
      appendTo(state.problem, text);
    } else if (state.step === 'measures') {
      appendTo(state.measures, text);
    } else {
      throw new NoticeParseError(line, expectationAfter(state.step), text);
    }
  }
  requireStep(state.step, 'deadline', { text: '', line: eofLine });
  return { indicators, tail: [] };
}

/** The lines after the tasks; a task line among them means the tasks were cut short, never that they end. */
function readTail(tail: NoticeLine[]): NoticeLine[] {
  const [first] = tail;
  if (first && tail.some((l) => isTaskElement(l.text))) {
    throw new NoticeParseError(first.line, EXPECT.nextElement, first.text);
  }
  return tail;
}

function requireStep(step: Step, wanted: Step, at: NoticeLine): void {
  if (step !== wanted) throw stepError(step, at);
}

function stepError(step: Step, at: NoticeLine): NoticeParseError {
  return new NoticeParseError(at.line, expectationAfter(step), at.text || undefined);
}

/** The capture groups of `pattern` on a line already known to match it ('' for a group that took nothing). */
function captures(pattern: RegExp, at: NoticeLine): string[] {
  return [...(pattern.exec(at.text) ?? [])].map((group) => group ?? '');
}

function expectationAfter(step: Step): string {
  if (step === 'start') return EXPECT.indicator;
  if (step === 'indicator') return EXPECT.problem;
  if (step === 'problem') return EXPECT.measures;
  if (step === 'measures') return EXPECT.deadline;
  return EXPECT.nextElement;
}

function readIndicatorHeader(at: NoticeLine, previousSeq: number): PlanIndicator {
  const [, numeral = '', name = '', units = ''] = captures(INDICATOR_HEADER, at);
  const seq = parseChineseNumeral(numeral);
  if (seq === undefined || seq <= previousSeq) {
    throw new NoticeParseError(at.line, EXPECT.indicatorNumber(previousSeq), at.text);
  }
  const { leadUnits, coUnits } = splitLeadAndCoUnits(units);
  if (leadUnits.length === 0) throw new NoticeParseError(at.line, EXPECT.leadUnit, at.text);
  return { seq, name: normalizeSpaces(name), leadUnits, ...(coUnits.length > 0 && { coUnits }), tasks: [] };
}

function readProblemSeq(at: NoticeLine, indicator: PlanIndicator): number {
  const last = indicator.tasks.at(-1);
  const previousSeq = last ? Number(last.code.split('.')[1]) : 0;
  const numeral = PROBLEM.exec(at.text)?.[1];
  // A lone `问题：` is the next one in turn; a written number is kept, gaps included, so codes match the paper.
  const seq = numeral === undefined ? previousSeq + 1 : parseChineseNumeral(numeral);
  if (seq === undefined || seq <= previousSeq) {
    throw new NoticeParseError(at.line, EXPECT.problemNumber(previousSeq), at.text);
  }
  return seq;
}

function buildTask(draft: State & { step: 'measures' }, deadlineLine: NoticeLine): PlanTask {
  const problem = normalizeSpaces(draft.problem.text);
  if (problem === '') throw new NoticeParseError(draft.problem.line, EXPECT.problemText);
  const measures = splitMeasures(normalizeSpaces(draft.measures.text));
  if (measures.length === 0) throw new NoticeParseError(draft.measures.line, EXPECT.measuresText);
  const [, when = ''] = captures(DEADLINE, deadlineLine);
  return composeTask(
    `${draft.indicator.seq}.${draft.seq}`,
    problem,
    measures,
    parseDeadline(when, deadlineLine.line),
  );
}

/** A task from its read parts, with the KPI its problem states (shared by the prose and table layouts). */
export function composeTask(
  code: string,
  problem: string,
  measures: string[],
  { deadline, ongoing }: ParsedDeadline,
): PlanTask {
  const kpi = extractKpi(problem);
  return { code, problem, measures, deadline, ongoing, ...(kpi && { kpi }) };
}

function withBody(at: NoticeLine, pattern: RegExp): NoticeLine {
  return { text: captures(pattern, at).at(-1) ?? '', line: at.line };
}

function appendTo(target: NoticeLine, text: string): void {
  target.text = `${target.text}${text}`;
}
