import type { StoredPlan } from '../domain/plan/stored-plan.js';
import type { AssessmentRule, UnitAssessment } from '../domain/supervision/assessment.js';
import {
  ASSESSMENT_FIGURES,
  assessmentSummary,
  describePeriods,
  describeRule,
} from '../render/supervision/assessment.card.js';
import {
  type DocumentSettings,
  documentNumber,
  issuerOf,
  numberPrefixOf,
  type OfficialDocument,
} from './official-document.js';

/**
 * The year's assessment (年度综合考核) as an official document: the card's summary, one table row per
 * unit with the card's columns, then the months counted and the scoring rule in the card's words.
 */
export function buildAssessmentDocument(input: {
  year: number;
  rows: UnitAssessment[];
  periods: string[];
  rule: AssessmentRule;
  plan: Pick<StoredPlan, 'title' | 'docNo' | 'issuer'>;
  settings: DocumentSettings;
  /** 成文日期 and 印发日期, `YYYY-MM-DD`. */
  issuedOn: string;
}): OfficialDocument {
  const { year, rows, plan, settings } = input;
  const issuer = issuerOf(plan, settings);
  return {
    issuer,
    number: documentNumber(numberPrefixOf(plan, settings), '考', year, 1),
    title: `关于${year}年度整改工作综合考核结果的通报`,
    addressee: '各责任单位',
    lead: [
      {
        kind: 'paragraph',
        text: `根据《${plan.title}》“整改结果纳入年度综合考核”的要求，现将${year}年度各责任单位整改工作综合考核结果通报如下。`,
      },
      { kind: 'paragraph', text: assessmentSummary(rows) },
    ],
    sections: [
      {
        heading: '考核结果',
        blocks: rows.length
          ? [
              {
                kind: 'table',
                columns: ['名次', '单位', ...ASSESSMENT_FIGURES.map((f) => f.label)],
                rows: rows.map((r, i) => [
                  String(i + 1),
                  r.unit,
                  ...ASSESSMENT_FIGURES.map((f) => String(f.of(r))),
                ]),
                widths: [7, 21, 8, 10, 8, 8, 9, 9, 8, 8],
              },
            ]
          : [{ kind: 'paragraph', text: '暂无参加考核的责任单位。' }],
      },
      {
        heading: '有关说明',
        blocks: [],
        subsections: [
          { heading: '统计月份', blocks: [{ kind: 'paragraph', text: describePeriods(input.periods) }] },
          { heading: '评分规则', blocks: [{ kind: 'paragraph', text: describeRule(input.rule) }] },
        ],
      },
    ],
    date: input.issuedOn,
    record: { ...(settings.cc && { cc: settings.cc }), printer: issuer, printedOn: input.issuedOn },
  };
}
