import { createHash } from 'node:crypto';
import type { Clock } from '../../src/domain/clock.js';
import type { Tenancy } from '../../src/domain/deps.js';
import { importPlan } from '../../src/domain/plan/import-plan.js';
import type { Plan } from '../../src/domain/plan/plan.js';
import { DEMO_OFFICE, DEMO_PEOPLE } from './demo-group.js';

/** A demo group of its own for a notice given with `npm start -- --plan <notice>`. */
export interface PlanGroup {
  /** Fixed by the notice's 文号, so the group and its history stay the same across restarts. */
  chatId: string;
  name: string;
  plan: Plan;
}

/** The demo group of a notice: a chat id from its 文号, named after it. */
export function planGroupOf(plan: Plan): PlanGroup {
  const hash = createHash('sha256').update(plan.docNo).digest('hex').slice(0, 32);
  return { chatId: `oc_${hash}`, name: `${plan.docNo} 整改工作群`, plan };
}

/**
 * Imports the notice's plan (on its first start, or after the demo data was reset) and binds it to
 * its demo group; the demo office admin is its office, and each demo liaison whose unit the plan has
 * is bound to that unit. Returns a reason when the group cannot serve it (another plan's 文号 there).
 */
export async function ensurePlanGroup(
  tenancy: Tenancy,
  group: PlanGroup,
  input: { start: string; clock: Clock },
): Promise<string | undefined> {
  const { plan } = group;
  const deps = tenancy.forPlan(plan.docNo);
  if (!(await tenancy.catalog.get(plan.docNo)))
    await importPlan(deps, plan, { actor: 'system', start: input.start, source: 'playground --plan' });
  const binding = await tenancy.catalog.bindChat(plan.docNo, group.chatId);
  if (!binding.bound) return 'takenBy' in binding ? `群已绑定 ${binding.takenBy}` : '方案已在另一个群';
  const units = new Set(
    plan.indicators.flatMap((i) => [...i.leadUnits, ...i.tasks.flatMap((t) => t.leadUnits ?? [])]),
  );
  for (const person of DEMO_PEOPLE) {
    const isOffice = person.openId === DEMO_OFFICE.openId;
    if (!person.unit || !person.role || !(isOffice || units.has(person.unit))) continue;
    if (await deps.repos.members.get(person.openId)) continue;
    await deps.repos.members.bind({
      openId: person.openId,
      name: person.name,
      unit: person.unit,
      role: person.role,
      boundBy: DEMO_OFFICE.openId,
      boundAt: input.clock.now(),
    });
  }
  return undefined;
}
