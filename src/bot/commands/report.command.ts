import { recordReport } from '../../domain/reports/record-report.js';
import type { KpiValue } from '../../domain/reports/report.js';
import { findCopiedReport } from '../../domain/reports/report-quality.js';
import { isUnavailable } from '../../domain/shared/transient.js';
import { renderReportReceipt } from '../../render/receipt.card.js';
import { defineCommand } from '../command.js';
import { badInput, parseKpiValue, readPercent, requireCode } from '../parsing/parse-args.js';

const usage = '/进展 6.1 [2023-05] [60%] [指标=值] 本月进展情况';

/** A typed month `2023-05` (or `2023年5月`) right after the code: a 补报 for that month. */
function parseReportMonth(token: string): string | undefined {
  const match = /^(\d{4})[-年/.](\d{1,2})月?$/.exec(token);
  if (!match) return undefined;
  const month = Number(match[2]);
  if (month < 1 || month > 12) throw badInput(`“${token}”不是月份，格式如 2023-05。`, usage);
  return `${match[1]}-${String(month).padStart(2, '0')}`;
}

/** `/进展 6.1 60% 网上办理率=88.5% 文本`: a unit's monthly progress report. */
export const reportCommand = defineCommand({
  names: ['进展', '汇报', 'report'],
  usage,
  summary: '报送本月整改进展（可带进度百分比和量化指标值；写上月月份即为补报）',
  example: '/进展 6.1 60% 网上办理率=88.5% 已开展电子税务局培训3场',
  officeOnly: false,
  parse: ({ split }) => {
    const code = requireCode(split.tokens[0], usage);
    let percent: number | undefined;
    const kpiValues: KpiValue[] = [];
    let i = 1;
    const period = split.tokens[1] === undefined ? undefined : parseReportMonth(split.tokens[1]);
    if (period) i = 2;
    // Percent and KPI values come first, in any order; the rest is the report text as typed.
    while (i < split.tokens.length) {
      const kpi = parseKpiValue(split.tokens[i]!, usage);
      if (kpi) {
        kpiValues.push(kpi);
        // `网上办理率=88.5 %`: the unit written apart belongs to the value.
        i += split.tokens[i + 1] === '%' ? 2 : 1;
        continue;
      }
      const pct = readPercent(split.tokens, i, usage);
      if (!pct || percent !== undefined) break;
      percent = pct.percent;
      i += pct.taken;
    }
    return { code, period, percent, kpiValues, text: split.restFrom(i) };
  },
  run: async (ctx, args) => {
    const result = await recordReport(ctx.deps, ctx.caller, { ...args, messageId: ctx.event.messageId });
    // The report is stored: a database that stops answering now costs the receipt its 与上月雷同
    // check, not its receipt (the polite "not done, try again" would make the unit send it twice).
    const similar = await findCopiedReport(ctx.deps, result.report, result.previous).catch(
      (error: unknown) => {
        if (isUnavailable(error)) return undefined;
        throw error;
      },
    );
    await ctx.replyCard(renderReportReceipt({ ...result, similar }));
  },
});
