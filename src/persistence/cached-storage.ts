import type {
  MemberRepository,
  PlanCatalog,
  PlanRepository,
  Storage,
  UnitRepository,
} from '../domain/ports.js';

/** A value every process of a deployment shares, moved by each change of what the processes cache. */
export interface ChangeCounter {
  read(): Promise<string>;
  bump(): Promise<void>;
}

/** A storage whose plan, unit and member reads are kept in the process. */
export interface CachedStorage extends Storage {
  /**
   * Drops every kept read when any process changed a plan, a group's binding, a unit or a member
   * since the last call: one read of the shared counter. Called at the start of each event and job.
   */
  refresh(): Promise<void>;
}

export interface CacheOptions {
  /**
   * A kept read is read again after this long even when the counter did not move: the bound on how
   * stale a change made without moving it can be seen (a shell tool run without REDIS_URL). 60 s.
   */
  maxAgeMs?: number;
  now?: () => number;
}

/**
 * Keeps the reads every command makes before its own (the group's plan, the caller's binding, the
 * units) in the process, so a command's database round trips are its own. Every change made through
 * this storage drops them at once and moves the shared counter, so the other processes drop theirs at
 * their next `refresh`. Kept values are handed out as copies: a caller changing one changes no other.
 * Tasks, reports, cards and posts are not kept (they change with every command).
 */
export function createCachedStorage(
  storage: Storage,
  counter: ChangeCounter,
  options: CacheOptions = {},
): CachedStorage {
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const now = options.now ?? Date.now;
  const kept = new Map<string, { at: number; value: Promise<unknown> }>();
  let seen: string | undefined;

  async function read<T>(key: string, load: () => Promise<T>): Promise<T> {
    let entry = kept.get(key);
    if (!entry || now() - entry.at > maxAgeMs) {
      const value = load();
      entry = { at: now(), value };
      kept.set(key, entry);
      // A failed read is not kept.
      value.catch(() => {
        if (kept.get(key)?.value === value) kept.delete(key);
      });
    }
    return structuredClone(await (entry.value as Promise<T>));
  }

  /** Runs a change, then drops what this process kept and tells the others (even when it failed half-way). */
  async function change<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      kept.clear();
      await counter.bump();
    }
  }

  const catalog: PlanCatalog = {
    list: (filter) => read(`list:${filter?.status ?? ''}`, () => storage.catalog.list(filter)),
    get: (planId) => read(`plan:${planId}`, () => storage.catalog.get(planId)),
    byChat: (chatId) => read(`chat:${chatId}`, () => storage.catalog.byChat(chatId)),
    plansOfMember: (openId) => read(`plansOf:${openId}`, () => storage.catalog.plansOfMember(openId)),
    rollupOf: (chatId) => read(`rollup:${chatId}`, () => storage.catalog.rollupOf(chatId)),
    listRollups: () => read('rollups', () => storage.catalog.listRollups()),
    bindChat: (planId, chatId) => change(() => storage.catalog.bindChat(planId, chatId)),
    bindRollup: (group) => change(() => storage.catalog.bindRollup(group)),
  };

  const views = new Map<string, ReturnType<Storage['forPlan']>>();
  function forPlan(planId: string) {
    let view = views.get(planId);
    if (view) return view;
    const repos = storage.forPlan(planId);
    const plans: PlanRepository = {
      // The same read as the catalog's `get`: one kept plan, whichever asks.
      current: () => read(`plan:${planId}`, () => repos.plans.current()),
      save: (header) => change(() => repos.plans.save(header)),
      archive: (by) => change(() => repos.plans.archive(by)),
      rename: (shortName) => change(() => repos.plans.rename(shortName)),
      configure: (settings, by) => change(() => repos.plans.configure(settings, by)),
    };
    const units: UnitRepository = {
      list: () => read(`units:${planId}`, () => repos.units.list()),
      upsert: (unit) => change(() => repos.units.upsert(unit)),
    };
    const members: MemberRepository = {
      get: (openId) => read(`member:${planId}:${openId}`, () => repos.members.get(openId)),
      list: () => read(`members:${planId}`, () => repos.members.list()),
      bind: (member, bindOptions) => change(() => repos.members.bind(member, bindOptions)),
      unbind: (openId, by) => change(() => repos.members.unbind(openId, by)),
    };
    view = { ...repos, plans, units, members };
    views.set(planId, view);
    return view;
  }

  return {
    catalog,
    forPlan,
    async refresh() {
      const current = await counter.read();
      if (current !== seen) kept.clear();
      seen = current;
    },
  };
}
