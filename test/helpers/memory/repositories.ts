import type { AuditEntry } from '../../../src/domain/audit/audit-entry.js';
import type { Member } from '../../../src/domain/members/member.js';
import type { PlanHeader, StoredPlan } from '../../../src/domain/plan/stored-plan.js';
import type {
  AuditRepository,
  MemberRepository,
  PlanCatalog,
  PlanRepository,
  PostRepository,
  ReportRepository,
  Repositories,
  RollupGroup,
  SignoffCardRepository,
  Storage,
  TaskRepository,
  UnitRepository,
  WarningRepository,
} from '../../../src/domain/ports.js';
import type { PostClaim } from '../../../src/domain/posts/post.js';
import type { Report } from '../../../src/domain/reports/report.js';
import type { Task } from '../../../src/domain/tasks/task.js';
import { compareTaskCodes } from '../../../src/domain/tasks/task-code.js';
import type { Unit } from '../../../src/domain/units/unit.js';
import { revocationFields, type Warning } from '../../../src/domain/warnings/warning.js';
import { guardOutages } from '../../../src/persistence/outage.js';

/*
 * In-memory repositories, honest to the ports as src/persistence/repositories/*.ts implement them:
 * - unique keys refuse the same way the Mongo repositories surface the refusal (a `duplicate` return,
 *   `created: false`, null from a lost decision, or a thrown code 11000 where Mongo throws one);
 * - every guarded change claims the same decision key the Mongo repositories insert into
 *   `decisions` (`task:<plan>:<code>:<version>`, `warning.revoke:<id>`, `member:<plan>:<openId>:<seq>`), so
 *   versions and binding sequences advance exactly as they do there;
 * - what goes in and what comes out are copies, with undefined fields dropped as BSON drops them.
 * Each method's check and write happen in one synchronous step: JavaScript runs one call at a time,
 * so of two concurrent callers exactly one wins, as the unique index decides on the servers.
 *
 * What they do NOT imitate:
 * - mongoose's schema: no required-field validation, no casting, unknown fields are kept (Mongo's
 *   strict schema drops them), and empty sub-objects are kept (mongoose `minimize` drops them on
 *   collections without `minimize: false`);
 * - the repair path of src/persistence/decisions.ts: here a winner's write cannot lag behind its
 *   decision (no crash between the insert and the write), so readers never overlay or roll forward;
 * - FerretDB's quirks (a version filter that does not guard, unique indexes letting documents without
 *   the field through) and anything across processes;
 * - sort ties: MongoDB leaves their order unspecified; here they keep insertion order.
 */

/** MongoDB's duplicate-key error as the driver throws it (`isDuplicateKey` reads `code`). */
function duplicateKeyError(collection: string, key: Record<string, unknown>): Error {
  return Object.assign(
    new Error(`E11000 duplicate key error collection: ${collection} dup key: ${JSON.stringify(key)}`),
    { name: 'MongoServerError', code: 11000 },
  );
}

/** A deep copy as a document round trip gives it back: Dates copied, undefined fields dropped. */
export function copy<T>(value: T): T {
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Buffer.isBuffer(value)) return Buffer.from(value) as T;
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : copy(item))) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [field, inner] of Object.entries(value)) if (inner !== undefined) out[field] = copy(inner);
    return out as T;
  }
  return value;
}

/** Stable sort by a key (ties keep insertion order). */
function sortBy<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => compare(a.item, b.item) || a.index - b.index)
    .map(({ item }) => item);
}

const time = (date: Date | string | undefined) => (date ? new Date(date).getTime() : 0);
/** MongoDB compares strings by their UTF-8 bytes; for the BMP (all Chinese unit names) that is `<`. */
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The one `decisions` collection every guarded repository claims its steps in. */
interface Decision {
  subject: string;
  seq: number;
  actor: string;
  at: Date;
}

