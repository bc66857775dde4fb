import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMessage } from '../../../dev/fake-lark/index.js';
import {
  type Playground,
  type PlaygroundOptions,
  startPlayground,
} from '../../../dev/playground/playground.js';
import { local } from '../../../src/domain/clock.js';
import { closeTestPlayground, testPlaygroundOptions } from '../../helpers/playground.js';

let dataDir: string;
let options: PlaygroundOptions;
let running: Playground | undefined;

async function call(path: string, body?: unknown) {
  const response = await fetch(new URL(`api${path}`, running?.url), {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: response.status,
    json: (await response.json()) as { local: string; adjusted: boolean; mode: string; rewound?: boolean },
  };
}

/** The demo group's plan's repositories. */
const repos = (playground: Playground) => playground.app.tenancy.forPlan(playground.planId).repos;

const text = (m: FakeMessage) => JSON.stringify(m.content);
/** The overdue check's group alert (a card titled 逾期…) among the bot's posts that reply to nothing. */
const isOverdueAlert = (m: FakeMessage) =>
  m.senderType === 'app' && !m.parentId && m.msgType === 'interactive' && text(m).includes('逾期');

describe('the playground clock', () => {
  beforeAll(() => {
    options = testPlaygroundOptions('clock');
    dataDir = options.dataDir;
  });
  afterAll(async () => {
    await closeTestPlayground(running, dataDir);
  });

  it('starts in the plan’s first report month: no overdue check for today before anyone types', async () => {
    running = await startPlayground(options);
    const clock = (await call('/clock')).json;
    expect(clock.local).toMatch(/^2023-03-01 08:3\d/);
    expect(clock).toMatchObject({ adjusted: false, mode: 'start' });
    await running.app.inFlight.drain();
    const plan = await repos(running).plans.current();
    expect(await repos(running).warnings.list({ planId: plan!.planId, includeRevoked: true })).toEqual([]);
    expect(running.fake.messages().filter(isOverdueAlert)).toEqual([]);
  }, 60_000);

  it('after a jump back, resets the demo data so the 2023-06-01 overdue alert comes again', async () => {
    const seen = new Set<string>();
    const nextAlert = async () => {
      const alert = await running!.fake.waitFor((m) => isOverdueAlert(m) && !seen.has(m.messageId), 30_000);
      seen.add(alert.messageId);
      return alert;
    };
    expect((await call('/clock', { at: '2023-06-01 09:00' })).json).toMatchObject({ rewound: false });
    const first = await nextAlert();
    const plan = await repos(running!).plans.current();
    const warnings = () => repos(running!).warnings.list({ planId: plan!.planId, includeRevoked: true });
    await expect.poll(async () => (await warnings()).length, { timeout: 30_000 }).toBeGreaterThan(0);

    const back = await call('/clock', { at: '2023-05-19 09:00' });
    expect(back.status).toBe(200);
    expect(back.json).toMatchObject({ rewound: true, adjusted: true });
    expect(back.json.local).toMatch(/^2023-05-19 09:0\d/);
    expect(await warnings()).toEqual([]);
    expect((await repos(running!).members.list()).length).toBeGreaterThan(0);

    expect((await call('/clock', { at: '2023-06-01 09:00' })).json).toMatchObject({ rewound: false });
    const again = await nextAlert();
    expect(again.messageId).not.toBe(first.messageId);
    expect(local(running!.clock.now()).format('YYYY-MM-DD')).toBe('2023-06-01');
  }, 120_000);

  it('resumes the last run’s bot time after a restart, and a --now before it resets the data', async () => {
    await running!.supervision.close();
    await running!.close();
    running = await startPlayground(options);
    expect((await call('/clock')).json).toMatchObject({ adjusted: false, mode: 'start' });
    expect(local(running.clock.now()).format('YYYY-MM-DD')).toBe('2023-06-01');
    const plan = await repos(running).plans.current();
    await expect
      .poll(async () => (await repos(running!).warnings.list({ planId: plan!.planId })).length)
      .toBeGreaterThan(0);
    await running.supervision.close();
    await running.close();

    running = await startPlayground({ ...options, now: new Date('2023-04-03T08:00:00+08:00') });
    expect(local(running.clock.now()).format('YYYY-MM-DD HH')).toBe('2023-04-03 08');
    const restarted = await repos(running).plans.current();
    expect(await repos(running).warnings.list({ planId: restarted!.planId, includeRevoked: true })).toEqual(
      [],
    );
  }, 120_000);
});
