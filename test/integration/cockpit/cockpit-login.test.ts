import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPlan } from '../../../src/domain/plan/import-plan.js';
import { parseNotice } from '../../../src/domain/plan/notice.parser.js';
import { overviewTotals } from '../../../src/domain/queries/overview.js';
import { queryOverview } from '../../../src/domain/queries/queries.service.js';
import { requestSignoff } from '../../../src/domain/signoff/signoff.service.js';
import { type ChatHarness, PEOPLE, startChatHarness } from '../../helpers/chat-harness.js';
import { COCKPIT_SECRET, cookieFrom, loginOverHttp } from '../../helpers/cockpit.js';
import { SECOND_DOC_NO, SECOND_NOTICE } from '../../helpers/second-plan.js';

const LEADER = { openId: 'ou_leader_wang', name: '王县长' };
/** The harness's app secret (test/helpers/chat-harness.ts). */
const APP_SECRET = 'test-app-secret-do-not-log';

describe('the cockpit’s Lark web-app login, end to end against the fake Lark', () => {
  let h: ChatHarness;
  let base: string;

  beforeAll(async () => {
    h = await startChatHarness({ cockpit: true, onlyPlanChat: true });
    base = h.origin;
    await h.bind(PEOPLE.tax, '税务局');
    h.fake.addMember(h.chatId, LEADER);
    await h.bind(LEADER, '领导小组', 'leader');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('sends the browser to Lark’s authorize page with the app id, the callback and a state in an HttpOnly cookie', async () => {
    const res = await fetch(`${base}/cockpit?plan=${encodeURIComponent(h.planId)}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location') ?? '');
    expect(`${to.origin}${to.pathname}`).toBe(`${h.fake.url}/open-apis/authen/v1/authorize`);
    expect(to.searchParams.get('client_id')).toBe(h.fake.appId);
    expect(to.searchParams.get('response_type')).toBe('code');
    expect(to.searchParams.get('redirect_uri')).toBe(`${base}/cockpit/login/callback`);
    const state = to.searchParams.get('state') ?? '';
    expect(state).toMatch(/^[0-9a-f]{32}$/);
    const cookie = cookieFrom(res, 'duban_cockpit_login');
    expect(cookie?.attributes).toContain('HttpOnly');
    expect(cookie?.attributes).toContain('SameSite=Lax');
    expect(cookie?.attributes).toContain('Path=/cockpit/login');
    // Served over http here: no Secure flag (production's https URL sets it).
    expect(cookie?.attributes).not.toContain('Secure');
  });

  it('logs the office admin in: code → token → open_id → a signed session cookie → the page and the API answer', async () => {
    const run = await loginOverHttp(
      base,
      PEOPLE.office.openId,
      `/cockpit?plan=${encodeURIComponent(h.planId)}`,
    );
    expect(run.callback.status).toBe(302);
    expect(run.callback.headers.get('location')).toBe(`/cockpit?plan=${encodeURIComponent(h.planId)}`);
    // No token or code in the URL the browser is sent to.
    expect(run.callback.headers.get('location')).not.toMatch(/code=|token/);
    const session = cookieFrom(run.callback, 'duban_cockpit');
    expect(session?.attributes).toContain('HttpOnly');
    expect(session?.attributes).toContain('Path=/cockpit');
    expect(session?.attributes).toMatch(/Max-Age=28800/);

    const page = await fetch(`${base}/cockpit`, { headers: { cookie: run.session ?? '' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('督办驾驶舱');
    const api = await fetch(`${base}/cockpit/api/plan?plan=${encodeURIComponent(h.planId)}`, {
      headers: { cookie: run.session ?? '' },
    });
    expect(api.status).toBe(200);
    const data = (await api.json()) as { plan: { planId: string }; headline: { total: number } };
    expect(data.plan.planId).toBe(h.planId);
    expect(data.headline.total).toBe(46);
    const me = (await (
      await fetch(`${base}/cockpit/api/me`, { headers: { cookie: run.session ?? '' } })
    ).json()) as {
      name: string;
    };
    expect(me.name).toBe(PEOPLE.office.name);
  });

  it('lets a member bound as 领导 in', async () => {
    const run = await loginOverHttp(base, LEADER.openId);
    expect(run.callback.status).toBe(302);
    const api = await fetch(`${base}/cockpit/api/plan`, { headers: { cookie: run.session ?? '' } });
    expect(api.status).toBe(200);
  });

  it.each([
    ['a stranger', PEOPLE.stranger],
    ['a unit liaison', PEOPLE.tax],
  ])('refuses %s with a Chinese page (403) and no session', async (_who, person) => {
    const run = await loginOverHttp(base, person.openId);
    expect(run.callback.status).toBe(403);
    expect(run.session).toBeUndefined();
    const html = await run.callback.text();
    expect(html).toContain('无权查看督办驾驶舱');
    expect(html).toContain('/绑定 @您 领导');
  });

  it('refuses a replayed code: the callback fails and the fake answers invalid_grant', async () => {
    const run = await loginOverHttp(base, PEOPLE.office.openId);
    expect(run.callback.status).toBe(302);
    // The same callback again, state cookie and all: the code was used.
    const again = await fetch(run.callbackUrl, { redirect: 'manual', headers: { cookie: run.stateCookie } });
    expect(again.status).toBe(502);
    expect(cookieFrom(again, 'duban_cockpit')).toBeUndefined();
    expect(await again.text()).toContain('登录失败');
    const code = new URL(run.callbackUrl).searchParams.get('code');
    const direct = await fetch(`${h.fake.url}/open-apis/authen/v2/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'authorization_code',
        client_id: h.fake.appId,
        client_secret: APP_SECRET,
        code,
        redirect_uri: `${base}/cockpit/login/callback`,
      }),
    });
    expect(direct.status).toBe(400);
    expect(await direct.json()).toMatchObject({ code: 20065, error: 'invalid_grant' });
  });

  it('refuses a code older than 5 minutes, a wrong client secret and another redirect_uri at the fake', async () => {
    const page = await fetch(`${base}/cockpit`, { redirect: 'manual' });
    const state = cookieFrom(page, 'duban_cockpit_login')?.pair ?? '';
    const authorize = new URL(page.headers.get('location') ?? '');
    authorize.searchParams.set('fake_login_as', PEOPLE.office.openId);
    const callbackUrl = (await fetch(authorize, { redirect: 'manual' })).headers.get('location') ?? '';
    await fetch(`${h.fake.url}/_fake/oauth/expire-codes`, { method: 'POST' });
    const late = await fetch(callbackUrl, { redirect: 'manual', headers: { cookie: state } });
    expect(late.status).toBe(502);

    const token = (body: Record<string, string>) =>
      fetch(`${h.fake.url}/open-apis/authen/v2/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'authorization_code', client_id: h.fake.appId, ...body }),
      });
    const codeFor = async (redirectUri: string) => {
      const url = new URL(`${h.fake.url}/open-apis/authen/v1/authorize`);
      url.search = new URLSearchParams({
        client_id: h.fake.appId,
        response_type: 'code',
        redirect_uri: redirectUri,
        state: 's',
        fake_login_as: PEOPLE.office.openId,
      }).toString();
      const to = (await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '';
      return new URL(to).searchParams.get('code') ?? '';
    };
    const wrongSecret = await token({
      client_secret: 'not-the-secret',
      code: await codeFor(`${base}/cockpit/login/callback`),
      redirect_uri: `${base}/cockpit/login/callback`,
    });
    expect(await wrongSecret.json()).toMatchObject({ code: 20002, error: 'invalid_client' });
    const otherRedirect = await token({
      client_secret: APP_SECRET,
      code: await codeFor(`${base}/cockpit/login/callback`),
      redirect_uri: 'http://127.0.0.1:1/elsewhere',
    });
    expect(await otherRedirect.json()).toMatchObject({ code: 20071, error: 'invalid_grant' });
  });

  it('refuses a callback whose state does not match the cookie (400), and one without the cookie', async () => {
    const run = await loginOverHttp(base, PEOPLE.office.openId);
    const forged = new URL(run.callbackUrl);
    forged.searchParams.set('state', 'f'.repeat(32));
    const mismatch = await fetch(forged, { redirect: 'manual', headers: { cookie: run.stateCookie } });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('登录已失效');
    const noCookie = await fetch(run.callbackUrl, { redirect: 'manual' });
    expect(noCookie.status).toBe(400);
  });

  it('refuses a tampered session cookie: 401 from the API, the page starts a new login', async () => {
    const run = await loginOverHttp(base, LEADER.openId);
    const [name, value = ''] = (run.session ?? '').split('=');
    const [payload = '', mac = ''] = decodeURIComponent(value).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { openId: string };
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, openId: PEOPLE.office.openId })).toString(
      'base64url',
    );
    const tampered = `${name}=${encodeURIComponent(`${forgedPayload}.${mac}`)}`;
    const api = await fetch(`${base}/cockpit/api/plan`, { headers: { cookie: tampered } });
    expect(api.status).toBe(401);
    expect(((await api.json()) as { error: string }).error).toContain('未登录');
    const page = await fetch(`${base}/cockpit`, { redirect: 'manual', headers: { cookie: tampered } });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toContain('/open-apis/authen/v1/authorize');
  });

  it('downloads a sign-off request’s evidence through the request’s message, and lists it', async () => {
    const pdf = Buffer.from('%PDF-1.4 验收报告');
    const { messageId } = await h.fake.deliverUserMessage({
      chatId: h.chatId,
      senderOpenId: PEOPLE.tax.openId,
      file: { name: '验收报告.pdf', bytes: pdf, contentType: 'application/pdf' },
    });
    const message = h.fake.messages(h.chatId).find((m) => m.messageId === messageId);
    const fileKey = (message?.content as { file_key?: string } | undefined)?.file_key ?? '';
    // The request as /申请销号 stores it when the message carries a file: its key, the message as source.
    await requestSignoff(
      h.domain,
      { ...PEOPLE.tax, isOffice: false, unit: '税务局' },
      {
        code: '6.2',
        note: '已完成',
        evidence: [fileKey],
        source: messageId,
      },
    );
    const run = await loginOverHttp(base, LEADER.openId);
    const cookie = { cookie: run.session ?? '' };
    const data = (await (await fetch(`${base}/cockpit/api/plan`, { headers: cookie })).json()) as {
      evidence: { code: string; index: number; kind: string }[];
      signoffs: { code: string; evidence: number }[];
      evidenceDownload: boolean;
    };
    expect(data.evidenceDownload).toBe(true);
    expect(data.evidence).toEqual([expect.objectContaining({ code: '6.2', index: 0, kind: 'file' })]);
    expect(data.signoffs).toEqual([expect.objectContaining({ code: '6.2', evidence: 1 })]);
    const download = await fetch(`${base}/cockpit/api/evidence?task=6.2&index=0`, { headers: cookie });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('事项6.2-证明材料1.pdf')}`,
    );
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
    const missing = await fetch(`${base}/cockpit/api/evidence?task=6.2&index=1`, { headers: cookie });
    expect(missing.status).toBe(404);
    const anonymous = await fetch(`${base}/cockpit/api/evidence?task=6.2&index=0`);
    expect(anonymous.status).toBe(401);
  });

  it('filters the audit trail by task, unit, action, person and date, and refuses a bad date', async () => {
    const run = await loginOverHttp(base, PEOPLE.office.openId);
    const audit = async (query: string) => {
      const res = await fetch(`${base}/cockpit/api/audit?${query}`, {
        headers: { cookie: run.session ?? '' },
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const bySignoff = await audit(
      'action=signoff.request&person=王税务&task=6.2&from=2023-06-10&to=2023-06-10',
    );
    expect(bySignoff.status).toBe(200);
    expect(bySignoff.body.entries).toEqual([
      { at: '2023-06-10 10:00', actor: '王税务', action: '申请销号', taskCode: '6.2', unit: '税务局' },
    ]);
    expect((await audit('action=signoff.request&to=2023-06-09')).body.entries).toEqual([]);
    expect((await audit('action=signoff.request&person=李法院')).body.entries).toEqual([]);
    expect(await audit('from=2023-13-45x')).toEqual({
      status: 400,
      body: { error: '“2023-13-45x”不是日期，格式如 2023-05-01。' },
    });
    expect((await audit('action=nothing')).status).toBe(400);
  });

  it('sends the page with a content security policy that allows only its own scripts', async () => {
    const run = await loginOverHttp(base, PEOPLE.office.openId);
    const page = await fetch(`${base}/cockpit`, { headers: { cookie: run.session ?? '' } });
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('cache-control')).toBe('no-store');
  });

  it('the fake’s next-login control approves the next authorize at once', async () => {
    await fetch(`${h.fake.url}/_fake/oauth/next-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ open_id: LEADER.openId }),
    });
    const page = await fetch(`${base}/cockpit`, { redirect: 'manual' });
    const approved = await fetch(page.headers.get('location') ?? '', { redirect: 'manual' });
    expect(approved.status).toBe(302);
    expect(approved.headers.get('location')).toMatch(/\/cockpit\/login\/callback\?code=[0-9a-f]+&state=/);
  });

  it('shows a roll-up group to those who may open every plan in it, one row per plan as each /总览', async () => {
    const second = parseNotice(SECOND_NOTICE);
    await importPlan(h.app.tenancy.forPlan(second.docNo), second, {
      actor: 'system',
      start: '2023-03-01',
      source: 'test',
    });
    const chatId = 'oc_city_rollup';
    await h.app.tenancy.catalog.bindRollup({
      chatId,
      planIds: [h.planId, SECOND_DOC_NO],
      boundBy: PEOPLE.office.openId,
      boundAt: h.clock.now(),
    });
    const office = await loginOverHttp(base, PEOPLE.office.openId);
    const res = await fetch(`${base}/cockpit/api/rollup?rollup=${chatId}`, {
      headers: { cookie: office.session ?? '' },
    });
    expect(res.status).toBe(200);
    const rollup = (await res.json()) as { plans: { planId: string; total: number; overdue: number }[] };
    const overview = overviewTotals((await queryOverview(h.domain)).indicators);
    expect(rollup.plans.map((p) => p.planId)).toEqual([h.planId, SECOND_DOC_NO]);
    expect(rollup.plans[0]).toMatchObject({ total: overview.total, overdue: overview.overdue });
    expect(rollup.plans[1]?.total).toBe(46);
    // A leader of the first plan only does not see the group.
    const leader = await loginOverHttp(base, LEADER.openId);
    const refused = await fetch(`${base}/cockpit/api/rollup?rollup=${chatId}`, {
      headers: { cookie: leader.session ?? '' },
    });
    expect(refused.status).toBe(404);
  });

  it('logs nothing secret: no session secret, app secret, code or session cookie in any log line', async () => {
    const run = await loginOverHttp(base, PEOPLE.office.openId);
    const code = new URL(run.callbackUrl).searchParams.get('code') ?? '';
    const logs = h.logs.join('\n');
    expect(logs).toContain('cockpit login');
    for (const secret of [COCKPIT_SECRET, APP_SECRET, code, run.session ?? 'none'])
      expect(logs).not.toContain(secret);
    expect(logs).not.toMatch(/u-[0-9a-f]{40}/);
  });
});