function createDecisions() {
  const records = new Map<string, Decision>();
  return {
    /** False when another caller decided this step first (the duplicate key of the Mongo insert). */
    claim(key: string, decision: Decision): boolean {
      if (records.has(key)) return false;
      records.set(key, copy(decision));
      return true;
    },
    has: (key: string) => records.has(key),
    latest(subject: string): Decision | undefined {
      let newest: Decision | undefined;
      for (const record of records.values())
        if (record.subject === subject && (!newest || record.seq > newest.seq)) newest = record;
      return newest;
    },
    size: () => records.size,
  };
}
type Decisions = ReturnType<typeof createDecisions>;

/** Every plan's header and status, and which plan each group serves: the catalog's state. */
interface PlanBook {
  plans: Map<string, Omit<StoredPlan, 'chats'>>;
  /** chat id → plan and when it was bound (the Mongo `chat_bindings`, `_id` the chat id). */
  bindings: Map<string, { planId: string; boundAt: Date }>;
  /** `<plan>\u0000<openId>` → member: one document per plan a person is bound in. */
  members: Map<string, Member>;
  /** chat id → roll-up group. */
  rollups: Map<string, RollupGroup>;
}

function storedPlan(book: PlanBook, planId: string): StoredPlan | null {
  const plan = book.plans.get(planId);
  if (!plan) return null;
  const chats = sortBy(
    [...book.bindings.entries()].filter(([, b]) => b.planId === planId),
    ([, a], [, b]) => time(a.boundAt) - time(b.boundAt),
  ).map(([chatId]) => chatId);
  return copy({ ...plan, chats });
}

function createPlans(book: PlanBook, decisions: Decisions, planId: string): PlanRepository {
  return {
    async current() {
      return storedPlan(book, planId);
    },
    async save(header: PlanHeader) {
      if (header.planId !== planId)
        throw new Error(`plan ${header.planId} saved through the view of ${planId}`);
      const kept = book.plans.get(planId);
      book.plans.set(planId, { status: 'active', ...kept, ...copy(header) });
    },
    async archive(by) {
      const won = decisions.claim(`plan.archive:${planId}`, {
        subject: `plan:${planId}`,
        seq: 1,
        actor: by.actor,
        at: by.at,
      });
      const plan = book.plans.get(planId);
      if (!won || !plan) return null;
      Object.assign(plan, {
        status: 'archived',
        archivedAt: new Date(by.at),
        archivedBy: by.actor,
        ...(by.actorName ? { archivedByName: by.actorName } : {}),
      });
      return storedPlan(book, planId);
    },
    async rename(shortName) {
      const plan = book.plans.get(planId);
      if (plan) plan.shortName = shortName;
    },
    async configure(settings, change) {
      const won = decisions.claim(`plan.settings:${planId}:${change.version}`, {
        subject: `plan.settings:${planId}`,
        seq: change.version,
        actor: change.by,
        at: change.at,
      });
      const plan = book.plans.get(planId);
      if (!won || !plan) return null;
      Object.assign(plan, { settings: copy(settings), settingsChange: copy(change) });
      return storedPlan(book, planId);
    },
  };
}

