import { localDay } from '../domain/clock.js';
import type { DomainDeps } from '../domain/deps.js';
import { loadPlan } from '../domain/shared/load.js';

/** The ledger of the plan in force as an .xlsx named by its date, e.g. `整改台账-2023-05-19.xlsx`. */
export async function exportLedger(deps: DomainDeps): Promise<{ fileName: string; data: Buffer }> {
  const plan = await loadPlan(deps);
  const [tasks, reports, warnings] = await Promise.all([
    deps.repos.tasks.list(plan.planId, { includeWithdrawn: true }),
    deps.repos.reports.list({ planId: plan.planId }),
    deps.repos.warnings.list({ planId: plan.planId, includeRevoked: true }),
  ]);
  const now = deps.clock.now();
  // exceljs is loaded on first use: about 23 MB that most processes never need.
  const { writeLedgerXlsx } = await import('../ledger/ledger-workbook.js');
  const data = await writeLedgerXlsx({ plan, tasks, reports, warnings, now });
  return { fileName: `整改台账-${localDay(now)}.xlsx`, data };
}
