import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNotice } from '../../../../src/domain/plan/notice.parser.js';
import { NoticeParseError } from '../../../../src/domain/plan/notice-parse.error.js';
import { fcRuns, seedText } from './notice-fixtures.js';
import { expectSensibleError, expectValidPlan, parseOrError } from './plan-invariants.js';

const seedLines = seedText.split('\n');
const seedPlan = parseNotice(seedText);
/** The seed up to its first indicator: document number and title, so noise reaches the body parser. */
const seedHeader = seedLines.slice(0, 24).join('\n');

/** Fragments that look like the notice's structure, so mutations reach deep parser states. */
const SNIPPETS = [
  '问题一：',
  '问题：',
  '问题二十：某问题。',
  '整改措施：',
  '整改措施：一是甲；二是乙。',
  '整改时限：',
  '整改时限：2023年2月30日前。',
  '整改时限：长期坚持。',
  '整改时限：2023 年 6 月底',
  '（十六）新指标（责任单位：县某局、）',
  '(三) 指标 (责任单位: )',
  '三、整改要求',
  '每月99日前',
  '每月零日前',
  '上营商〔9999〕0号',
  '关于印发《》的通知',
  '- 3 -',
  '**',
  '一是',
  '①',
  '（',
  '）',
  '\u3000',
  '\r',
  '联系人：',
  '为80%，相较前沿（95%）',
];

const garbageLine = fc.oneof(
  fc.constantFrom(...SNIPPETS),
  fc.string({ maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom(...'问题整改措施时限：:（）()一二三十是年月日底前并长期坚持0123456789%。，、 '),
    maxLength: 40,
  }),
  fc.array(fc.constantFrom(...SNIPPETS), { maxLength: 4 }).map((parts) => parts.join('')),
);

/** One edit of the seed's lines; `other`, `text` and `keep` are used by the kinds that need them. */
interface Mutation {
  kind: 'drop' | 'duplicate' | 'swap' | 'insert' | 'replace' | 'cut';
  at: number;
  other: number;
  text: string;
  keep: number;
}

const index = fc.nat({ max: seedLines.length - 1 });
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('drop', 'duplicate', 'swap', 'insert', 'replace', 'cut'),
  at: index,
  other: index,
  text: garbageLine,
  keep: fc.nat({ max: 60 }),
});

function mutate(lines: readonly string[], mutations: readonly Mutation[]): string {
  const result = [...lines];
  for (const m of mutations) {
    const at = Math.min(m.at, result.length - 1);
    const other = Math.min(m.other, result.length - 1);
    if (at < 0) break;
    switch (m.kind) {
      case 'drop':
        result.splice(at, 1);
        break;
      case 'duplicate':
        result.splice(at, 0, result[at]!);
        break;
      case 'swap':
        [result[at], result[other]] = [result[other]!, result[at]!];
        break;
      case 'insert':
        result.splice(at, 0, m.text);
        break;
      case 'replace':
        result[at] = m.text;
        break;
      case 'cut':
        result[at] = result[at]!.slice(0, m.keep);
        break;
    }
  }
  return result.join('\n');
}

function expectPlanOrParseError(text: string): void {
  const outcome = parseOrError(text);
  if (outcome instanceof NoticeParseError) expectSensibleError(outcome, text);
  else expectValidPlan(outcome);
}

describe('parseNotice properties', () => {
  it('survives line-level mutations of the seed with a valid plan or a NoticeParseError', {
    timeout: 600_000,
  }, () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
        expectPlanOrParseError(mutate(seedLines, mutations));
      }),
      { numRuns: fcRuns },
    );
  });

  it('never loses or invents a task when garbage lines are inserted', { timeout: 600_000 }, () => {
    // An inserted heading may regroup tasks under a new indicator, so tasks are matched by their opening words.
    const opening = (problem: string) => problem.slice(0, 12);
    const seedOpenings = seedPlan.indicators.flatMap((i) => i.tasks.map((t) => opening(t.problem))).sort();
    const insertion = fc.tuple(index, garbageLine);
    fc.assert(
      fc.property(fc.array(insertion, { minLength: 1, maxLength: 6 }), (insertions) => {
        const lines = [...seedLines];
        for (const [at, text] of insertions) lines.splice(at, 0, text);
        const outcome = parseOrError(lines.join('\n'));
        if (outcome instanceof NoticeParseError) return;
        const openings = outcome.indicators.flatMap((i) => i.tasks.map((t) => opening(t.problem)));
        expect(openings.sort()).toEqual(seedOpenings);
      }),
      { numRuns: fcRuns },
    );
  });

  it('survives random noise with a valid plan or a NoticeParseError', { timeout: 600_000 }, () => {
    const document = fc
      .array(fc.oneof(garbageLine, fc.constantFrom(...seedLines)), { maxLength: 60 })
      .map((lines) => lines.join('\n'));
    fc.assert(
      fc.property(
        fc.oneof(
          document,
          document.map((d) => `${seedHeader}\n${d}`),
          fc.string({ maxLength: 400 }),
        ),
        (text) => {
          expectPlanOrParseError(text);
        },
      ),
      { numRuns: fcRuns },
    );
  });

  it('reads the same plan whatever blank lines, footers and edge spaces surround the lines', {
    timeout: 600_000,
  }, () => {
    const padding = fc.array(fc.constantFrom('', ' ', '\u3000', '- 7 -', '第 2 页'), { maxLength: 3 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(index, padding), { maxLength: 12 }),
        fc.constantFrom('\n', '\r\n'),
        (pads, eol) => {
          const lines = [...seedLines];
          for (const [at, extra] of [...pads].sort((a, b) => b[0] - a[0])) lines.splice(at, 0, ...extra);
          const padded = lines.map((line, i) => (i % 7 === 0 ? ` ${line}\u3000` : line));
          expect(parseNotice(padded.join(eol))).toEqual(seedPlan);
        },
      ),
      { numRuns: fcRuns },
    );
  });

  it('fails, never drops a task, when any one 整改时限 line is missing', () => {
    const deadlineLines = seedLines.flatMap((line, i) => (line.startsWith('整改时限') ? [i] : []));
    expect(deadlineLines).toHaveLength(46);
    for (const at of deadlineLines) {
      const text = seedLines.filter((_, i) => i !== at).join('\n');
      expect(() => parseNotice(text), `without line ${at + 1}`).toThrow(NoticeParseError);
    }
  });
});
