import type { Clock } from './clock.js';
import type { PlanCatalog, Repositories, Storage } from './ports.js';

/** The settings every use case gets, the same in every plan. */
export interface DomainSettings {
  clock: Clock;
  /** Office admins from config (open_ids): office of every plan; bound `office` members count too. */
  officeAdminOpenIds: readonly string[];
  /** Percentage points behind the straight line that count as slow progress. */
  slowProgressGap: number;
  /** Similarity (0–1) to the unit's previous report that marks a report 与上月雷同; 0.9 when unset. */
  reportSimilarityThreshold?: number;
}

/** What every use case gets: one plan's storage, the clock and the few settings the rules need. */
export interface DomainDeps extends DomainSettings {
  repos: Repositories;
}

/** The plans of a deployment: the catalog, and each plan's use-case dependencies. */
export interface Tenancy {
  catalog: PlanCatalog;
  settings: DomainSettings;
  /** The use cases' dependencies within one plan; nothing read or written through them is another plan's. */
  forPlan(planId: string): DomainDeps;
  /**
   * Drops the plan, unit and member reads the storage keeps in the process when another process
   * changed them (a no-op over a storage that keeps none). At the start of each event and job.
   */
  refresh(): Promise<void>;
}

export function createTenancy(
  storage: Storage & { refresh?: () => Promise<void> },
  settings: DomainSettings,
): Tenancy {
  const deps = new Map<string, DomainDeps>();
  return {
    catalog: storage.catalog,
    settings,
    refresh: async () => storage.refresh?.(),
    forPlan(planId) {
      let plan = deps.get(planId);
      if (!plan) {
        plan = { ...settings, repos: storage.forPlan(planId) };
        deps.set(planId, plan);
      }
      return plan;
    },
  };
}
