import type { YearEndNotice } from '../../domain/supervision/alerts.js';
import { button, buttonRow, type Card, card, markdown } from '../card.js';
import { COLOUR } from '../colours.js';
import { fitCard } from '../fit.js';
import { escapeMd, grey } from '../markdown.js';

/** Year end (20 December): reminds the office of the re-evaluation (再评价), violet, with the commands to use. */
export function renderYearEndCard(n: YearEndNotice): Card {
  const { year } = n;
  return fitCard(
    card({
      title: `【年终提醒】${year}年度整改工作再评价`,
      subtitle: n.planTitle,
      template: COLOUR.yearly,
      elements: [
        markdown(
          `${year}年度即将结束，请督办员于年底前组织对《${escapeMd(n.planTitle)}》各整改事项开展**再评价**：` +
            '复核已销号事项的整改成效，核定长期坚持事项，确认年度综合考核结果。',
        ),
        markdown(
          [
            '**可用命令**',
            `- /考核 ${year}：查看${year}年度综合考核表（草稿）`,
            '- /导出：导出整改台账（.xlsx）',
          ].join('\n'),
        ),
        buttonRow([
          button({ text: '查看考核', type: 'primary', value: { command: `/考核 ${year}` } }),
          button({ text: '导出台账', value: { command: '/导出' } }),
        ]),
        markdown(grey('年度综合考核草稿已同步发布，如有异议请在年底前向督办员反馈。')),
      ],
    }),
  );
}