function createCatalog(book: PlanBook): PlanCatalog {
  return {
    async list(filter = {}) {
      const all = sortBy([...book.plans.values()], (a, b) => time(a.importedAt) - time(b.importedAt));
      return all
        .map((p) => storedPlan(book, p.planId) as StoredPlan)
        .filter((p) => !filter.status || p.status === filter.status);
    },
    async get(planId) {
      return storedPlan(book, planId);
    },
    async byChat(chatId) {
      const binding = book.bindings.get(chatId);
      return binding ? storedPlan(book, binding.planId) : null;
    },
    async plansOfMember(openId) {
      const plans = [...book.members.entries()]
        .filter(([, m]) => m.openId === openId)
        .map(([id]) => id.split('\u0000')[0] as string);
      return [...new Set(plans)].sort(byString);
    },
    async bindChat(planId, chatId) {
      const holder = book.bindings.get(chatId);
      if (holder)
        return holder.planId === planId ? { bound: true } : { bound: false, takenBy: holder.planId };
      const own = [...book.bindings.entries()].find(([, b]) => b.planId === planId);
      if (own) return { bound: false, planGroup: own[0] };
      book.bindings.set(chatId, { planId, boundAt: new Date() });
      return { bound: true };
    },
    async rollupOf(chatId) {
      const group = book.rollups.get(chatId);
      return group ? copy(group) : null;
    },
    async listRollups() {
      return sortBy([...book.rollups.values()], (a, b) => time(a.boundAt) - time(b.boundAt)).map(copy);
    },
    async bindRollup(group) {
      if (book.rollups.has(group.chatId)) return false;
      book.rollups.set(group.chatId, copy(group));
      return true;
    },
  };
}

function createTasks(decisions: Decisions): TaskRepository {
  const tasks = new Map<string, Task>();
  const idOf = (planId: string, code: string) => `${planId}\u0000${code}`;
  return {
    async list(planId, options = {}) {
      const mine = [...tasks.values()].filter(
        (t) => t.planId === planId && (options.includeWithdrawn || t.state !== 'withdrawn'),
      );
      return mine.sort((a, b) => compareTaskCodes(a.code, b.code)).map(copy);
    },
    async get(planId, code) {
      const task = tasks.get(idOf(planId, code));
      return task ? copy(task) : null;
    },
    async peek(planId, code) {
      // Nothing lags here: every change is written where it is decided.
      const task = tasks.get(idOf(planId, code));
      return task ? copy(task) : null;
    },
    async insert(...added) {
      for (const task of added) {
        const id = idOf(task.planId, task.code);
        if (tasks.has(id)) throw duplicateKeyError('tasks', { planId: task.planId, code: task.code });
        tasks.set(id, copy(task));
      }
    },
    async update(task, changes, note) {
      // As the Mongo repository: claim version v+1, then write the caller's task with the changes.
      const version = task.version + 1;
      const subject = `task:${task.planId}:${task.code}`;
      const won = decisions.claim(`${subject}:${version}`, {
        subject,
        seq: version,
        actor: note?.by ?? 'system',
        at: note?.at ?? new Date(),
      });
      if (!won) return null;
      const next = { ...task, ...changes, version, ...(note ? { lastChange: note } : {}) } as Task &
        Record<string, unknown>;
      const stored = tasks.get(idOf(task.planId, task.code)) as (Task & Record<string, unknown>) | undefined;
      // Mongo: `updateOne({planId, code, version: {$lt: version}}, {$set, $unset})`, no upsert; a
      // field set to undefined in `changes` is cleared.
      if (stored && stored.version < version) {
        for (const [field, value] of Object.entries(next)) {
          if (field === 'latestReport') continue; // not versioned: see noteReport
          if (value === undefined) delete stored[field];
          else stored[field] = copy(value);
        }
      }
      return copy(next);
    },
    async noteReport(report) {
      // Mongo: `updateOne({planId, code, latestReport.createdAt ≤ report.createdAt or absent}, {$set})`.
      const stored = tasks.get(idOf(report.planId, report.taskCode));
      if (stored && (!stored.latestReport || stored.latestReport.createdAt <= report.createdAt))
        stored.latestReport = copy(report);
    },
  };
}

function createUnits(): UnitRepository {
  const units = new Map<string, Unit>(); // one plan's
  return {
    async list() {
      return [...units.values()].sort((a, b) => byString(a.name, b.name)).map(copy);
    },
    async upsert(unit) {
      units.set(unit.name, { name: unit.name, aliases: copy(unit.aliases) });
    },
  };
}

