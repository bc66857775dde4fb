import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMessage } from '../../../dev/fake-lark/index.js';
import { atLocal } from '../../../src/domain/clock.js';
import { recordReport } from '../../../src/domain/reports/record-report.js';
import { computeAssessment } from '../../../src/supervision/assessment.js';
import { type ChatHarness, PEOPLE, startChatHarness } from '../../helpers/chat-harness.js';
import { launchChromium } from '../../helpers/chromium.js';
import { saveScreenshot } from '../../helpers/screenshot.js';
import { simulate, simulationMember } from '../../helpers/simulation.js';

/** Debian's browser: npm's own browser download does not work here. */
/** A simulated month and a bit: May's reports, its report day, roll call and bulletin, then June's first overdue tasks. */
const WINDOW = { from: '2023-05-08', to: '2023-06-05' };
const SCRIPTS = { 法院: 'late', 住建局: 'never' } as const;

/** The /总览 card's summary line, as numbers. */
function overviewFigures(card: FakeMessage) {
  const text = JSON.stringify(card.content);
  const match =
    /共 \*\*(\d+)\*\* 个指标、\*\*(\d+)\*\* 项整改事项：已销号 \*\*(\d+)\*\* 项，整改中 \*\*(\d+)\*\* 项（其中待销号 (\d+) 项），逾期 \*\*(\d+)\*\* 项，平均进度 \*\*(\d+)%\*\*/.exec(
      text,
    );
  if (!match) throw new Error(`no summary in the /总览 card: ${text.slice(0, 300)}`);
  const [indicators, total, signedOff, inProgress, pending, overdue, percent] = match.slice(1).map(Number);
  return { indicators, total, signedOff, inProgress, pending, overdue, percent };
}

/** The /总览 card's table rows: indicator → closed, active, overdue, percent. */
function overviewRows(card: FakeMessage): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const table = node as { tag?: string; rows?: Record<string, unknown>[] };
      if (table.tag === 'table' && table.rows) found.push(...table.rows);
      else Object.values(node).forEach(walk);
    }
  };
  walk(card.content);
  return found;
}

async function figure(page: Page, key: string): Promise<string> {
  return (await page.locator(`[data-figure="${key}"] .figure-value`).textContent()) ?? '';
}

