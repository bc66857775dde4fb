import { describe, expect, it } from 'vitest';
import type { Card } from '../../../src/render/card.js';
import { CARD_LIMIT_BYTES, cardBytes } from '../../../src/render/fit.js';
import { renderHelpCard } from '../../../src/render/help.card.js';
import { renderOverdueCard } from '../../../src/render/overdue.card.js';
import { renderOverviewCard } from '../../../src/render/overview.card.js';
import { renderActionResult, renderReportReceipt } from '../../../src/render/receipt.card.js';
import { renderTaskCard } from '../../../src/render/task.card.js';
import { renderUnitCard } from '../../../src/render/unit.card.js';
import { renderUnreportedCard } from '../../../src/render/unreported.card.js';
import { renderWarningsCard } from '../../../src/render/warnings.card.js';
import { cardProblems, countTables } from './card-checks.js';
import {
  buildReport,
  buildTask,
  buildWarning,
  HOSTILE,
  helpCommands,
  overview,
  plan,
  TODAY,
  task61,
  taskDetail61,
} from './fixtures.js';

const N = 10_000;
const many = <T>(make: (i: number) => T): T[] => Array.from({ length: N }, (_, i) => make(i));
/** A long problem with markdown specials, so escaping inflates it too. */
const LONG = `${HOSTILE}${'涉税事项网上办理率较低，需进一步提升。'.repeat(20)}`;

const huge: [string, () => Card][] = [
  [
    'overdue, one unit',
    () =>
      renderOverdueCard({
        today: TODAY,
        groups: [
          {
            unit: '税务局',
            items: many((i) => ({
              code: `6.${i}`,
              problem: LONG,
              deadline: '2023-05-31',
              daysOverdue: i,
              lastReport: { period: '2023-06', text: LONG, percent: 50 },
            })),
          },
        ],
      }),
  ],
  [
    'overdue, many units',
    () =>
      renderOverdueCard({
        today: TODAY,
        groups: many((i) => ({
          unit: `单位${i}`,
          items: [{ code: `${i}.1`, problem: LONG, deadline: '2023-05-31', daysOverdue: 5 }],
        })),
      }),
  ],
  [
    'unreported, many units',
    () =>
      renderUnreportedCard({
        period: '2023-06',
        units: many((i) => ({ unit: `单位${i}`, tasks: [{ code: `${i}.1`, problem: LONG }] })),
      }),
  ],
  [
    'unreported, one unit',
    () =>
      renderUnreportedCard({
        period: '2023-06',
        units: [{ unit: '税务局', tasks: many((i) => ({ code: `6.${i}`, problem: LONG })) }],
      }),
  ],
  [
    'task',
    () =>
      renderTaskCard({
        ...taskDetail61,
        task: {
          ...task61,
          problem: LONG.repeat(5),
          measures: many(() => LONG),
          deadlineHistory: many((i) => ({
            from: '2023-05-31',
            to: '2023-06-30',
            reason: LONG,
            by: 'ou_office',
            at: new Date(i),
          })),
        },
        reports: many((i) => buildReport({ taskCode: '6.1', period: '2023-06', text: LONG, id: `r${i}` })),
        warnings: many((i) => buildWarning({ id: `W${i}`, reason: LONG })),
      }),
  ],
  [
    'unit',
    () =>
      renderUnitCard({
        unit: '税务局',
        period: '2023-06',
        today: TODAY,
        tasks: many((i) => ({
          task: buildTask({ code: `6.${i}`, problem: LONG }),
          reportedThisMonth: i % 2 === 0,
          owes: true,
        })),
        warnings: many((i) => buildWarning({ id: `W${i}`, reason: LONG })),
      }),
  ],
  [
    'overview',
    () =>
      renderOverviewCard({
        plan,
        today: TODAY,
        indicators: many((i) => ({ ...overview[0]!, seq: i, name: LONG })),
      }),
  ],
  [
    'warnings',
    () =>
      renderWarningsCard({
        warnings: many((i) => buildWarning({ id: `W${i}`, unit: `单位${i}`, reason: LONG })),
      }),
  ],
  [
    'receipt',
    () =>
      renderReportReceipt({
        task: task61,
        report: buildReport({ taskCode: '6.1', period: '2023-06', text: LONG.repeat(50) }),
        created: true,
      }),
  ],
  [
    'action result',
    () =>
      renderActionResult({
        title: '已绑定',
        lines: many(() => LONG),
        template: 'blue',
        mentions: many((i) => `ou_${i}`),
      }),
  ],
  [
    'help',
    () =>
      renderHelpCard({
        isOffice: true,
        commands: many((i) => ({ ...helpCommands[i % helpCommands.length]!, summary: LONG })),
      }),
  ],
];

describe('every card stays within Lark limits with 10,000-item inputs', () => {
  it.each(huge)('%s', (_name, render) => {
    const built = render();
    expect(cardBytes(built)).toBeLessThanOrEqual(CARD_LIMIT_BYTES);
    expect(countTables(built)).toBeLessThanOrEqual(5);
    expect(JSON.stringify(built)).toMatch(/另有 \d+ 项未显示|等 \d+ 项|…/);
    // Header titles are plain text (shown as typed); everything in the markdown body must be inert.
    expect(JSON.stringify(built.body)).not.toContain('<at id=all>');
    expect(cardProblems(built)).toEqual([]);
  });

  it('says exactly how many overdue tasks were left out', () => {
    const built = huge[0]![1]();
    const tableEl = built.body.elements.find((e) => e.tag === 'table');
    const shown = tableEl?.tag === 'table' ? tableEl.rows.length : 0;
    expect(shown).toBeGreaterThan(10);
    expect(JSON.stringify(built)).toContain(`另有 ${N - shown} 项未显示`);
  });

  it('says how many units were left out of the unreported list', () => {
    const json = JSON.stringify(huge[2]![1]());
    const shown = (json.match(/\*\*单位\d+\*\*/g) ?? []).length;
    expect(json).toContain(`另有 ${N - shown} 项未显示`);
  });
});
