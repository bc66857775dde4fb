import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  PLAYGROUND_DB_NAME,
  PLAYGROUND_QUEUE_PREFIX,
  type Playground,
  startPlayground,
} from '../../../dev/playground/playground.js';
import { QUEUE_SUPERVISION } from '../../../jobs/queues.js';
import { connectMongo, disconnectMongo } from '../../../src/persistence/mongo.js';

/** An address of this machine that is not loopback. */
function externalAddress(): string {
  const found = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && !i.internal && i.family === 'IPv4')?.address;
  if (!found) throw new Error('this machine has no non-loopback IPv4 address to test from');
  return found;
}

/** Whether a TCP connection to `url` is accepted at all. */
async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return true;
  } catch {
    return false;
  }
}

describe('the playground pointed at production’s MONGODB_URI and REDIS_URL', () => {
  let playground: Playground;
  let dataDir: string;
  let redis: Redis;
  // Production's database is the one the URI names.
  const productionUri = `${inject('mongoUri')}/duban`;
  /** The members bound in the demo group's plan. */
  const demoMembers = () => playground.app.tenancy.forPlan(playground.planId).repos.members.list();
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'duban-playground-isolation-'));
    redis = new Redis(inject('redisUrl'));
    playground = await startPlayground({
      dataDir,
      port: 0,
      services: { mongoUri: productionUri, redisUrl: inject('redisUrl') },
    });
  }, 60_000);
  afterAll(async () => {
    if (playground) {
      await playground.supervision.queue.obliterate({ force: true }).catch(() => {});
      await playground.supervision.close();
      await playground.app.inFlight.drain();
      await playground.app.connection.dropDatabase().catch(() => {});
      await playground.close();
    }
    await redis?.quit();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes its demo data to its own database, not the URI’s', async () => {
    expect(playground.app.connection.name).toBe(PLAYGROUND_DB_NAME);
    expect((await demoMembers()).length).toBeGreaterThan(0);
    const production = await connectMongo(productionUri);
    try {
      expect(production.name).toBe('duban');
      const collections = await production.db!.listCollections().toArray();
      for (const { name } of collections)
        expect(await production.db!.collection(name).countDocuments(), name).toBe(0);
    } finally {
      await disconnectMongo(production);
    }
  });

  it('keeps its jobs under its own queue prefix, never production’s bull:duban-supervision', async () => {
    expect(playground.supervision.queue.opts.prefix).toBe(PLAYGROUND_QUEUE_PREFIX);
    expect(await redis.keys(`${PLAYGROUND_QUEUE_PREFIX}:${QUEUE_SUPERVISION}:*`)).not.toEqual([]);
    expect(await redis.keys(`bull:${QUEUE_SUPERVISION}:*`)).toEqual([]);
  });

  it('answers what the page sends wrong in Chinese (a 10,000-character message, bad bodies)', async () => {
    const post = async (path: string, body: string) => {
      const response = await fetch(new URL(`api${path}`, playground.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      return { status: response.status, error: ((await response.json()) as { error: string }).error };
    };
    const office = (await demoMembers()).find((m) => m.role === 'office');
    const cases = [
      ['/messages', JSON.stringify({ senderOpenId: office?.openId, text: '进'.repeat(10_000) }), /消息过长/],
      ['/messages', JSON.stringify({ senderOpenId: office?.openId, text: 'x'.repeat(70_000) }), /过长/],
      ['/messages', JSON.stringify({ text: '/帮助' }), /发言身份/],
      ['/messages', JSON.stringify({ senderOpenId: office?.openId, text: '   ' }), /消息内容/],
      ['/messages', '[1,2]', /请求内容无效/],
      ['/messages', '{not json', /请求格式无效/],
      ['/card-actions', JSON.stringify({ messageId: 'om_1', operatorOpenId: 7, value: [] }), /发言身份/],
      ['/clock', JSON.stringify({}), /2023-05-19 09:00/],
    ] as const;
    for (const [path, body, expected] of cases) {
      const answer = await post(path, body);
      expect(answer.status, body.slice(0, 40)).toBeGreaterThanOrEqual(400);
      expect(answer.error).toMatch(expected);
      // Chinese only: no English word from a validation library.
      expect(answer.error).not.toMatch(/[A-Za-z]{3,}/);
    }
  });

  it('serves the page and the bot’s webhook on 127.0.0.1 only', async () => {
    const outside = externalAddress();
    const page = new URL(playground.url);
    expect(page.hostname).toBe('127.0.0.1');
    expect(await reachable(`${playground.url}api/state`)).toBe(true);
    expect(await reachable(`http://${outside}:${page.port}/api/state`)).toBe(false);
    const bot = playground.app.receiver.port?.();
    expect(await reachable(`http://127.0.0.1:${bot}/healthz`)).toBe(true);
    expect(await reachable(`http://${outside}:${bot}/healthz`)).toBe(false);
  });
});

describe('a production process', () => {
  it('uses the database named in MONGODB_URI', async () => {
    const connection = await connectMongo(`${inject('mongoUri')}/county_office_prod`);
    try {
      expect(connection.name).toBe('county_office_prod');
    } finally {
      await disconnectMongo(connection);
    }
  });
});
