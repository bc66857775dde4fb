/**
 * Every card the bot builds from a whole plan passes the fake's card rules (card JSON 2.0
 * allow-list, 200 elements, 5 root tables, `<at>` of chat members only, 30,000-byte request body),
 * sent by the bot's own messenger over the real SDK: at the seed's size (46 tasks) and at ten times
 * it (460 tasks, township units, 36 months of reports and cards). The largest request body is
 * printed for the note.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dataset, generateDataset, NOW, TODAY } from '../../../bench/lib/plan-generator.js';
import { WORK } from '../../../bench/lib/scale-work.js';
import { defaults } from '../../../config/defaults.js';
import { createFakeLark, type FakeLark } from '../../../dev/fake-lark/index.js';
import { createMessengerFromConfig } from '../../../src/app/messenger-from-config.js';
import { listCommands } from '../../../src/bot/commands/index.js';
import { TASK_LOG_PAGE_SIZE } from '../../../src/domain/audit/task-log.js';
import type { Messenger } from '../../../src/domain/messenger.js';
import { buildOfficeTodo } from '../../../src/domain/queries/office-todo.js';
import { buildOverview } from '../../../src/domain/queries/overview.js';
import { buildUnitDetail } from '../../../src/domain/queries/queries.service.js';
import { findUnreported } from '../../../src/domain/queries/reporting-status.js';
import { assessedPeriods, buildAssessment } from '../../../src/domain/supervision/assessment.js';
import { buildReminder } from '../../../src/domain/supervision/reminder.js';
import { overdueTasks } from '../../../src/domain/supervision/unit-cards.js';
import { isLiveWarning } from '../../../src/domain/warnings/warning.js';
import { createLogger } from '../../../src/logger.js';
import type { Card } from '../../../src/render/card.js';
import { renderConfirmOutcome } from '../../../src/render/confirm-warnings.card.js';
import { renderHelpCard } from '../../../src/render/help.card.js';
import { renderOfficeTodo } from '../../../src/render/office-todo.card.js';
import { renderOverviewCard } from '../../../src/render/overview.card.js';
import { renderReportReceipt } from '../../../src/render/receipt.card.js';
import {
  renderSignoffDecidedCard,
  renderSignoffRequestCard,
} from '../../../src/render/signoff-request.card.js';
import {
  renderAssessmentCard,
  renderDeadlineRemindersCard,
  renderOverdueAlertCard,
  renderReminderCard,
  renderScheduleCard,
  renderYearEndCard,
} from '../../../src/render/supervision/index.js';
import { renderTaskCard } from '../../../src/render/task.card.js';
import { renderTaskLogCard } from '../../../src/render/task-log.card.js';
import { renderUnitCard } from '../../../src/render/unit.card.js';
import { renderUnreportedCard } from '../../../src/render/unreported.card.js';
import { renderWarningsCard } from '../../../src/render/warnings.card.js';

const BODY_LIMIT = 30_000;

/** Every card kind that shows the whole plan (or a whole list of it), built as the bot builds it. */
function planCards(d: Dataset): [string, Card][] {
  const period = d.periods.at(-1) as string;
  const last = d.periods.at(-2) as string;
  const live = d.warnings.filter(isLiveWarning);
  const biggestUnit = [...new Set(live.map((w) => w.unit))]
    .map((unit) => ({ unit, n: live.filter((w) => w.unit === unit).length }))
    .sort((a, b) => b.n - a.n)[0]?.unit;
  // The unit with the most tasks, and the task with the most reports: the largest /单位 and /事项.
  const units = [...new Set(d.tasks.flatMap((t) => t.leadUnits))];
  const busiest = units
    .map((unit) => ({ unit, n: d.tasks.filter((t) => t.leadUnits.includes(unit)).length }))
    .sort((a, b) => b.n - a.n)[0]?.unit as string;
  const reportsOf = (code: string) => d.reports.filter((r) => r.taskCode === code);
  const mostReported = [...d.tasks].sort((a, b) => reportsOf(b.code).length - reportsOf(a.code).length)[0]!;
  const membersOf = (unit: string) => d.members.filter((m) => m.unit === unit).map((m) => m.openId);
  const problemOf = (code: string) => d.tasks.find((t) => t.code === code)?.problem ?? '';
  // Every open task as if its deadline were a week away, and every overdue one alerted at once.
  const open = d.tasks.filter((t) => t.deadline && !['closed', 'sustained', 'withdrawn'].includes(t.state));
  const overdue = overdueTasks(d.tasks, TODAY);
  const year = Number(TODAY.slice(0, 4)) - 1;
  const periods = assessedPeriods(year, d.plan.start, d.plan.reportDay, NOW);
  const rows = buildAssessment({
    tasks: d.tasks,
    reports: d.reports,
    warnings: d.warnings,
    year,
    start: d.plan.start,
    reportDay: d.plan.reportDay,
    today: TODAY,
    periods,
    rule: defaults.assessment,
  });
  return [
    ['bulletin (通报)', WORK.bulletin(d)],
    ['roll call (点名)', WORK.rollCall(d)],
    ['overdue (/逾期)', WORK.overdue(d)],
    [
      'overview (/总览)',
      renderOverviewCard({
        plan: d.plan,
        today: TODAY,
        indicators: buildOverview(d.plan, d.tasks, d.reports, TODAY),
      }),
    ],
    [
      'unreported (/未报送)',
      renderUnreportedCard({ period: last, units: findUnreported(d.tasks, d.reports, last) }),
    ],
    ['warnings (/黄牌)', renderWarningsCard({ warnings: live })],
    [
      'warnings of one unit (/黄牌 单位)',
      renderWarningsCard({ unit: biggestUnit, warnings: live.filter((w) => w.unit === biggestUnit) }),
    ],
    [
      'unit (/单位, /我的)',
      renderUnitCard(
        buildUnitDetail({
          unit: busiest,
          now: NOW,
          tasks: d.tasks,
          reports: d.reports,
          warnings: live.filter((w) => w.unit === busiest),
        }),
      ),
    ],
    [
      'task (/事项)',
      renderTaskCard({
        plan: d.plan,
        task: mostReported,
        reports: reportsOf(mostReported.code),
        warnings: d.warnings.filter((w) => w.taskCode === mostReported.code),
        today: TODAY,
      }),
    ],
    [
      'office to-do (/我的, office)',
      renderOfficeTodo(
        buildOfficeTodo({
          tasks: d.tasks,
          reportsThisMonth: d.reports.filter((r) => r.period === period),
          proposed: d.warnings.filter((w) => w.proposed),
          now: NOW,
        }),
      ),
    ],
    [
      'assessment (/考核)',
      renderAssessmentCard({ year, rows, rule: defaults.assessment, draft: false, periods }),
    ],
    [
      'reminder (进展提醒)',
      renderReminderCard(
        buildReminder({
          tasks: d.tasks,
          reports: d.reports,
          members: d.members,
          period,
          dueDay: `${period}-25`,
          now: NOW,
        }),
      ),
    ],
    [
      'deadline reminders (到期提醒)',
      renderDeadlineRemindersCard(
        open.map((t) => ({
          code: t.code,
          problem: t.problem,
          deadline: t.deadline as string,
          daysLeft: 7,
          unit: t.leadUnits[0] as string,
          memberOpenIds: membersOf(t.leadUnits[0] as string),
        })),
      ),
    ],
    [
      'overdue alert (逾期预警)',
      renderOverdueAlertCard({
        day: TODAY,
        items: overdue.map((t, i) => ({
          code: t.code,
          problem: problemOf(t.code),
          deadline: t.deadline as string,
          unit: t.leadUnits[0] as string,
          warningId: `Y${String(i).padStart(4, '0')}`,
          memberOpenIds: membersOf(t.leadUnits[0] as string),
        })),
      }),
    ],
    [
      'confirm outcome (/确认黄牌)',
      renderConfirmOutcome({ confirmed: d.warnings.filter((w) => w.proposed), already: live }),
    ],
    [
      'task log (/记录), a full page',
      renderTaskLogCard({
        task: mostReported,
        page: 1,
        hasMore: true,
        entries: reportsOf(mostReported.code)
          .slice(-TASK_LOG_PAGE_SIZE)
          .map((r) => ({
            at: r.createdAt,
            actor: r.reporterOpenId,
            actorName: r.reporterName,
            action: 'report.create' as const,
            planId: r.planId,
            taskCode: r.taskCode,
            unit: r.unit,
            source: r.messageId,
            before: { state: 'in_progress' },
            after: { state: 'in_progress', period: r.period, percent: r.percent, text: r.text },
          })),
      }),
    ],
    [
      'report receipt (/进展)',
      renderReportReceipt({
        task: mostReported,
        report: reportsOf(mostReported.code).at(-1)!,
        created: true,
      }),
    ],
    [
      'sign-off request (/申请销号)',
      renderSignoffRequestCard({ code: mostReported.code, note: mostReported.problem, evidence: 3 }),
    ],
    [
      'sign-off request, decided',
      renderSignoffDecidedCard({
        ...mostReported,
        state: 'closed',
        signoff: { note: mostReported.problem, evidence: [], requestedBy: 'ou_a', requestedAt: NOW },
        lastChange: { action: 'signoff.approve', by: 'ou_b', byName: '高志平', at: NOW },
      }),
    ],
    [
      'schedule (/日程)',
      renderScheduleCard({
        items: d.periods.slice(-12).flatMap((p) => [
          { at: NOW, name: '进展提醒', label: `${p} 进展提醒` },
          { at: NOW, name: '点名通报', label: `${p} 点名` },
          { at: NOW, name: '月度通报', label: `${p} 通报` },
        ]),
      }),
    ],
    ['year end (年终)', renderYearEndCard({ year, planTitle: d.plan.title })],
    [
      'help, office (/帮助)',
      renderHelpCard({
        isOffice: true,
        commands: listCommands().map(({ usage, summary, officeOnly, example }) => ({
          usage,
          summary,
          officeOnly,
          example,
        })),
      }),
    ],
  ];
}

