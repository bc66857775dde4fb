import { localDay } from '../domain/clock.js';
import type { Member } from '../domain/members/member.js';
import type { StoredPlan } from '../domain/plan/stored-plan.js';
import { withLatestReports } from '../domain/queries/reporting-status.js';
import type { Report } from '../domain/reports/report.js';
import { loadPlan } from '../domain/shared/load.js';
import type { Task } from '../domain/tasks/task.js';
import type { Warning } from '../domain/warnings/warning.js';
import type { SupervisionDeps } from './supervision-deps.js';

/**
 * Everything an automatic post reads, loaded once and computed in code, not in queries. `reports`
 * holds what the post's scope asked for (see `ReportScope`).
 */
export interface SupervisionState {
  plan: StoredPlan;
  tasks: Task[];
  reports: Report[];
  warnings: Warning[];
  members: Member[];
  now: Date;
  today: string;
}

/**
 * The reports a post reads: `{ periods }` reads those months' reports (each by indexed equality) and
 * adds each task's latest report (`Task.latestReport`), so the cost does not grow with the plan's
 * history; `all` reads every report (the year's assessment, a bulletin of a month already over).
 */
export type ReportScope = { periods: string[] } | 'all';

export async function loadState(
  deps: Pick<SupervisionDeps, 'domain'>,
  scope: ReportScope,
): Promise<SupervisionState> {
  const { repos, clock } = deps.domain;
  const plan = await loadPlan(deps.domain);
  const { planId } = plan;
  const [tasks, reports, warnings, members] = await Promise.all([
    repos.tasks.list(planId),
    scope === 'all'
      ? repos.reports.list({ planId })
      : Promise.all(scope.periods.map((period) => repos.reports.list({ planId, period }))).then((lists) =>
          lists.flat(),
        ),
    repos.warnings.list({ planId }),
    repos.members.list(),
  ]);
  const now = clock.now();
  const known = scope === 'all' ? reports : withLatestReports(tasks, reports);
  return { plan, tasks, reports: known, warnings, members, now, today: localDay(now) };
}

/** Open ids of `unit`'s bound members who are in the group (read page by page from Lark). */
export function membersInGroup(members: Member[], inGroup: Set<string>, unit: string): Member[] {
  return members.filter((m) => m.unit === unit && inGroup.has(m.openId));
}

/** The group's member open ids; our own page loop, because the SDK's iterator stops silently on an error. */
export async function groupMemberIds(deps: SupervisionDeps): Promise<Set<string>> {
  return new Set((await deps.messenger.listChatMembers(deps.chatId)).map((m) => m.openId));
}
