import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCockpitRouter } from '../../../src/cockpit/cockpit.routes.js';
import { createLogger } from '../../../src/logger.js';
import { createMemoryBot, type MemoryBot, PEOPLE } from '../../helpers/memory/memory-bot.js';
import { rule } from '../render/supervision/fixtures.js';

/** The cockpit over HTTP with a catalog whose reads fail, as when the database stops answering. */
describe('the cockpit when a read fails', () => {
  let memory: MemoryBot;
  let server: ReturnType<ReturnType<typeof express>['listen']>;
  let base: string;
  const logs: { msg?: string; err?: { message?: string } }[] = [];
  const logger = createLogger(
    'info',
    new Writable({
      write(chunk, _encoding, done) {
        for (const line of chunk.toString().split('\n')) if (line) logs.push(JSON.parse(line));
        done();
      },
    }),
  );

  beforeAll(async () => {
    memory = await createMemoryBot();
    const failing = {
      ...memory.tenancy,
      catalog: { ...memory.tenancy.catalog, list: () => Promise.reject(new Error('database gone')) },
    };
    const app = express().use(
      '/cockpit',
      createCockpitRouter({
        tenancy: failing,
        assessmentRule: rule,
        auth: { kind: 'fixed', openId: PEOPLE.office.openId, name: PEOPLE.office.name },
        logger,
      }),
    );
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('answers 500 with a Chinese message in JSON, and logs the error', async () => {
    const res = await fetch(`${base}/cockpit/api/me`);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: '驾驶舱暂时无法读取数据，请稍后再试。' });
    expect(logs.filter((l) => l.msg === 'cockpit request failed').map((l) => l.err?.message)).toEqual([
      'database gone',
    ]);
  });
});