describe('the cockpit in Chromium after a simulated month', () => {
  let h: ChatHarness;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    h = await startChatHarness({ cockpit: true, now: `${WINDOW.from} 08:00`, onlyPlanChat: true });
    base = h.origin;
    for (const unit of (await h.repos.units.list()).map((u) => u.name)) {
      const member = simulationMember(unit);
      h.fake.addMember(h.chatId, member);
      await h.bind(member, unit);
    }
    const world = { domain: h.domain, supervision: h.supervision, clock: h.clock };
    const tax = { ...simulationMember('税务局'), isOffice: false, unit: '税务局' };
    const kpiReport = async (at: string, value: number) => {
      h.clock.set(atLocal(at));
      await recordReport(h.domain, tax, {
        code: '6.1',
        text: '网上办理率持续提升',
        percent: 70,
        kpiValues: [{ name: '网上办理率', value }],
        messageId: `kpi-${at}`,
      });
    };
    await simulate(world, { from: WINDOW.from, to: '2023-05-12', scripts: SCRIPTS, confirmCards: true });
    await kpiReport('2023-05-12 15:00', 86.5);
    await simulate(world, { from: '2023-05-12', to: WINDOW.to, scripts: SCRIPTS, confirmCards: true });
    await kpiReport('2023-06-05 15:00', 90.2);
    // A card revoked with its reason, so the list shows both kinds.
    const live = await h.repos.warnings.list({ planId: h.planId });
    expect(live.length).toBeGreaterThan(0);
    await h.say(PEOPLE.office, `/撤销黄牌 ${live[0]?.id} 已核实补报`);
    h.clock.set(atLocal(`${WINDOW.to} 16:00`));
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    for (const context of signedIn.values()) await (await context).close();
    await browser?.close();
    await h?.close();
  });

  /** A browser context per person, signed in on the fake Lark's login page at its first page. */
  const signedIn = new Map<string, Promise<BrowserContext>>();

  /**
   * A new page of `who`'s signed-in context at the cockpit (the first one signs in through Lark; the
   * others share its session, cache and compiled scripts: a context is a renderer of its own, and
   * five of them took half of Chromium's CPU here).
   */
  async function cockpitPage(who: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
    let context = signedIn.get(who);
    const first = !context;
    if (!context) {
      context = browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      signedIn.set(who, context);
    }
    const page = await (await context).newPage();
    await page.setViewportSize(viewport);
    await page.goto(`${base}/cockpit`);
    // The fake's authorize page lists its users; choosing one approves the login as that person.
    if (first) await page.getByRole('link', { name: new RegExp(`^${who}（`) }).click();
    return page;
  }

  it('signs the office in through Lark and shows every section with non-empty charts; figures equal /总览', async () => {
    const page = await cockpitPage(PEOPLE.office.name);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe('/cockpit');
    await saveScreenshot(page, 'cockpit', 'desktop-top');
    for (const heading of ['总体情况', '各指标进展', '责任单位', '月度报送情况', '量化指标', '清单'])
      await expect.poll(() => page.getByRole('heading', { name: heading }).count()).toBe(1);

    // Each chart drew an SVG: 15 indicators × 2 bars; 6.1's KPI a line beyond the axes of a KPI with no values yet.
    const shapes = async (name: string) => page.locator(`[data-chart="${name}"] svg path`).count();
    expect(await page.locator('#content [data-chart]').count()).toBe(1 + 6);
    expect(await shapes('indicators')).toBeGreaterThan(30);
    for (const name of await page
      .locator('#content [data-chart]')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-chart') ?? '')))
      expect(await shapes(name), name).toBeGreaterThan(0);
    expect(await shapes('kpi-6.1')).toBeGreaterThan(await shapes('kpi-13.5'));

    // The same moment in chat: /总览's figures are the headline's.
    const overview = await h.say(PEOPLE.office, '/总览');
    const chat = overviewFigures(overview);
    expect(chat.total).toBe(46);
    expect({
      indicators: 15,
      total: Number(await figure(page, 'total')),
      signedOff: Number(await figure(page, 'signedOff')),
      inProgress: Number(await figure(page, 'inProgress')),
      pending: Number(await figure(page, 'pending')),
      overdue: Number(await figure(page, 'overdue')),
      percent: Number(await figure(page, 'percent')),
    }).toEqual(chat);
    expect(chat.overdue).toBeGreaterThan(0);
    // And indicator by indicator, against the card's rows.
    const api = (await (await page.request.get(`${base}/cockpit/api/plan`)).json()) as {
      indicators: { seq: number; signedOff: number; total: number; overdue: number; percent: number }[];
      headline: { liveCards: number };
    };
    expect(
      api.indicators.map((i) => ({
        closed: i.signedOff,
        active: i.total - i.signedOff,
        overdue: i.overdue,
        percent: `${i.percent}%`,
      })),
    ).toEqual(
      overviewRows(overview).map((r) => ({
        closed: r.closed,
        active: r.active,
        overdue: r.overdue,
        percent: r.percent,
      })),
    );
    // /黄牌's live cards.
    const live = await h.repos.warnings.list({ planId: h.planId });
    expect(Number(await figure(page, 'liveCards'))).toBe(live.length);
    expect(api.headline.liveCards).toBe(live.length);

    // Clicking an indicator's bar lists that indicator's tasks.
    await page.locator('[data-chart="indicators"] svg').click({ position: { x: 400, y: 120 } });
    await expect.poll(() => page.locator('#indicator-task-table tbody tr').count()).toBeGreaterThan(0);

    // The lists: overdue tasks with days, yellow cards live and revoked, the audit trail filtered.
    expect(await page.locator('#overdue-table tbody tr').count()).toBe(chat.overdue);
    expect(await page.locator('#cards-table').textContent()).toContain('已撤销');
    expect(await page.locator('#cards-table').textContent()).toContain('已核实补报');
    await page.locator('#audit-form [name="task"]').fill('6.1');
    await page.locator('#audit-form button[type="submit"]').click();
    // The filtered page replaces the first one: every row is then of 6.1.
    const taskCells = () => page.locator('#audit-table tbody td:nth-child(4)').allTextContents();
    await expect.poll(async () => [...new Set(await taskCells())]).toEqual(['6.1']);
    expect(await page.locator('#audit-summary').textContent()).toMatch(/^共 \d+ 条/);
    // The KPI of 6.1: two monthly values, the direction right.
    expect(await page.locator('.kpi', { hasText: '6.1 网上办理率' }).locator('.trend').textContent()).toBe(
      '方向正确',
    );

    await page.locator('#audit-form [name="task"]').fill('');
    await page.locator('#audit-form button[type="submit"]').click();
    await saveScreenshot(page, 'cockpit', 'desktop-full', { fullPage: true });
    await page.close();
  });

  it('shows a unit × month grid equal to the assessment’s months', async () => {
    const page = await cockpitPage(PEOPLE.office.name);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    const { rows, periods } = await computeAssessment(h.supervision, 2023);
    expect(periods).toEqual(['2023-03', '2023-04', '2023-05']);
    const grid = await page.locator('#unit-grid tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        unit: tr.getAttribute('data-unit'),
        cells: [...tr.querySelectorAll('td')].map((td) => ({
          period: td.getAttribute('data-period'),
          state: td.getAttribute('data-state'),
        })),
      })),
    );
    expect(grid.map((g) => g.unit).sort()).toEqual(rows.map((r) => r.unit).sort());
    for (const row of rows) {
      const cells = grid.find((g) => g.unit === row.unit)?.cells ?? [];
      const count = (state: string) => cells.filter((c) => c.state === state).length;
      expect({
        unit: row.unit,
        onTime: count('on_time'),
        late: count('late'),
        missed: count('missed'),
      }).toEqual({
        unit: row.unit,
        onTime: row.monthsOnTime,
        late: row.monthsLate,
        missed: row.monthsMissed,
      });
      // The months judged are the assessment's; later ones are not yet due.
      expect(cells.filter((c) => c.state !== 'not_due').map((c) => c.period)).toEqual(
        periods.filter((p) => cells.some((c) => c.period === p && c.state !== 'not_due')),
      );
      expect(cells.filter((c) => c.state === 'not_due').every((c) => (c.period ?? '') > '2023-05')).toBe(
        true,
      );
    }
    // The simulation's scripts show: 法院 reported May late, 住建局 missed it, 税务局 on time.
    const may = (unit: string) =>
      grid.find((g) => g.unit === unit)?.cells.find((c) => c.period === '2023-05')?.state;
    expect([may('法院'), may('住建局'), may('税务局')]).toEqual(['late', 'missed', 'on_time']);
    // The league table's scores are the assessment's.
    const scores = await page
      .locator('#units-table tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [tr.children[0]?.textContent, Number(tr.children[6]?.textContent)]),
      );
    expect(scores).toEqual(rows.map((r) => [r.unit, r.score]));
    await page.close();
  });

  it('reads on a phone: 375 px wide, nothing wider than the screen but the scrolling tables', async () => {
    const page = await cockpitPage(PEOPLE.office.name, { width: 375, height: 812 });
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    const overflow = await page.locator('html').evaluate((html) => html.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(375);
    expect(await page.locator('[data-chart="indicators"] svg path').count()).toBeGreaterThan(3);
    await saveScreenshot(page, 'cockpit', 'phone-top');
    await page.close();
  });

  it('shows a roll-up group’s plans, each row with its /总览 figures and a link to the plan', async () => {
    await h.app.tenancy.catalog.bindRollup({
      chatId: 'oc_browser_rollup',
      planIds: [h.planId],
      boundBy: PEOPLE.office.openId,
      boundAt: h.clock.now(),
    });
    const page = await cockpitPage(PEOPLE.office.name);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    await page.goto(`${base}/cockpit?rollup=oc_browser_rollup`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    const overview = overviewFigures(await h.say(PEOPLE.office, '/总览'));
    const cells = await page.locator('#rollup-table tbody tr').first().locator('td').allTextContents();
    expect(cells.slice(0, 6)).toEqual([
      '上营商〔2023〕1号',
      String(overview.total),
      String(overview.signedOff),
      String(overview.inProgress),
      String(overview.overdue),
      `${overview.percent}%`,
    ]);
    expect(await page.locator('[data-chart="rollup"] svg path').count()).toBeGreaterThan(3);
    expect(await page.locator('#rollup-table a').getAttribute('href')).toBe(
      `/cockpit?plan=${encodeURIComponent(h.planId)}`,
    );
    await saveScreenshot(page, 'cockpit', 'rollup');
    await page.close();
  });

  it('refuses a person who is neither office nor 领导, in Chinese', async () => {
    const page = await cockpitPage(PEOPLE.stranger.name);
    await expect.poll(() => page.locator('h1').textContent()).toBe('无权查看督办驾驶舱');
    expect(await page.locator('main').textContent()).toContain('/绑定 @您 领导');
    await saveScreenshot(page, 'cockpit', 'refused');
    await page.close();
  });
});
