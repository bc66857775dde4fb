import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Member } from '../../../src/domain/members/member.js';
import type { PlanHeader } from '../../../src/domain/plan/stored-plan.js';
import type { Storage } from '../../../src/domain/ports.js';
import {
  type CachedStorage,
  type ChangeCounter,
  createCachedStorage,
} from '../../../src/persistence/cached-storage.js';
import { createMemoryStorage, type MemoryStorage } from '../../helpers/memory/repositories.js';

const header = (planId: string): PlanHeader => ({
  planId,
  docNo: planId,
  title: `${planId} 整改方案`,
  year: 2023,
  contact: { person: '高志平', phone: '0797-8541234' },
  reportDay: 25,
  start: '2023-03-01',
  indicators: [],
  importedAt: new Date('2023-03-01T02:00:00Z'),
});

const member = (openId: string, unit: string): Member => ({
  openId,
  name: `${unit}联络员`,
  unit,
  role: 'liaison',
  boundBy: 'ou_office',
  boundAt: new Date('2023-03-02T02:00:00Z'),
});

/** A change counter the two "processes" of a test share (Redis's, in production). */
function createLocalCounter(): ChangeCounter {
  let value = 0;
  return {
    read: async () => String(value),
    bump: async () => {
      value++;
    },
  };
}

/** Counts the reads that reach the storage underneath. */
function counted(storage: Storage) {
  const reads: string[] = [];
  const spy = <T extends object>(name: string, target: T, method: keyof T & string) => {
    const original = (target[method] as (...args: unknown[]) => unknown).bind(target);
    vi.spyOn(target, method as never).mockImplementation(((...args: unknown[]) => {
      reads.push(`${name}.${method}`);
      return original(...args);
    }) as never);
  };
  spy('catalog', storage.catalog, 'byChat');
  spy('catalog', storage.catalog, 'get');
  const repos = storage.forPlan('P1');
  spy('plans', repos.plans, 'current');
  spy('members', repos.members, 'get');
  spy('units', repos.units, 'list');
  return reads;
}

describe('plan, unit and member reads kept in the process', () => {
  let memory: MemoryStorage;
  let reads: string[];
  let counter: ReturnType<typeof createLocalCounter>;
  let clock: number;
  let a: CachedStorage;
  let b: CachedStorage;
  beforeEach(async () => {
    memory = createMemoryStorage();
    await memory.forPlan('P1').plans.save(header('P1'));
    await memory.catalog.bindChat('P1', 'oc_1');
    await memory.forPlan('P1').members.bind(member('ou_tax', '税务局'));
    reads = counted(memory);
    counter = createLocalCounter();
    clock = 0;
    // Two processes over one database and one counter.
    a = createCachedStorage(memory, counter, { now: () => clock });
    b = createCachedStorage(memory, counter, { now: () => clock });
  });

  it('reads the group’s plan, the caller’s binding and the units once, then from the process', async () => {
    for (let i = 0; i < 3; i++) {
      await a.refresh();
      expect((await a.catalog.byChat('oc_1'))?.planId).toBe('P1');
      expect((await a.forPlan('P1').plans.current())?.title).toBe('P1 整改方案');
      expect((await a.forPlan('P1').members.get('ou_tax'))?.unit).toBe('税务局');
      await a.forPlan('P1').units.list();
    }
    expect(reads).toEqual(['catalog.byChat', 'plans.current', 'members.get', 'units.list']);
  });

  it('hands out copies: a caller changing what it got changes nothing kept', async () => {
    const plan = await a.forPlan('P1').plans.current();
    if (!plan) throw new Error('no plan');
    plan.title = '改过的标题';
    expect((await a.forPlan('P1').plans.current())?.title).toBe('P1 整改方案');
  });

  it('a change through one process is read at once there, and by the other at its next refresh', async () => {
    await b.refresh();
    expect((await b.forPlan('P1').members.get('ou_tax'))?.unit).toBe('税务局');
    await a.forPlan('P1').members.bind(member('ou_tax', '法院'));
    expect((await a.forPlan('P1').members.get('ou_tax'))?.unit).toBe('法院');
    // Until its next event, b answers from what it kept; the event's refresh reads the counter.
    expect((await b.forPlan('P1').members.get('ou_tax'))?.unit).toBe('税务局');
    await b.refresh();
    expect((await b.forPlan('P1').members.get('ou_tax'))?.unit).toBe('法院');
  });

  it('a group bound, a plan renamed or archived, a unit added: each is read again', async () => {
    await memory.forPlan('P2').plans.save(header('P2'));
    expect(await a.catalog.byChat('oc_2')).toBeNull();
    await b.catalog.bindChat('P2', 'oc_2');
    await a.refresh();
    expect((await a.catalog.byChat('oc_2'))?.planId).toBe('P2');
    await b.forPlan('P1').plans.rename('上犹');
    await a.refresh();
    expect((await a.catalog.get('P1'))?.shortName).toBe('上犹');
    await b.forPlan('P1').units.upsert({ name: '税务局', aliases: ['县税务局'] });
    await a.refresh();
    expect((await a.forPlan('P1').units.list()).map((u) => u.name)).toEqual(['税务局']);
  });

  it('a change the counter never heard of (a shell tool without REDIS_URL) is read after a minute', async () => {
    await a.refresh();
    expect((await a.forPlan('P1').members.get('ou_tax'))?.unit).toBe('税务局');
    await memory.forPlan('P1').members.bind(member('ou_tax', '法院'));
    clock += 59_000;
    await a.refresh();
    expect((await a.forPlan('P1').members.get('ou_tax'))?.unit).toBe('税务局');
    clock += 2_000;
    expect((await a.forPlan('P1').members.get('ou_tax'))?.unit).toBe('法院');
  });

  it('keeps no failed read: the next one asks the storage again', async () => {
    memory.outage.down('members', 1);
    await expect(a.forPlan('P1').members.get('ou_tax')).rejects.toThrow();
    expect((await a.forPlan('P1').members.get('ou_tax'))?.unit).toBe('税务局');
  });
});
