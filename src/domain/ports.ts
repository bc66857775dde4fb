import type { AuditAction, AuditEntry } from './audit/audit-entry.js';
import type { Member } from './members/member.js';
import type { PlanSettings, SettingsChange } from './plan/plan-settings.js';
import type { PlanHeader, PlanStatus, StoredPlan } from './plan/stored-plan.js';
import type { PostClaim, PostKind } from './posts/post.js';
import type { Report } from './reports/report.js';
import type { Task, TaskChangeNote } from './tasks/task.js';
import type { Unit } from './units/unit.js';
import type { Revocation, Warning } from './warnings/warning.js';

/*
 * Persistence as the domain sees it: plain objects in, plain objects out. The plan is the unit of
 * tenancy: `Repositories` are one plan's view (`Storage.forPlan`), and nothing read or written through
 * them belongs to another plan; `PlanCatalog` is the one view across plans.
 */

/** The plan of the view. */
export interface PlanRepository {
  /** The plan, or null before its first import. */
  current(): Promise<StoredPlan | null>;
  /** Writes the notice's header; the plan's groups, status and short name are kept (a new plan starts active, in no group). */
  save(header: PlanHeader): Promise<void>;
  /**
   * Archives the plan (结案): one winner by a unique-key decision. Returns null when someone else
   * archived it first (the plan as they left it tells who and when).
   */
  archive(by: { actor: string; actorName?: string; at: Date }): Promise<StoredPlan | null>;
  /** Sets the short name a member of several plans types before a command in a direct message. */
  rename(shortName: string): Promise<void>;
  /**
   * Replaces the plan's own settings (`/设置`): one winner per `change.version` by a unique-key
   * decision. Returns the plan as changed, or null when someone else changed them first.
   */
  configure(settings: PlanSettings, change: SettingsChange): Promise<StoredPlan | null>;
}

/** Every plan of the deployment, and where each is served. */
export interface PlanCatalog {
  list(filter?: { status?: PlanStatus }): Promise<StoredPlan[]>;
  get(planId: string): Promise<StoredPlan | null>;
  /** The plan a work group serves (a group serves at most one plan). */
  byChat(chatId: string): Promise<StoredPlan | null>;
  /** The plans in which the person is bound to a unit or to the office. */
  plansOfMember(openId: string): Promise<string[]>;
  /**
   * Binds a group to a plan: a group serves one plan and a plan has one work group. Refused with
   * `takenBy` (the other plan) when the group serves another plan, with `planGroup` (its group) when
   * the plan has another group already; of two claims at once one wins. Binding a plan to its own
   * group again is `bound`.
   */
  bindChat(planId: string, chatId: string): Promise<ChatBindingResult>;
  /** The roll-up group (汇总群) a chat is, if it is one. */
  rollupOf(chatId: string): Promise<RollupGroup | null>;
  /** Every roll-up group, oldest first (their monthly roll-up bulletin). */
  listRollups(): Promise<RollupGroup[]>;
  /** Makes a chat a roll-up group of plans: one winner (false when it already is one). */
  bindRollup(group: RollupGroup): Promise<boolean>;
}

/** What binding a group to a plan did (`PlanCatalog.bindChat`). */
export type ChatBindingResult =
  | { bound: true }
  | { bound: false; takenBy: string }
  | { bound: false; planGroup: string };

/** A group that sees several plans at once (a city office's 汇总群): /总览 and /逾期 across them. */
export interface RollupGroup {
  chatId: string;
  planIds: string[];
  boundBy: string;
  boundAt: Date;
}

/** The storage of a deployment: the catalog, and each plan's repositories. */
export interface Storage {
  catalog: PlanCatalog;
  forPlan(planId: string): Repositories;
}

export interface TaskRepository {
  list(planId: string, options?: { includeWithdrawn?: boolean }): Promise<Task[]>;
  get(planId: string, code: string): Promise<Task | null>;
  /**
   * The task as its document stands, without the decided changes it may lag behind (`get` reads
   * those too: two reads). For a use case that claims the next version wherever the state matters (a
   * report): against a lagging document the claim loses, and `changeTask` reloads with `get`.
   */
  peek(planId: string, code: string): Promise<Task | null>;
  /**
   * Inserts new tasks in order, in one round trip; a task whose plan and code exist is refused with
   * duplicate key 11000, and the ones after it are not inserted.
   */
  insert(...tasks: Task[]): Promise<void>;
  /**
   * Claims version `task.version + 1` for `changes` (one winner, whatever the server); returns the new
   * task, or null when someone else changed the task first (reload and re-validate). `note` becomes
   * the task's `lastChange`.
   */
  update(
    task: Task,
    changes: Partial<Omit<Task, 'planId' | 'code' | 'version' | 'lastChange'>>,
    note?: TaskChangeNote,
  ): Promise<Task | null>;
  /**
   * Keeps `report` as its task's `latestReport` unless a later one (by `createdAt`) is kept already;
   * idempotent, and no version is claimed (a summary, not a decision).
   */
  noteReport(report: Report): Promise<void>;
}

