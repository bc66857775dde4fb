import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OFFICE } from '../../../dev/playground/demo-group.js';
import { type Playground, startPlayground } from '../../../dev/playground/playground.js';
import { launchChromium } from '../../helpers/chromium.js';
import { closeTestPlayground, testPlaygroundOptions } from '../../helpers/playground.js';
import { saveScreenshot } from '../../helpers/screenshot.js';

let playground: Playground;
let browser: Browser;
let page: Page;
let dataDir: string;

/** A bot message in the list whose quote mentions `quoted` (the message it replies to). */
function botReplyQuoting(quoted: string): Locator {
  return page.locator('.msg[data-sender="app"]').filter({ has: page.locator('.quote', { hasText: quoted }) });
}

async function say(text: string): Promise<void> {
  await page.locator('#composer-input').fill(text);
  await page.locator('#composer-input').press('Enter');
}

async function snap(name: string): Promise<void> {
  await saveScreenshot(page, 'playground', name);
}

describe('the local playground in a real browser', () => {
  beforeAll(async () => {
    const base = testPlaygroundOptions('main');
    dataDir = base.dataDir;
    playground = await startPlayground({
      ...base,
      // After the plan's first deadlines (2023-05-31), so /逾期 lists items; the jump to 2023-05-19
      // below then goes back in time and resets the demo data (the reminder still comes).
      now: new Date('2023-06-10T09:30:00+08:00'),
    });
    browser = await launchChromium();
    page = await browser.newPage({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    await page.goto(playground.url);
  });

  afterAll(async () => {
    await browser?.close();
    await closeTestPlayground(playground, dataDir);
  });

  it('lets the office ask for overdue items, press a card button, export the ledger and jump the clock', async () => {
    // The picker lists the demo group with units; the office admin is chosen.
    await page.locator('#speaker option').first().waitFor({ state: 'attached' });
    const options = await page.locator('#speaker option').allTextContents();
    expect(options).toContain('刘晓燕（税务局 · 联络员）');
    await page.locator('#speaker').selectOption(DEMO_OFFICE.openId);
    await expect.poll(() => page.locator('#speaker-info').textContent()).toContain('高志平');

    // `/逾期` as the office: a red card with the overdue items, replying to the typed message.
    await say('/逾期');
    const overdue = botReplyQuoting('/逾期').filter({ has: page.locator('.card[data-template="red"]') });
    await overdue.waitFor({ timeout: 20_000 });
    expect(await overdue.locator('.card-title').textContent()).toMatch(/^逾期事项（\d+ 项）$/);
    expect(await overdue.locator('.card-table th').allTextContents()).toEqual(
      expect.arrayContaining(['编号', '逾期天数']),
    );
    const mine = page.locator('.msg.is-me', { hasText: '/逾期' });
    expect(await mine.locator('.at').first().textContent()).toBe('@督办助手');
    await snap('01-overdue-card');

    // A card button: 查看 <code> answers with that task's detail, as a reply to the card.
    const view = overdue.getByRole('button', { name: /^查看 / }).first();
    const code = ((await view.textContent()) ?? '').replace('查看', '').trim();
    expect(code).toMatch(/^\d+\.\d+$/);
    const cardId = await overdue.getAttribute('data-id');
    await view.click();
    const detail = page.locator(`.msg[data-sender="app"][data-parent="${cardId}"]`);
    await detail.first().waitFor({ timeout: 20_000 });
    expect(await detail.first().locator('.card').textContent()).toContain(code);
    expect(await detail.first().locator('.quote').textContent()).toContain('逾期事项');
    await snap('02-card-button-reply');

    // `/导出`: the ledger arrives as a file with a download link that serves the .xlsx.
    await say('/导出');
    const file = botReplyQuoting('/导出').locator('a.file-download');
    await file.waitFor({ timeout: 30_000 });
    expect(await file.getAttribute('download')).toMatch(/\.xlsx$/);
    const href = await file.getAttribute('href');
    const download = await page.request.get(new URL(href ?? '', playground.url).toString());
    expect(download.status()).toBe(200);
    expect((await download.body()).subarray(0, 2).toString()).toBe('PK');
    await snap('03-ledger-file');

    // The clock control: jump to a reminder day; the reminder appears without reloading the page.
    await page.locator('#clock-input').fill('2023-05-19T09:00');
    await page.locator('#clock-jump').click();
    await expect.poll(() => page.locator('#clock-mode').textContent()).toBe('已调整');
    expect(await page.locator('#clock-now').textContent()).toMatch(/^2023-05-19 09:0\d:\d\d$/);
    const reminder = page
      .locator('.msg[data-sender="app"]')
      .filter({ has: page.locator('.card[data-template="orange"] .card-title', { hasText: '【提醒】' }) });
    await reminder.waitFor({ timeout: 30_000 });
    expect(await reminder.locator('.card-title').textContent()).toBe('【提醒】2023年5月整改进展报送');
    expect(await reminder.locator('.msg-time').textContent()).toBe('2023-05-19 09:00');
    expect(await reminder.locator('.at').allTextContents()).toContain('@刘晓燕');
    await reminder.scrollIntoViewIfNeeded();
    await snap('04-reminder-after-clock-jump');

    // Back to real time.
    await page.locator('#clock-reset').click();
    await expect.poll(() => page.locator('#clock-mode').textContent()).toBe('实时');
  }, 180_000);
});