function createReports(): ReportRepository {
  const reports: Report[] = [];
  return {
    async add(report) {
      // Unique `id` and unique `messageId`: the Mongo repository turns 11000 into `duplicate`.
      if (reports.some((r) => r.id === report.id || r.messageId === report.messageId)) return 'duplicate';
      reports.push(copy(report));
      return 'created';
    },
    async findByMessageId(messageId) {
      const report = reports.find((r) => r.messageId === messageId);
      return report ? copy(report) : null;
    },
    async list(filter) {
      const matching = reports.filter(
        (r) =>
          r.planId === filter.planId &&
          (!filter.period || r.period === filter.period) &&
          (!filter.before || r.period < filter.before) &&
          (!filter.taskCode || r.taskCode === filter.taskCode) &&
          (!filter.unit || r.unit === filter.unit),
      );
      return sortBy(matching, (a, b) => time(a.createdAt) - time(b.createdAt)).map(copy);
    },
  };
}

/** Every plan's cards (ids are unique across plans) and the confirmations decided on them. */
interface CardBook {
  warnings: Warning[];
  confirmations: Map<string, { confirmedBy: string; confirmedAt: Date }>;
}

function createWarnings(decisions: Decisions, book: CardBook, planId: string): WarningRepository {
  const { warnings, confirmations } = book;
  const find = (id: string) => warnings.find((w) => w.id === id && w.planId === planId);
  return {
    async issue(warning) {
      if (warning.planId !== planId) throw new Error(`a card of plan ${warning.planId} issued in ${planId}`);
      // Unique `id`, and unique `key` within the plan.
      if (warnings.some((w) => w.id === warning.id || (w.planId === planId && w.key === warning.key)))
        return 'duplicate';
      warnings.push(copy(warning));
      return 'created';
    },
    async list(filter) {
      const matching = warnings.filter(
        (w) =>
          w.planId === planId &&
          w.planId === filter.planId &&
          (!filter.unit || w.unit === filter.unit) &&
          (!filter.period || w.period === filter.period) &&
          (filter.includeRevoked || !w.revokedAt) &&
          (filter.includeProposed || !w.proposed),
      );
      return sortBy(matching, (a, b) => time(a.issuedAt) - time(b.issuedAt)).map(copy);
    },
    async get(id) {
      const warning = find(id);
      return warning ? copy(warning) : null;
    },
    async findByKey(key) {
      const warning = warnings.find((w) => w.planId === planId && w.key === key);
      return warning ? copy(warning) : null;
    },
    async revoke(warning, revocation) {
      const change = revocationFields(revocation);
      const won = decisions.claim(`warning.revoke:${warning.id}`, {
        subject: `warning:${warning.id}`,
        seq: 1,
        actor: revocation.by,
        at: revocation.at,
      });
      if (!won) return null;
      const stored = find(warning.id);
      if (stored) Object.assign(stored, copy(change));
      return copy({ ...warning, ...change });
    },
    async confirm(id, by, at) {
      const stored = find(id);
      const winner = confirmations.get(id);
      if (winner) {
        // The Mongo repository finishes the winner's write (a crash between its two writes), then loses.
        if (stored?.proposed) {
          Object.assign(stored, copy(winner));
          delete stored.proposed;
        }
        return null;
      }
      confirmations.set(id, { confirmedBy: by, confirmedAt: new Date(at) });
      if (!stored) return null;
      Object.assign(stored, { confirmedAt: new Date(at), confirmedBy: by });
      delete stored.proposed;
      return copy(stored);
    },
  };
}

