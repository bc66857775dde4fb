import type { Kpi } from './plan.js';

/** Units a KPI may carry, longest first so `小时/户` wins over `小时`. */
const UNIT = '(小时\\/户|个工作日|工作日|小时|分钟|万元|元|周|天|%)';
const NUMBER = '(\\d+(?:\\.\\d+)?)';

/** `…网上办理率为80.36%`: a subject, an optional `(SAIDI)`, a verb, the figure and its unit. */
const BASELINE = new RegExp(
  `(?<![\\u4e00-\\u9fa5])([\\u4e00-\\u9fa5]+?)(?:\\([A-Za-z]+\\))?(?:仅为|约为|为|达到|达)?${NUMBER}${UNIT}`,
);

/** A figure after the comparison, with or without a unit (`登记费为0`). */
const FIGURE = new RegExp(`${NUMBER}${UNIT}?`, 'g');

/** Words that introduce the benchmark the problem is measured against. */
const CUE = /相较|相比|对比|低于|高于|不及|超过|前沿|先进|平均|标杆/;

/** Qualifiers before the measure's own name: the name is what follows the last of them. */
const QUALIFIERS = ['本地区', '全口径', '系统', '事项', '获得', '增值税', '缴纳', '的'];

/** The name must end in a measurable noun, so `新增事项5项` or dates never become a KPI. */
const MEASURABLE = /(?:率|时间|时长|用时|时限|天数|费|费用|成本)$/;

/**
 * The KPI a problem states: a current figure and a benchmark after 相较/低于/前沿…, e.g.
 * `涉税事项网上办理率为80.36%，相较全国前沿（95%）` → 网上办理率 80.36 → 95, increase.
 * Rates increase; times, fees and durations decrease. A benchmark that is not better than the
 * figure, or in another unit, is not a gap to close, so no KPI is returned for it.
 */
export function extractKpi(problemText: string): Kpi | undefined {
  const text = toHalfWidth(problemText).replace(/\s+/g, '');
  const baseline = BASELINE.exec(text);
  if (!baseline) return undefined;
  const [whole, rawName = '', figure, unit = ''] = baseline;
  const name = shortenName(rawName);
  if (!MEASURABLE.test(name)) return undefined;
  const afterBaseline = text.slice(baseline.index + whole.length);
  const target = findBenchmark(afterBaseline.split(/[。；;]/)[0] ?? '', unit);
  if (target === undefined) return undefined;
  const kpi: Kpi = {
    name,
    baseline: Number(figure),
    target,
    unit,
    direction: name.endsWith('率') || unit === '%' ? 'increase' : 'decrease',
  };
  return isGap(kpi) ? kpi : undefined;
}

function findBenchmark(sentence: string, unit: string): number | undefined {
  const cue = CUE.exec(sentence);
  if (!cue) return undefined;
  const rest = sentence.slice(cue.index);
  for (const match of rest.matchAll(FIGURE)) {
    const following = rest.charAt(match.index + match[0].length);
    const unitless = match[2] === undefined;
    // A bare number followed by 年, 项, 个… is a date or a count, not the benchmark.
    if (unitless && /[\u4e00-\u9fa5\d.]/.test(following)) continue;
    if (unitless || match[2] === unit) return Number(match[1]);
  }
  return undefined;
}

function shortenName(subject: string): string {
  let start = 0;
  for (const qualifier of QUALIFIERS) {
    const at = subject.lastIndexOf(qualifier);
    if (at >= 0) start = Math.max(start, at + qualifier.length);
  }
  return subject.slice(start);
}

function isGap(kpi: Kpi): boolean {
  return kpi.direction === 'increase' ? kpi.target > kpi.baseline : kpi.target < kpi.baseline;
}

function toHalfWidth(text: string): string {
  return text
    .replace(/[０-９％（）．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/／/g, '/');
}
