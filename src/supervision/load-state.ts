import { localDay } from '../domain/clock.js';
import type { Member } from '../domain/members/member.js';
import type { StoredPlan } from '../domain/plan/stored-plan.js';
import type { Report } from '../domain/reports/report.js';
import { loadPlan } from '../domain/shared/load.js';
import type { Task } from '../domain/tasks/task.js';
import type { Warning } from '../domain/warnings/warning.js';
import type { SupervisionDeps } from './supervision-deps.js';

/** Everything an automatic post reads, loaded once (the data is small; computed in code, not in queries). */
export interface SupervisionState {
  plan: StoredPlan;
  tasks: Task[];
  reports: Report[];
  warnings: Warning[];
  members: Member[];
  now: Date;
  today: string;
}

export async function loadState(deps: SupervisionDeps): Promise<SupervisionState> {
  const { repos, clock } = deps.domain;
  const plan = await loadPlan(deps.domain);
  const [tasks, reports, warnings, members] = await Promise.all([
    repos.tasks.list(plan.planId),
    repos.reports.list({ planId: plan.planId }),
    repos.warnings.list({ planId: plan.planId }),
    repos.members.list(),
  ]);
  const now = clock.now();
  return { plan, tasks, reports, warnings, members, now, today: localDay(now) };
}

/** Open ids of `unit`'s bound members who are in the group (read page by page from Lark). */
export function membersInGroup(members: Member[], inGroup: Set<string>, unit: string): Member[] {
  return members.filter((m) => m.unit === unit && inGroup.has(m.openId));
}

/** The group's member open ids; our own page loop, because the SDK's iterator stops silently on an error. */
export async function groupMemberIds(deps: SupervisionDeps): Promise<Set<string>> {
  return new Set((await deps.messenger.listChatMembers(deps.chatId)).map((m) => m.openId));
}