function createMembers(decisions: Decisions, book: PlanBook, planId: string): MemberRepository {
  // A view of the book's members: this plan's, keyed by open_id (as the Mongo `{planId, openId}` index).
  const idOf = (openId: string) => `${planId}\u0000${openId}`;
  const members = {
    get: (openId: string) => book.members.get(idOf(openId)),
    set: (openId: string, member: Member) => book.members.set(idOf(openId), member),
    delete: (openId: string) => book.members.delete(idOf(openId)),
    values: () =>
      [...book.members.entries()].filter(([id]) => id.startsWith(`${planId}\u0000`)).map(([, m]) => m),
  };
  const subjectOf = (openId: string) => `member:${planId}:${openId}`;
  /** The member's decided binding; the latest decision's step, actor and time. */
  const current = (openId: string) => {
    const member = members.get(openId);
    const latest = decisions.latest(subjectOf(openId));
    return { member: member ? copy(member) : null, seq: latest?.seq ?? 0, latest };
  };
  const decide = async (
    openId: string,
    member: Member | null,
    by: { actor: string; at: Date },
    unseenSince?: Date,
  ): Promise<{ won: true; before: Member | null } | { won: false; current: Member | null }> => {
    const before = current(openId);
    const latest = before.latest;
    if (unseenSince && latest && latest.actor !== by.actor && new Date(latest.at) >= unseenSince)
      return { won: false, current: before.member };
    // The Mongo repository reads, then inserts the next step: callers that read the same step race
    // for its key. Yield between the two as it does, so concurrent callers here race too.
    await Promise.resolve();
    const seq = before.seq + 1;
    const won = decisions.claim(`${subjectOf(openId)}:${seq}`, {
      subject: subjectOf(openId),
      seq,
      actor: by.actor,
      at: by.at,
    });
    if (!won) return { won: false, current: current(openId).member };
    if (member) members.set(openId, copy(member));
    else members.delete(openId);
    return { won: true, before: before.member };
  };
  return {
    async get(openId) {
      return current(openId).member;
    },
    async list() {
      return members
        .values()
        .sort((a, b) => byString(a.unit, b.unit) || byString(a.name, b.name))
        .map(copy);
    },
    async bind(member, options = {}) {
      return decide(
        member.openId,
        member,
        { actor: member.boundBy, at: member.boundAt },
        options.unseenSince,
      );
    },
    async unbind(openId, by) {
      const result = await decide(openId, null, { actor: by.actor, at: by.at });
      return result.won ? result.before : null;
    },
  };
}

function createAudit(): AuditRepository {
  const entries: AuditEntry[] = [];
  return {
    async record(entry) {
      entries.push(copy(entry));
    },
    async exists(action, source) {
      return entries.some((e) => e.action === action && e.source === source);
    },
    async list(filter) {
      const matching = entries
        .map((entry, seq) => ({ entry, seq }))
        .filter(
          ({ entry: e }) =>
            (!filter.taskCode || e.taskCode === filter.taskCode) &&
            (!filter.unit || e.unit === filter.unit) &&
            (!filter.action || e.action === filter.action) &&
            (!filter.source || e.source === filter.source),
        )
        // Newest first; ties by insertion, newest first (Mongo's `_id: -1`, an ObjectId).
        .sort((a, b) => time(b.entry.at) - time(a.entry.at) || b.seq - a.seq);
      const skip = filter.skip ?? 0;
      return matching.slice(skip, skip + (filter.limit ?? 100)).map(({ entry }) => copy(entry));
    },
  };
}

function createPosts(): PostRepository {
  const posts = new Map<string, PostClaim>();
  return {
    async claim(key, kind, uuid, at) {
      const existing = posts.get(key);
      if (existing) return { claim: copy(existing), created: false };
      const fresh: PostClaim = { key, kind, uuid, status: 'claimed', claimedAt: new Date(at) };
      posts.set(key, copy(fresh));
      return { claim: fresh, created: true };
    },
    async markSent(key, messageId, at) {
      const stored = posts.get(key);
      if (stored) Object.assign(stored, { status: 'sent', messageId, sentAt: new Date(at) });
    },
    async keepContent(key, content) {
      const stored = posts.get(key);
      if (stored) stored.content = content;
    },
    async list(filter = {}) {
      const matching = [...posts.values()].filter((p) => !filter.kind || p.kind === filter.kind);
      return sortBy(matching, (a, b) => time(a.claimedAt) - time(b.claimedAt)).map(copy);
    },
  };
}

