import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Playground, startPlayground } from '../../../dev/playground/playground.js';

describe('the playground’s cockpit: /cockpit opens as the demo office admin, no Lark login', () => {
  let playground: Playground;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'duban-playground-cockpit-'));
    const id = randomUUID().slice(0, 8);
    playground = await startPlayground({
      dataDir,
      port: 0,
      services: { mongoUri: inject('mongoUri'), redisUrl: inject('redisUrl') },
      dbName: `playground_cockpit_${id}`,
      queuePrefix: `playground_cockpit_${id}`,
      now: new Date('2023-06-10T09:30:00+08:00'),
    });
  });

  afterAll(async () => {
    if (playground) {
      await playground.supervision.close();
      await playground.app.inFlight.drain();
      await playground.app.connection.dropDatabase().catch(() => {});
      await playground.close();
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the page, its ECharts from node_modules and the plan’s figures as the demo office admin', async () => {
    const page = await fetch(new URL('cockpit', playground.url), { redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="/cockpit/assets/echarts.min.js" defer></script>');
    const echarts = await fetch(new URL('cockpit/assets/echarts.min.js', playground.url));
    expect(echarts.status).toBe(200);
    expect(echarts.headers.get('content-type')).toMatch(/javascript/);
    expect((await echarts.text()).length).toBeGreaterThan(500_000);

    const me = (await (await fetch(new URL('cockpit/api/me', playground.url))).json()) as {
      name: string;
      canLogout: boolean;
      plans: { planId: string }[];
    };
    expect(me).toMatchObject({ name: '高志平', canLogout: false, plans: [{ planId: playground.planId }] });
    const plan = await fetch(new URL('cockpit/api/plan', playground.url));
    expect(plan.status).toBe(200);
    expect(Number(plan.headers.get('server-timing')?.match(/dur=([\d.]+)/)?.[1])).toBeGreaterThan(0);
    const data = (await plan.json()) as { headline: { total: number; overdue: number }; today: string };
    expect(data.today).toBe('2023-06-10');
    expect(data.headline.total).toBe(46);
    expect(data.headline.overdue).toBeGreaterThan(0);
  });

  it('links to it from the playground page', async () => {
    const html = await (await fetch(playground.url)).text();
    expect(html).toContain('<a id="cockpit-link" class="cockpit-link" href="/cockpit"');
  });
});
