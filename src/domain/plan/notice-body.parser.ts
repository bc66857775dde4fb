import { normalizeUnitName } from '../units/unit-name.js';
import { parseChineseNumeral } from './chinese-numeral.js';
import { parseDeadline } from './deadline.parser.js';
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

/** Where the reader is: after a heading, inside a problem, inside its measures, or after its deadline. */
type Step = 'start' | 'indicator' | 'problem' | 'measures' | 'deadline';

interface TaskDraft {
  seq: number;
  problem: NoticeLine;
  measures?: NoticeLine;
}

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
  let step: Step = 'start';
  let draft: TaskDraft | undefined;

  for (const [index, current] of lines.entries()) {
    const { text, line } = current;
    if (INDICATOR_HEADER.test(text)) {
      if (step !== 'start') requireStep(step, 'deadline', current);
      indicators.push(readIndicatorHeader(current, indicators.at(-1)?.seq ?? 0));
      step = 'indicator';
    } else if (PROBLEM.test(text)) {
      if (step !== 'indicator') requireStep(step, 'deadline', current);
      draft = { seq: readProblemSeq(current, indicators.at(-1)!), problem: withBody(current, PROBLEM) };
      step = 'problem';
    } else if (MEASURES.test(text)) {
      requireStep(step, 'problem', current);
      draft!.measures = withBody(current, MEASURES);
      step = 'measures';
    } else if (DEADLINE.test(text)) {
      requireStep(step, 'measures', current);
      indicators.at(-1)!.tasks.push(buildTask(indicators.at(-1)!.seq, draft!, current));
      step = 'deadline';
    } else if (SECTION.test(text) || (CONTACT.test(text) && step === 'deadline')) {
      requireStep(step, 'deadline', current);
      return { indicators, tail: readTail(lines.slice(index)) };
    } else if (step === 'problem' || step === 'measures') {
      appendTo(step === 'problem' ? draft!.problem : draft!.measures!, text);
    } else {
      throw new NoticeParseError(line, expectationAfter(step), text);
    }
  }
  requireStep(step, 'deadline', { text: '', line: eofLine });
  return { indicators, tail: [] };
}

/** The lines after the tasks; a task line among them means the tasks were cut short, never that they end. */
function readTail(tail: NoticeLine[]): NoticeLine[] {
  if (tail.some((l) => isTaskElement(l.text))) {
    throw new NoticeParseError(tail[0]!.line, EXPECT.nextElement, tail[0]!.text);
  }
  return tail;
}

function requireStep(step: Step, wanted: Step, at: NoticeLine): void {
  if (step !== wanted) throw new NoticeParseError(at.line, expectationAfter(step), at.text || undefined);
}

function expectationAfter(step: Step): string {
  if (step === 'start') return EXPECT.indicator;
  if (step === 'indicator') return EXPECT.problem;
  if (step === 'problem') return EXPECT.measures;
  if (step === 'measures') return EXPECT.deadline;
  return EXPECT.nextElement;
}

function readIndicatorHeader(at: NoticeLine, previousSeq: number): PlanIndicator {
  const [, numeral, name, units] = INDICATOR_HEADER.exec(at.text)!;
  const seq = parseChineseNumeral(numeral!);
  if (seq === undefined || seq <= previousSeq) {
    throw new NoticeParseError(at.line, EXPECT.indicatorNumber(previousSeq), at.text);
  }
  const [lead = '', co = ''] = units!.split(CO_UNITS);
  const leadUnits = splitUnits(lead);
  if (leadUnits.length === 0) throw new NoticeParseError(at.line, EXPECT.leadUnit, at.text);
  const coUnits = splitUnits(co);
  return { seq, name: normalizeSpaces(name!), leadUnits, ...(coUnits.length > 0 && { coUnits }), tasks: [] };
}

/** `牵头单位：A；配合单位：B、C`: the part after 配合单位 lists co-responsible units. */
const CO_UNITS = /[；;，,]\s*(?:配合|协同|协助)(?:单位|部门)\s*[：:]/;

function splitUnits(list: string): string[] {
  return [...new Set(list.split(/[、，,；;/]/).map(normalizeUnitName))].filter((u) => u !== '');
}

function readProblemSeq(at: NoticeLine, indicator: PlanIndicator): number {
  const previous = indicator.tasks.length;
  const previousSeq = previous === 0 ? 0 : Number(indicator.tasks.at(-1)!.code.split('.')[1]);
  const numeral = PROBLEM.exec(at.text)![1];
  // A lone `问题：` is the next one in turn; a written number is kept, gaps included, so codes match the paper.
  const seq = numeral === undefined ? previousSeq + 1 : parseChineseNumeral(numeral);
  if (seq === undefined || seq <= previousSeq) {
    throw new NoticeParseError(at.line, EXPECT.problemNumber(previousSeq), at.text);
  }
  return seq;
}

function buildTask(indicatorSeq: number, draft: TaskDraft, deadlineLine: NoticeLine): PlanTask {
  const problem = normalizeSpaces(draft.problem.text);
  if (problem === '') throw new NoticeParseError(draft.problem.line, EXPECT.problemText);
  const measures = splitMeasures(normalizeSpaces(draft.measures!.text));
  if (measures.length === 0) throw new NoticeParseError(draft.measures!.line, EXPECT.measuresText);
  const { deadline, ongoing } = parseDeadline(DEADLINE.exec(deadlineLine.text)![1]!, deadlineLine.line);
  const kpi = extractKpi(problem);
  return {
    code: `${indicatorSeq}.${draft.seq}`,
    problem,
    measures,
    deadline,
    ongoing,
    ...(kpi && { kpi }),
  };
}

function withBody(at: NoticeLine, pattern: RegExp): NoticeLine {
  const match = pattern.exec(at.text)!;
  return { text: match.at(-1) ?? '', line: at.line };
}

function appendTo(target: NoticeLine, text: string): void {
  target.text = `${target.text}${text}`;
}