describe.each([
  ['the seed size', 46],
  ['ten times the seed', 460],
])('every plan-wide card at %s passes the fake Lark card rules', (_label, size) => {
  let fake: FakeLark;
  let messenger: Messenger;
  let chatId: string;
  let dataset: Dataset;
  beforeAll(async () => {
    fake = createFakeLark({});
    await fake.start();
    const generated = generateDataset(size);
    // Lark's open_ids are `ou_` and hex; the generator's carry the unit's Chinese name.
    const realistic = (openId: string) => `ou_${createHash('md5').update(openId).digest('hex')}`;
    dataset = {
      ...generated,
      members: generated.members.map((m) => ({ ...m, openId: realistic(m.openId) })),
    };
    // Roll calls @ the members of units that missed their report: they are in the group.
    chatId = fake.createChat({
      name: '上犹县优化营商环境整改工作群',
      members: dataset.members.map((m) => ({ openId: m.openId, name: m.name })),
    });
    const config = { lark: { appId: fake.appId, appSecret: fake.appSecret, domain: fake.url } };
    messenger = createMessengerFromConfig(config as never, createLogger('silent')).messenger;
  });
  afterAll(async () => {
    await fake?.stop();
  });

  it('sends each card, and no request body exceeds 30,000 bytes', { timeout: 120_000 }, async () => {
    expect(dataset.tasks).toHaveLength(size);
    const cards = planCards(dataset);
    const refused: string[] = [];
    for (const [n, [name, built]] of cards.entries()) {
      await messenger.sendCard(chatId, built, `every-card-${size}-${n}`).catch((error: Error) => {
        refused.push(`${name}: ${error.message}`);
      });
    }
    expect(refused).toEqual([]);
    const sends = fake.calls.filter((c) => c.method === 'POST' && c.path === '/open-apis/im/v1/messages');
    expect(sends.filter((c) => c.code === 0)).toHaveLength(cards.length);
    const bodies = sends.map((c) => Buffer.byteLength(JSON.stringify(c.body)));
    const largest = Math.max(...bodies);
    const largestCard = cards[bodies.indexOf(largest)]?.[0];
    console.info(
      `every-card: ${size} tasks, ${cards.length} cards, largest request body ${largest} bytes (${largestCard})`,
    );
    expect(largest).toBeLessThanOrEqual(BODY_LIMIT);
    expect(fake.messages().filter((m) => m.chatId === chatId && m.msgType === 'interactive')).toHaveLength(
      cards.length,
    );
  });
});