function createSignoffCards(): SignoffCardRepository {
  const cards = new Map<string, string>();
  return {
    async remember(key, messageId) {
      cards.set(key, messageId);
    },
    async find(key) {
      return cards.get(key) ?? null;
    },
  };
}

/** A dropped connection as the MongoDB driver reports it (persistence/outage.ts classifies it). */
function networkError(): Error {
  return Object.assign(new Error('connection 3 to 127.0.0.1:27017 closed'), { name: 'MongoNetworkError' });
}

/** Which repositories are "down": their calls fail as a dropped connection does, until restored. */
export interface OutageSwitch {
  /**
   * `repo` (every one when omitted) fails its next `times` calls (all of them when omitted), or only
   * those of its `method`.
   */
  down(repo?: keyof Repositories | 'catalog', times?: number, method?: string): void;
  up(): void;
}

/** One plan's repositories plus the switch that takes them down; the decisions they claimed, counted. */
export interface MemoryRepositories extends Repositories {
  outage: OutageSwitch;
  decisionCount(): number;
}

/** Every plan's memory repositories over one state, with the catalog across them. */
export interface MemoryStorage extends Storage {
  forPlan(planId: string): MemoryRepositories;
  outage: OutageSwitch;
}

export function createMemoryStorage(): MemoryStorage {
  const decisions = createDecisions();
  const plans: PlanBook = { plans: new Map(), bindings: new Map(), members: new Map(), rollups: new Map() };
  const cards: CardBook = { warnings: [], confirmations: new Map() };
  const rules: { repo?: keyof Repositories | 'catalog'; method?: string; remaining: number }[] = [];
  const outage: OutageSwitch = {
    down: (repo, times = Number.POSITIVE_INFINITY, method) => {
      rules.push({ repo, method, remaining: times });
    },
    up: () => {
      rules.length = 0;
    },
  };
  /** Each method first asks the switch; the real outage guard then turns the failure into UNAVAILABLE. */
  const wired = <T extends object>(name: keyof Repositories | 'catalog', repository: T): T => {
    const wrapped: Record<string, unknown> = {};
    for (const [method, fn] of Object.entries(repository)) {
      wrapped[method] = async (...args: unknown[]) => {
        const rule = rules.find(
          (r) => r.remaining > 0 && (!r.repo || r.repo === name) && (!r.method || r.method === method),
        );
        if (rule) {
          rule.remaining--;
          throw networkError();
        }
        return (fn as (...a: unknown[]) => Promise<unknown>)(...args);
      };
    }
    return guardOutages(wrapped as T);
  };
  // Tasks, reports and sign-off cards carry their plan in every call or key, as in Mongo.
  const tasks = wired('tasks', createTasks(decisions));
  const reports = wired('reports', createReports());
  const signoffCards = wired('signoffCards', createSignoffCards());
  const views = new Map<string, MemoryRepositories>();
  return {
    catalog: wired('catalog', createCatalog(plans)),
    outage,
    forPlan(planId) {
      let view = views.get(planId);
      if (!view) {
        view = {
          plans: wired('plans', createPlans(plans, decisions, planId)),
          tasks,
          units: wired('units', createUnits()),
          reports,
          warnings: wired('warnings', createWarnings(decisions, cards, planId)),
          members: wired('members', createMembers(decisions, plans, planId)),
          audit: wired('audit', createAudit()),
          posts: wired('posts', createPosts()),
          signoffCards,
          outage,
          decisionCount: decisions.size,
        };
        views.set(planId, view);
      }
      return view;
    },
  };
}

/** One plan's repositories (plan `P1`) of a fresh memory storage. */
export function createMemoryRepositories(): MemoryRepositories {
  return createMemoryStorage().forPlan('P1');
}
