import { recordReport } from '../../domain/reports/record-report.js';
import type { KpiValue } from '../../domain/reports/report.js';
import { renderReportReceipt } from '../../render/receipt.card.js';
import { defineCommand } from '../command.js';
import { parseKpiValue, readPercent, requireCode } from '../parsing/parse-args.js';

const usage = '/进展 6.1 [60%] [指标=值] 本月进展情况';

/** `/进展 6.1 60% 网上办理率=88.5% 文本`: a unit's monthly progress report. */
export const reportCommand = defineCommand({
  names: ['进展', '汇报', 'report'],
  usage,
  summary: '报送本月整改进展（可带进度百分比和量化指标值）',
  example: '/进展 6.1 60% 网上办理率=88.5% 已开展电子税务局培训3场',
  officeOnly: false,
  parse: ({ split }) => {
    const code = requireCode(split.tokens[0], usage);
    let percent: number | undefined;
    const kpiValues: KpiValue[] = [];
    let i = 1;
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
    return { code, percent, kpiValues, text: split.restFrom(i) };
  },
  run: async (ctx, args) => {
    const result = await recordReport(ctx.deps, ctx.caller, { ...args, messageId: ctx.event.messageId });
    await ctx.replyCard(renderReportReceipt(result));
  },
});
