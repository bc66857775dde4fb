import type { AssessmentRule, UnitAssessment } from '../../domain/supervision/assessment.js';
import { periodLabel } from '../../domain/supervision/report-deadline.js';
import { type Card, card, markdown, type TableColumn, type TableRow, table } from '../card.js';
import { COLOUR } from '../colours.js';
import { fitCard } from '../fit.js';
import { formatNumber } from '../format.js';
import { escapeMd, grey } from '../markdown.js';

const count = (name: string, display: string): TableColumn => ({
  name,
  display_name: display,
  data_type: 'number',
  width: '80px',
});

/**
 * A unit's figures in the assessment, in the order the card's table and the official document's
 * table show them (after the unit): one list, so the two cannot differ.
 */
export const ASSESSMENT_FIGURES: readonly {
  key: string;
  label: string;
  of: (a: UnitAssessment) => number;
}[] = [
  { key: 'tasks', label: '事项数', of: (a) => a.tasks },
  { key: 'onTime', label: '按时报送月数', of: (a) => a.monthsOnTime },
  { key: 'late', label: '补报月数', of: (a) => a.monthsLate },
  { key: 'missed', label: '未报月数', of: (a) => a.monthsMissed },
  { key: 'overdue', label: '逾期事项', of: (a) => a.overdueTasks },
  { key: 'signedOff', label: '按期销号', of: (a) => a.signedOffOnTime },
  { key: 'warnings', label: '黄牌', of: (a) => a.warnings },
  { key: 'score', label: '得分', of: (a) => a.score },
];

const COLUMNS: TableColumn[] = [
  // A fixed width: with `auto` the seven number columns squeezed 金融服务中心 to one character a line.
  { name: 'unit', display_name: '单位', data_type: 'lark_md', width: '130px' },
  ...ASSESSMENT_FIGURES.map((f) => count(f.key, f.label)),
];

function row(a: UnitAssessment): TableRow {
  return { unit: escapeMd(a.unit), ...Object.fromEntries(ASSESSMENT_FIGURES.map((f) => [f.key, f.of(a)])) };
}

/** The scoring rule in one line, with the configured numbers. */
export function describeRule(rule: AssessmentRule): string {
  const n = formatNumber;
  return (
    `评分规则：基础分 ${n(rule.base)}，每缺报一月扣 ${n(rule.perMissedMonth)} 分，` +
    `每项逾期事项扣 ${n(rule.perOverdueTask)} 分，每张黄牌扣 ${n(rule.perWarning)} 分，` +
    `每项按期销号加 ${n(rule.perOnTimeSignoff)} 分，得分计在 0–100 分之间。` +
    `次月报送日前补报的月份计为补报，每月扣 ${n(rule.perLateMonth)} 分，不计缺报；` +
    '只统计报送日已过的月份。'
  );
}

/** `统计月份：2023年3月至2023年5月（报送日已过的月份）`, or that no month has closed yet. */
export function describePeriods(periods: string[]): string {
  const first = periods[0];
  const last = periods[periods.length - 1];
  if (!first || !last) return '统计月份：暂无报送日已过的月份。';
  const range = first === last ? periodLabel(first) : `${periodLabel(first)}至${periodLabel(last)}`;
  return `统计月份：${range}（共 ${periods.length} 个月，报送日已过的月份）`;
}

/** `共 12 个责任单位参加考核，平均得分 93.5。`; `em` marks each figure (bold on the card). */
export function assessmentSummary(rows: UnitAssessment[], em: (figure: string) => string = String): string {
  if (!rows.length) return '暂无参加考核的责任单位。';
  const mean = rows.reduce((sum, r) => sum + r.score, 0) / rows.length;
  return `共 ${em(String(rows.length))} 个责任单位参加考核，平均得分 ${em(formatNumber(Math.round(mean * 10) / 10))}。`;
}

/** The annual assessment (年度综合考核), blue: one row per unit in the given order, then the rule. */
export function renderAssessmentCard(input: {
  year: number;
  rows: UnitAssessment[];
  rule: AssessmentRule;
  draft: boolean;
  /** The months counted (assessedPeriods); the card says which. */
  periods?: string[];
}): Card {
  const { year, rows, rule, draft } = input;
  const summary = assessmentSummary(rows, (s) => `**${s}**`);
  return fitCard(
    card({
      title: `【年度综合考核】${year}年度${draft ? '（草稿）' : ''}`,
      subtitle: draft ? '草稿，供督办员核定' : undefined,
      template: COLOUR.info,
      elements: [
        markdown(input.periods ? `${summary}\n${describePeriods(input.periods)}` : summary),
        ...(rows.length ? [table({ columns: COLUMNS, rows: rows.map(row) })] : []),
        markdown(describeRule(rule)),
        ...(draft ? [markdown(grey('本表为草稿，经督办员核定后以正式通报为准。'))] : []),
      ],
    }),
  );
}
