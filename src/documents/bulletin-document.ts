import type { StoredPlan } from '../domain/plan/stored-plan.js';
import type { Bulletin } from '../domain/supervision/bulletin.js';
import { periodLabel } from '../domain/supervision/report-deadline.js';
import { WARNING_KIND_LABEL } from '../domain/warnings/warning.js';
import { headline } from '../render/markdown.js';
import {
  BULLETIN_NOTE,
  bulletinSummary,
  indicatorRows,
  kpiRows,
  overdueTaskCount,
  BULLETIN_SECTIONS as S,
  similarLines,
  sortedOverdue,
  sortedSignOffs,
} from '../render/supervision/bulletin-sections.js';
import { missingTasks } from '../render/supervision/unit-lines.js';
import {
  type DocumentBlock,
  type DocumentSection,
  type DocumentSettings,
  documentNumber,
  issuerOf,
  numberPrefixOf,
  type OfficialDocument,
} from './official-document.js';

const KPI_STATUS = { met: '达标', unmet: '未达标', none: '未报' } as const;

/** A table, or the section's "nothing" line when it has no rows. */
function tableOr(none: string, columns: string[], rows: string[][], widths?: number[]): DocumentBlock[] {
  return rows.length
    ? [{ kind: 'table', columns, rows, ...(widths && { widths }) }]
    : [{ kind: 'paragraph', text: none }];
}

/**
 * The monthly bulletin (一月一通报) as an official document: the card's figures, sections and
 * wording (bulletin-sections.ts), laid out as 一、…七、; overdue tasks as （一） per unit and 1. per task.
 */
export function buildBulletinDocument(input: {
  bulletin: Bulletin;
  plan: Pick<StoredPlan, 'title' | 'docNo' | 'issuer'>;
  settings: DocumentSettings;
  /** 成文日期 and 印发日期, `YYYY-MM-DD`. */
  issuedOn: string;
}): OfficialDocument {
  const { bulletin: b, plan, settings } = input;
  const [year, month] = b.period.split('-').map(Number) as [number, number];
  const issuer = issuerOf(plan, settings);
  const signedOff = sortedSignOffs(b);
  const overdueTasks = overdueTaskCount(b.overdue);
  const similar = similarLines(b.similar ?? []);
  const sections: DocumentSection[] = [
    {
      heading: S.indicators.heading(),
      blocks: tableOr(
        S.indicators.none,
        ['序号', '指标', '事项数', '已销号', '整改中', '逾期', '平均进度'],
        indicatorRows(b.indicators).map((r) => [
          String(r.seq),
          r.name,
          String(r.total),
          String(r.closed),
          String(r.active),
          String(r.overdue),
          r.percent,
        ]),
        [6, 30, 9, 9, 9, 8, 12],
      ).concat(b.indicators.length ? [{ kind: 'paragraph', text: `注：${BULLETIN_NOTE}` }] : []),
    },
    {
      heading: S.kpis.heading(),
      blocks: tableOr(
        S.kpis.none,
        ['事项', '指标', '基线', '目标', '最新值', '达标情况'],
        kpiRows(b.kpis).map((r) => [
          r.code,
          r.name,
          r.baseline,
          r.target,
          r.latest,
          r.drift ? `${KPI_STATUS[r.status]}（${r.drift}）` : KPI_STATUS[r.status],
        ]),
        [6, 18, 16, 19, 14, 15],
      ),
    },
    {
      heading: S.signedOff.heading(signedOff.length),
      blocks: signedOff.length
        ? signedOff.map((s, i) => ({
            kind: 'paragraph' as const,
            text: `${i + 1}.事项 ${s.code} ${headline(s.problem, 40)}（${s.unit}）`,
          }))
        : [{ kind: 'paragraph', text: S.signedOff.none }],
    },
    {
      heading: S.overdue.heading(overdueTasks),
      blocks: overdueTasks ? [] : [{ kind: 'paragraph', text: S.overdue.none }],
      subsections: b.overdue.map((g) => ({
        heading: `${g.unit}（${g.items.length} 项）`,
        blocks: [],
        subsections: sortedOverdue(g).map((i) => ({
          heading: `事项 ${i.code} ${headline(i.problem, 40)}（时限 ${i.deadline}，逾期 ${i.daysOverdue} 天）`,
          blocks: [],
        })),
      })),
    },
    {
      heading: S.warnings.heading(b.warnings.length),
      blocks: tableOr(
        S.warnings.none,
        ['编号', '单位', '类型', '原因'],
        b.warnings.map((w) => [w.id, w.unit, WARNING_KIND_LABEL[w.kind], w.reason]),
        [12, 20, 20, 48],
      ),
    },
    {
      heading: S.named.heading(b.namedUnits.length),
      blocks: tableOr(
        S.named.none,
        ['单位', '未按时报送的事项'],
        b.namedUnits.map((u) => [u.unit, missingTasks(u.tasks, String)]),
        [22, 78],
      ),
    },
    ...(similar.length
      ? [
          {
            heading: S.similar.heading(similar.length),
            blocks: similar.map((text) => ({ kind: 'paragraph' as const, text })),
          },
        ]
      : []),
  ];
  return {
    issuer,
    number: documentNumber(numberPrefixOf(plan, settings), '通', year, month),
    title: `关于${periodLabel(b.period)}整改工作情况的通报`,
    addressee: '各责任单位',
    lead: [
      {
        kind: 'paragraph',
        text: `根据《${b.planTitle}》“一月一调度、一月一通报”的要求，现将${periodLabel(b.period)}整改工作情况通报如下。`,
      },
      { kind: 'paragraph', text: bulletinSummary(b) },
    ],
    sections,
    date: input.issuedOn,
    record: { ...(settings.cc && { cc: settings.cc }), printer: issuer, printedOn: input.issuedOn },
  };
}
