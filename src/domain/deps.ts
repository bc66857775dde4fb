import type { Clock } from './clock.js';
import type { Repositories } from './ports.js';

/** What every use case gets: storage, the clock and the few settings the rules need. */
export interface DomainDeps {
  repos: Repositories;
  clock: Clock;
  /** Office admins from config (open_ids); bound `office` members count too. */
  officeAdminOpenIds: readonly string[];
  /** Percentage points behind the straight line that count as slow progress. */
  slowProgressGap: number;
  /** Similarity (0–1) to the unit's previous report that marks a report 与上月雷同; 0.9 when unset. */
  reportSimilarityThreshold?: number;
}
