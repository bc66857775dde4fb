/** A quantitative target stated in a problem: "80.36%, 前沿 95%" → baseline 80.36, target 95, higher is better. */
export interface Kpi {
  /** Short name units type in reports, e.g. `网上办理率` (`网上办理率=88.5%`). */
  name: string;
  baseline: number;
  target: number;
  /** Unit of measure as written: `%`, `小时/户`, `周`, `元`. */
  unit: string;
  /** `decrease`: lower is better (SAIDI, fees); `increase`: higher is better (rates). */
  direction: 'increase' | 'decrease';
}

/** One problem of the notice (问题) with its measures and deadline. */
export interface PlanTask {
  /** `指标序号.问题序号`, e.g. `6.1`. */
  code: string;
  problem: string;
  measures: string[];
  /** `YYYY-MM-DD`, or null for `长期坚持` without a date. */
  deadline: string | null;
  /** `并长期坚持` / `长期坚持`: keeps reporting after sign-off. */
  ongoing: boolean;
  kpi?: Kpi;
  /** Lead units when they differ from the indicator's (set by an overlay). */
  leadUnits?: string[];
  /** Co-responsible units (set by an overlay). */
  coUnits?: string[];
}

/** One of the plan's areas (指标) with its lead unit(s). */
export interface PlanIndicator {
  seq: number;
  name: string;
  leadUnits: string[];
  /** Co-responsible units when the heading names them (`配合单位：…`). */
  coUnits?: string[];
  tasks: PlanTask[];
}

/** The office contact printed at the end of the notice. */
export interface PlanContact {
  person?: string;
  phone?: string;
  email?: string;
}

/** A parsed notice (整改方案): the shape `npm run plan -- parse` prints. */
export interface Plan {
  /** 文号, e.g. `上营商〔2023〕1号`. */
  docNo: string;
  title: string;
  /**
   * The issuing body as its 发文机关标志 states it (`上犹县优化营商环境工作领导小组文件` →
   * `上犹县优化营商环境工作领导小组`); absent when the notice prints none (a bare task list).
   */
  issuer?: string;
  /** The year of the document number (2023 for the seed). */
  year: number;
  /** Day of the month by which units report (`每月25日前` → 25). */
  reportDay: number;
  contact: PlanContact;
  indicators: PlanIndicator[];
  /** Defaults the parser applied (e.g. no report day in the notice); absent when there were none. */
  warnings?: string[];
}
