/** A KPI value stated in a report, e.g. `网上办理率=88.5%`. */
export interface KpiValue {
  name: string;
  value: number;
}

/** A unit's progress report on a task for a month; every report is kept, the latest of a month counts. */
export interface Report {
  id: string;
  planId: string;
  taskCode: string;
  /** The reporter's unit. */
  unit: string;
  /** Report month `YYYY-MM` (Asia/Shanghai). */
  period: string;
  /** Made after the month's report day (a report after the 25th, or a 补报 of the previous month). */
  late?: boolean;
  text: string;
  percent?: number;
  kpiValues: KpiValue[];
  reporterOpenId: string;
  reporterName?: string;
  /** The chat message it came from (unique: a re-delivery stores nothing). */
  messageId: string;
  createdAt: Date;
}
