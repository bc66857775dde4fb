import { periodOf } from '../clock.js';
import type { Tenancy } from '../deps.js';
import { fail } from '../errors.js';
import { type Caller, OFFICE_UNIT } from '../members/member.js';
import { bindMember } from '../members/members.service.js';
import type { ChatBindingResult } from '../ports.js';
import { type ImportSummary, importPlan } from './import-plan.js';
import type { Plan } from './plan.js';
import { archivedNote } from './plan-admin.js';
import type { StoredPlan } from './stored-plan.js';

/** One group serves one plan: the refusal when `chatId` already serves another. */
export function groupTakenMessage(takenBy: string, wanted: string): string {
  return `本群已督办方案 ${takenBy}，不能再导入方案 ${wanted}；一个群只督办一个方案。未导入任何内容。`;
}

/** One plan has one work group: the refusal when the plan is served in another group already. */
export function planElsewhereMessage(wanted: string): string {
  return `方案 ${wanted} 已在另一个工作群督办，不能再绑定本群；一个方案只在一个工作群督办（自动提醒、点名和通报都发到该群）。未导入任何内容。`;
}

/** Why binding `wanted` to a group was refused. */
export function bindingRefusal(refused: Exclude<ChatBindingResult, { bound: true }>, wanted: string): string {
  return 'takenBy' in refused ? groupTakenMessage(refused.takenBy, wanted) : planElsewhereMessage(wanted);
}

/**
 * Whether the notice may be imported into `chatId`, checked for the preview and again on 确认导入:
 * a group serving another plan refuses (naming it), and so do a plan of the same 文号 served in
 * another group (one work group per plan) and an archived one (nothing of it may change). Returns
 * the stored plan of that 文号 (a re-import) or null (a new one).
 */
export async function importTarget(tenancy: Tenancy, chatId: string, plan: Plan): Promise<StoredPlan | null> {
  if (await tenancy.catalog.rollupOf(chatId))
    fail('INVALID_STATE', `本群是汇总群，不能导入方案；请在方案自己的工作群中导入。未导入任何内容。`);
  const holder = await tenancy.catalog.byChat(chatId);
  if (holder && holder.planId !== plan.docNo) fail('CONFLICT', groupTakenMessage(holder.planId, plan.docNo));
  const existing = await tenancy.catalog.get(plan.docNo);
  if (existing?.status === 'archived') fail('INVALID_STATE', `${archivedNote(existing)}未导入任何内容。`);
  if (existing?.chats.length && !existing.chats.includes(chatId))
    fail('CONFLICT', planElsewhereMessage(plan.docNo));
  return existing;
}

/**
 * 确认导入 in a work group: imports the notice as its plan (a re-import of the group's own 文号
 * updates it: texts and deadlines with history, reports kept, dropped tasks withdrawn), binds the
 * plan to the group, and binds the office person who confirmed as the plan's office member. What
 * `importTarget` refuses is refused before anything is stored; of two plans claiming one group at
 * once, the chat binding (a unique key) lets one win, and the other is told which.
 */
export async function importIntoGroup(
  tenancy: Tenancy,
  caller: Caller,
  input: { chatId: string; plan: Plan; source: string },
): Promise<{ summary: ImportSummary; officeBound: boolean }> {
  const { chatId, plan, source } = input;
  if (!caller.isOffice) fail('OFFICE_ONLY', '/导入 仅限县优化营商环境办督办员使用。');
  await importTarget(tenancy, chatId, plan);
  const deps = tenancy.forPlan(plan.docNo);
  const existing = await deps.repos.plans.current();
  // The straight line that judges slow progress starts when the plan is first imported, and stays.
  const start = existing?.start ?? `${periodOf(tenancy.settings.clock.now())}-01`;
  const binding = await tenancy.catalog.bindChat(plan.docNo, chatId);
  if (!binding.bound) fail('CONFLICT', bindingRefusal(binding, plan.docNo));
  const summary = await importPlan(deps, plan, { actor: caller.openId, start, source });
  const bound = await deps.repos.members.get(caller.openId);
  const officeBound = bound?.role !== 'office';
  if (officeBound)
    await bindMember(deps, caller, {
      openId: caller.openId,
      name: caller.name ?? '督办员',
      unit: OFFICE_UNIT,
      role: 'office',
      source,
    });
  return { summary, officeBound };
}
