import type { PlanContact } from './plan.js';
import type { PlanSettings, SettingsChange } from './plan-settings.js';

/** The notice's header as an import writes it: its indicators, and when it was imported. */
export interface PlanHeader {
  /** The 文号, e.g. `上营商〔2023〕1号`: the plan's id, the unit of tenancy. */
  planId: string;
  docNo: string;
  title: string;
  /** The notice's issuing body (its 发文机关标志), when it prints one. */
  issuer?: string;
  year: number;
  reportDay: number;
  contact: PlanContact;
  /** `YYYY-MM-DD`: the start of the straight line used to judge slow progress. */
  start: string;
  indicators: { seq: number; name: string; leadUnits: string[] }[];
  importedAt: Date;
}

/** `active`: supervised (posts, reminders); `archived` (结案): every task signed off, posts stop, data stays readable. */
export type PlanStatus = 'active' | 'archived';

/** A stored plan: its header plus where it is served; a re-import changes only the header. */
export interface StoredPlan extends PlanHeader {
  /**
   * The plan's work group (open chat id), where its automatic posts go: one per plan (`bindChat`); a
   * plan bound to several by an earlier release keeps them, first bound first, and posts to the first.
   */
  chats: string[];
  status: PlanStatus;
  /** What a member of several plans types before a command in a direct message (`审计整改 /逾期`). */
  shortName?: string;
  archivedAt?: Date;
  archivedBy?: string;
  archivedByName?: string;
  /** The plan's own cycle settings over the deployment's (`/设置`); unset, the deployment's. */
  settings?: PlanSettings;
  /** The last change of `settings`. */
  settingsChange?: SettingsChange;
}

/** The name a plan is known by in chat: its short name, else its 文号. */
export const planName = (plan: Pick<StoredPlan, 'shortName' | 'docNo'>): string =>
  plan.shortName ?? plan.docNo;
