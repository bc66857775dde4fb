import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_CHAT_ID, DEMO_OFFICE } from '../../../dev/playground/demo-group.js';
import {
  type Playground,
  type PlaygroundOptions,
  startPlayground,
} from '../../../dev/playground/playground.js';
import type { ViewMessage } from '../../../dev/playground/timeline.js';

const SUN_YUE = 'ou_demo_unbound_sunyue';
const TAX = 'ou_demo_tax_liuxiaoyan';

let dataDir: string;
let options: PlaygroundOptions;
let running: Playground | undefined;

interface Person {
  openId: string;
  name: string;
  unit?: string;
  roleLabel?: string;
}

/** The parts of the API's answers this file reads. */
interface Answer {
  messageId: string;
  people: Person[];
  clock: { adjusted: boolean };
  messages: ViewMessage[];
  error: string;
  local: string;
  adjusted: boolean;
}

async function call(path: string, body?: unknown): Promise<{ status: number; json: Answer }> {
  const response = await fetch(new URL(`api${path}`, running?.url), {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Answer };
}

/** Sends as `who` through the page's API and waits for the bot's reply of type `msgType`. */
async function say(who: string, text: string, msgType = 'interactive') {
  const sent = await call('/messages', { senderOpenId: who, text });
  expect(sent.status).toBe(200);
  return running!.fake.waitFor(
    (m) => m.parentId === sent.json.messageId && m.senderType === 'app' && m.msgType === msgType,
    20_000,
  );
}

describe('the playground keeps its state across a restart', () => {
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'duban-playground-restart-'));
    const id = randomUUID().slice(0, 8);
    options = {
      dataDir,
      port: 0,
      services: { mongoUri: inject('mongoUri'), redisUrl: inject('redisUrl') },
      dbName: `playground_${id}`,
      queuePrefix: `playground_${id}`,
    };
  });

  afterAll(async () => {
    if (running) {
      await running.supervision.close();
      await running.app.connection.dropDatabase().catch(() => {});
      await running.close();
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('binds the demo group once, keeps bindings, history and files, and checks what the page sends', async () => {
    running = await startPlayground(options);
    expect(running.chatId).toBe(DEMO_CHAT_ID);
    const before = await call('/state');
    const tax = before.json.people.find((p) => p.openId === TAX);
    expect(tax).toMatchObject({ name: '刘晓燕', unit: '税务局', roleLabel: '联络员', isOffice: false });
    expect(before.json.people.find((p) => p.openId === SUN_YUE)?.unit).toBeUndefined();

    // Typed `@孙悦` becomes a real mention, so /绑定 binds the right person.
    const bound = await say(DEMO_OFFICE.openId, '/绑定 @孙悦 自然资源局');
    expect(JSON.stringify(bound.content)).toContain('自然资源局');
    const ledger = await say(DEMO_OFFICE.openId, '/导出', 'file');
    const fileKey = (ledger.content as { file_key: string }).file_key;

    // What the page sends is checked before it reaches the fake Lark.
    expect((await call('/messages', { senderOpenId: 'ou_stranger', text: '/帮助' })).status).toBe(400);
    const badClock = await call('/clock', { at: '下周一' });
    expect(badClock.status).toBe(400);
    expect(badClock.json.error).toContain('2023-05-19 09:00');
    expect((await call('/clock', { at: '2023-05-19 09:00' })).json).toMatchObject({
      local: expect.stringMatching(/^2023-05-19 09:00/),
      adjusted: true,
    });
    const firstRun = (await call('/messages')).json.messages;
    await running.supervision.close();
    await running.close();
    running = undefined;

    running = await startPlayground(options);
    const after = await call('/state');
    expect(after.json.people.find((p) => p.openId === SUN_YUE)).toMatchObject({
      unit: '自然资源局',
      roleLabel: '联络员',
    });
    expect(after.json.clock.adjusted).toBe(false);
    const history = (await call('/messages')).json.messages;
    const archived = history.filter((m) => m.archived);
    // The first run's messages come back in order (plus what the workers posted before it stopped).
    expect(archived.slice(0, firstRun.length).map((m) => m.id)).toEqual(firstRun.map((m) => m.id));
    expect(history.filter((m) => !m.archived).every((m) => m.senderType === 'app')).toBe(true);
    const typed = archived.find((m) => m.senderType === 'user' && m.senderId === DEMO_OFFICE.openId);
    expect(typed?.senderName).toBe('高志平');
    expect(archived.find((m) => m.msgType === 'file')?.file?.name).toMatch(/\.xlsx$/);
    const download = await fetch(new URL(`api/files/${fileKey}`, running.url));
    expect(download.status).toBe(200);
    expect(
      Buffer.from(await download.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    expect((await fetch(new URL('api/files/..%2F..%2Fetc%2Fpasswd', running.url))).status).toBe(404);
  }, 120_000);
});
