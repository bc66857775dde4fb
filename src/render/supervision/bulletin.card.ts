import type { Bulletin } from '../../domain/supervision/bulletin.js';
import { periodLabel } from '../../domain/supervision/report-deadline.js';
import { type Card, card, markdown } from '../card.js';
import { COLOUR } from '../colours.js';
import { fitCard } from '../fit.js';
import { escapeMd, grey, headline } from '../markdown.js';
import {
  BULLETIN_NOTE,
  bulletinSummary,
  indicatorSection,
  kpiSection,
  overdueSection,
  BULLETIN_SECTIONS as S,
  similarSection,
  sortedSignOffs,
  warningSection,
} from './bulletin-sections.js';
import { codeMd, missingTasks } from './unit-lines.js';

/** A heading line and one list line per item in one markdown block, so `fitCard` can cut the list. */
function listSection(heading: string, lines: string[], none: string): string {
  return [`**${heading}**`, ...(lines.length ? lines : [grey(none)])].join('\n');
}

/**
 * The monthly bulletin (一月一通报), blue: progress per indicator, KPIs against target, this month's
 * sign-offs, overdue tasks, yellow cards and named units. Four tables at most; lists are markdown.
 */
export function renderBulletinCard(b: Bulletin): Card {
  const signedOff = sortedSignOffs(b).map(
    (s) => `- ${codeMd(s.code)} ${escapeMd(headline(s.problem, 24))}（${escapeMd(s.unit)}）`,
  );
  const named = b.namedUnits.map((u) => `- **${escapeMd(u.unit)}**：${missingTasks(u.tasks)}`);
  return fitCard(
    card({
      title: `【一月一通报】${periodLabel(b.period)}整改工作通报`,
      subtitle: b.planTitle,
      template: COLOUR.info,
      elements: [
        markdown(bulletinSummary(b, (n) => `**${n}**`)),
        ...indicatorSection(b.indicators),
        ...kpiSection(b.kpis),
        markdown(listSection(`三、${S.signedOff.heading(signedOff.length)}`, signedOff, S.signedOff.none)),
        ...overdueSection(b.overdue),
        ...warningSection(b.warnings),
        markdown(listSection(`六、${S.named.heading(named.length)}`, named, S.named.none)),
        ...similarSection(b.similar),
        markdown(grey(BULLETIN_NOTE)),
      ],
    }),
  );
}
