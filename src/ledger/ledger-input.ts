import type { StoredPlan } from '../domain/plan/stored-plan.js';
import type { Report } from '../domain/reports/report.js';
import type { Task } from '../domain/tasks/task.js';
import type { Warning } from '../domain/warnings/warning.js';

/** Everything the ledger is built from; records of other plans are ignored. */
export interface LedgerInput {
  plan: StoredPlan;
  tasks: Task[];
  reports: Report[];
  warnings: Warning[];
  /** `YYYY-MM-DD` in Asia/Shanghai: the day overdue is judged on. */
  today: string;
}