export interface UnitRepository {
  list(): Promise<Unit[]>;
  upsert(unit: Unit): Promise<void>;
}

export interface ReportRepository {
  /** Stores a report; `duplicate` when its message was already stored. */
  add(report: Report): Promise<'created' | 'duplicate'>;
  /** The report a chat message stored, if any. */
  findByMessageId(messageId: string): Promise<Report | null>;
  /** Oldest first. `before` keeps the months before it (`YYYY-MM`), `period` the one month. */
  list(filter: {
    planId: string;
    period?: string;
    before?: string;
    taskCode?: string;
    unit?: string;
  }): Promise<Report[]>;
}

export interface WarningRepository {
  /** Stores a card; `duplicate` when a card with the same key exists. */
  issue(warning: Warning): Promise<'created' | 'duplicate'>;
  list(filter: {
    planId: string;
    unit?: string;
    period?: string;
    includeRevoked?: boolean;
    /** Proposed cards not yet confirmed are left out unless asked for. */
    includeProposed?: boolean;
  }): Promise<Warning[]>;
  get(id: string): Promise<Warning | null>;
  findByKey(key: string): Promise<Warning | null>;
  /** Decides the revocation (one winner); null when someone else revoked the card first. */
  revoke(warning: Warning, revocation: Revocation): Promise<Warning | null>;
  /**
   * Confirms a proposed card: a unique-key insert of its confirmation decides who wins, so of two
   * office members confirming at once exactly one gets the card back; the other gets null.
   */
  confirm(id: string, by: string, at: Date): Promise<Warning | null>;
}

export interface MemberRepository {
  get(openId: string): Promise<Member | null>;
  list(): Promise<Member[]>;
  /**
   * Decides a binding (one winner, whatever the server): `before` is the replaced binding; when
   * another binding or unbinding of the person was decided first, `won` is false with what it left.
   * With `unseenSince`, a binding decided by someone else at or after that moment (the command's
   * sender could not have seen it) also makes `won` false, rather than being silently replaced.
   */
  bind(
    member: Member,
    options?: { unseenSince?: Date },
  ): Promise<{ won: true; before: Member | null } | { won: false; current: Member | null }>;
  /** Removes the binding; the previous one, or null when there was none (or another change won). */
  unbind(openId: string, by: { actor: string; actorName?: string; at: Date }): Promise<Member | null>;
}

export interface AuditRepository {
  record(entry: AuditEntry): Promise<void>;
  /** Whether an entry of `action` caused by `source` exists (an indexed lookup, no sort). */
  exists(action: AuditAction, source: string): Promise<boolean>;
  list(filter: {
    taskCode?: string;
    unit?: string;
    action?: AuditAction;
    /** The chat message or job that caused the entry. */
    source?: string;
    limit?: number;
    /** Entries to pass over first, newest first (paging). */
    skip?: number;
  }): Promise<AuditEntry[]>;
}

export interface PostRepository {
  /** Claims `key`, or returns the existing claim (then `created` is false). */
  claim(key: string, kind: PostKind, uuid: string, at: Date): Promise<{ claim: PostClaim; created: boolean }>;
  markSent(key: string, messageId: string, at: Date): Promise<void>;
  /** Keeps what a claimed post shows (`content`), so a later re-post can show the same. */
  keepContent(key: string, content: string): Promise<void>;
  list(filter?: { kind?: PostKind }): Promise<PostClaim[]>;
}

/** Everything the use cases need to read and write. */
/** The message of each sign-off request's card, so the decision can update the card in place. */
export interface SignoffCardRepository {
  /** Keeps the card of a request (`key` names it); a later card of the same key replaces it. */
  remember(key: string, messageId: string): Promise<void>;
  find(key: string): Promise<string | null>;
}

export interface Repositories {
  plans: PlanRepository;
  tasks: TaskRepository;
  units: UnitRepository;
  reports: ReportRepository;
  warnings: WarningRepository;
  members: MemberRepository;
  audit: AuditRepository;
  posts: PostRepository;
  signoffCards: SignoffCardRepository;
}
