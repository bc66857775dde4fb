import type { Bulletin } from '../../domain/supervision/bulletin.js';
import { periodLabel } from '../../domain/supervision/report-deadline.js';
import { compareTaskCodes } from '../../domain/tasks/task-code.js';
import { type Card, card, markdown } from '../card.js';
import { COLOUR } from '../colours.js';
import { fitCard } from '../fit.js';
import { escapeMd, grey, headline } from '../markdown.js';
import {
  closedOf,
  indicatorSection,
  kpiSection,
  overdueSection,
  similarSection,
  warningSection,
} from './bulletin-sections.js';
import { codeMd, missingTasks } from './unit-lines.js';

/** A heading line and one list line per item in one markdown block, so `fitCard` can cut the list. */
function listSection(heading: string, lines: string[], none: string): string {
  return [`**${heading}**`, ...(lines.length ? lines : [grey(none)])].join('\n');
}

function summaryOf(b: Bulletin): string {
  const total = b.indicators.reduce((sum, p) => sum + p.total, 0);
  const closed = b.indicators.reduce((sum, p) => sum + closedOf(p), 0);
  const overdue = b.indicators.reduce((sum, p) => sum + p.overdue, 0);
  return (
    `截至 ${b.today}，共 **${total}** 项整改事项：已销号 **${closed}** 项，整改中 **${total - closed}** 项，` +
    `逾期 **${overdue}** 项。本月销号 **${b.signedOff.length}** 项，发出黄牌 **${b.warnings.length}** 张，` +
    `点名通报 **${b.namedUnits.length}** 个单位。`
  );
}

/**
 * The monthly bulletin (一月一通报), blue: progress per indicator, KPIs against target, this month's
 * sign-offs, overdue tasks, yellow cards and named units. Four tables at most; lists are markdown.
 */
export function renderBulletinCard(b: Bulletin): Card {
  const signedOff = [...b.signedOff]
    .sort((x, y) => compareTaskCodes(x.code, y.code))
    .map((s) => `- ${codeMd(s.code)} ${escapeMd(headline(s.problem, 24))}（${escapeMd(s.unit)}）`);
  const named = b.namedUnits.map((u) => `- **${escapeMd(u.unit)}**：${missingTasks(u.tasks)}`);
  return fitCard(
    card({
      title: `【一月一通报】${periodLabel(b.period)}整改工作通报`,
      subtitle: b.planTitle,
      template: COLOUR.info,
      elements: [
        markdown(summaryOf(b)),
        ...indicatorSection(b.indicators),
        ...kpiSection(b.kpis),
        markdown(listSection(`三、本月销号事项（${signedOff.length} 项）`, signedOff, '本月无销号事项。')),
        ...overdueSection(b.overdue),
        ...warningSection(b.warnings),
        markdown(listSection(`六、点名通报单位（${named.length} 个）`, named, '本月各单位均按时报送。')),
        ...similarSection(b.similar),
        markdown(grey('已销号含长期坚持事项；平均进度取各事项最近一次报送的进度，已销号按 100% 计。')),
      ],
    }),
  );
}
