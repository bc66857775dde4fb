import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CHAT_ID, DEMO_OFFICE, DEMO_PEOPLE } from '../../../dev/playground/demo-group.js';
import { type Playground, startPlayground } from '../../../dev/playground/playground.js';
import type { ViewMessage } from '../../../dev/playground/timeline.js';
import { cardTitle } from '../../helpers/chat-harness.js';
import { launchChromium } from '../../helpers/chromium.js';
import { closeTestPlayground, testPlaygroundOptions } from '../../helpers/playground.js';
import { SECOND_DOC_NO, SECOND_NOTICE } from '../../helpers/second-plan.js';

const TAX = DEMO_PEOPLE.find((p) => p.unit === '税务局')?.openId ?? '';

/** `npm start -- --plan <notice>`: a demo group of its own per notice, beside the seed's. */
describe('the playground with a second plan (--plan)', () => {
  let playground: Playground;
  let dataDir: string;
  const api = (path: string) => new URL(`api/${path}`, playground.url).toString();
  const post = (path: string, body: unknown) =>
    fetch(api(path), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const messages = async (chatId: string) =>
    ((await (await fetch(api(`messages?chatId=${chatId}`))).json()) as { messages: ViewMessage[] }).messages;
  const botText = async (chatId: string) =>
    JSON.stringify((await messages(chatId)).filter((m) => m.senderType === 'app').map((m) => m.content));

  beforeAll(async () => {
    const base = testPlaygroundOptions('plans');
    dataDir = base.dataDir;
    const notice = join(dataDir, 'chongyi.txt');
    writeFileSync(notice, SECOND_NOTICE);
    playground = await startPlayground({
      ...base,
      now: new Date('2023-06-08T09:30:00+08:00'),
      // The same notice twice is one group.
      plans: [notice, notice],
    });
  }, 180_000);

  afterAll(async () => {
    await closeTestPlayground(playground, dataDir);
  });

  it('lists the seed’s group first and the notice’s group, each serving its own plan', async () => {
    expect(playground.planGroups).toEqual([
      {
        chatId: expect.stringMatching(/^oc_[0-9a-f]{32}$/),
        name: `${SECOND_DOC_NO} 整改工作群`,
        planId: SECOND_DOC_NO,
      },
    ]);
    const [group] = playground.planGroups;
    const state = (await (await fetch(api('state'))).json()) as {
      chat: { id: string };
      groups: { id: string }[];
    };
    expect(state.chat.id).toBe(DEMO_CHAT_ID);
    expect(state.groups.map((g) => g.id)).toEqual([DEMO_CHAT_ID, group?.chatId]);
    expect((await playground.app.tenancy.catalog.byChat(group?.chatId ?? ''))?.planId).toBe(SECOND_DOC_NO);
  });

  it('answers in the notice’s group from its plan, and stores a report there only', async () => {
    const chatId = playground.planGroups[0]?.chatId ?? '';
    expect((await post('messages', { chatId, senderOpenId: DEMO_OFFICE.openId, text: '/方案' })).status).toBe(
      200,
    );
    expect(
      (await post('messages', { chatId, senderOpenId: TAX, text: '/进展 6.1 60% 已开展培训' })).status,
    ).toBe(200);
    await expect.poll(() => botText(chatId), { timeout: 30_000 }).toContain(SECOND_DOC_NO);
    await expect
      .poll(async () => (await messages(chatId)).filter((m) => m.senderType === 'app').length, {
        timeout: 30_000,
      })
      .toBe(2);
    expect(await botText(DEMO_CHAT_ID)).not.toContain(SECOND_DOC_NO);
    const reports = (id: string) => playground.app.tenancy.forPlan(id).repos.reports.list({ planId: id });
    expect(await reports(SECOND_DOC_NO)).toHaveLength(1);
    expect(await reports(playground.planId)).toEqual([]);
    const unknown = await post('messages', { chatId: 'oc_nowhere', senderOpenId: TAX, text: '/逾期' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ error: '没有这个群' });
  });
  it('the page offers a chooser of groups and shows the chosen group’s messages', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      await page.goto(playground.url);
      const chooser = page.locator('#group');
      await chooser.locator('option').nth(1).waitFor({ state: 'attached' });
      expect(await chooser.isVisible()).toBe(true);
      expect(await page.locator('#chat-title').textContent()).toBe('上犹县优化营商环境整改工作群');
      await chooser.selectOption(playground.planGroups[0]?.chatId ?? '');
      await expect.poll(() => page.locator('#chat-title').textContent()).toBe(`${SECOND_DOC_NO} 整改工作群`);
      // The report sent above is in this group's history, and nothing of the seed's group is.
      await page
        .locator('.msg', { hasText: '/进展 6.1 60% 已开展培训' })
        .first()
        .waitFor({ timeout: 20_000 });
      await page.locator('#composer-input').fill('/总览');
      await page.locator('#composer-input').press('Enter');
      // The page's /总览 is answered there (beside its own automatic posts: the overdue alert).
      const chatId = playground.planGroups[0]?.chatId ?? '';
      const titles = async () => (await messages(chatId)).map(cardTitle);
      await expect.poll(titles, { timeout: 20_000 }).toContain('整改工作总览');
      await expect.poll(titles, { timeout: 20_000 }).toContain('【逾期提醒】13 项整改事项今日起逾期');
      expect(await botText(DEMO_CHAT_ID)).not.toContain('总览');
    } finally {
      await browser.close();
    }
  });
});
