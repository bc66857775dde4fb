import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Playground, startPlayground } from '../../../dev/playground/playground.js';
import { closeTestPlayground, testPlaygroundOptions } from '../../helpers/playground.js';

describe('the playground’s cockpit: /cockpit opens as the demo office admin, no Lark login', () => {
  let playground: Playground;
  let dataDir: string;

  beforeAll(async () => {
    const base = testPlaygroundOptions('cockpit');
    dataDir = base.dataDir;
    playground = await startPlayground({
      ...base,
      now: new Date('2023-06-10T09:30:00+08:00'),
    });
  });

  afterAll(async () => {
    await closeTestPlayground(playground, dataDir);
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
