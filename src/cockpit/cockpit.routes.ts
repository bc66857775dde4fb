import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import express, { type Request, type Response, type Router } from 'express';
import { ACTION_LABEL } from '../domain/audit/action-labels.js';
import type { AuditAction } from '../domain/audit/audit-entry.js';
import { local } from '../domain/clock.js';
import type { Tenancy } from '../domain/deps.js';
import { queryRollupOverview } from '../domain/plan/rollup.js';
import type { StoredPlan } from '../domain/plan/stored-plan.js';
import type { AssessmentRule } from '../domain/supervision/assessment.js';
import type { Logger } from '../logger.js';
import { viewablePlans, viewableRollup } from './access.js';
import { loadCockpit, loadIndicatorTasks } from './cockpit-data.js';
import { authorizeUrl, identifyByCode, type LarkLoginApp, LoginError } from './lark-login.js';
import { messagePage, refusalPage } from './pages.js';
import {
  type CockpitSession,
  readCookie,
  readSession,
  SESSION_COOKIE,
  SESSION_SECONDS,
  setCookie,
  signValue,
  verifyValue,
} from './session.js';

/**
 * The page's files: beside this module when run from src/ (tsx); from the compiled dist/src/cockpit/
 * the copy the image keeps at src/cockpit/public (tsc copies no .html, .js or .css).
 */
const PUBLIC_DIR = [
  join(import.meta.dirname, 'public'),
  join(import.meta.dirname, '../../../src/cockpit/public'),
].find((dir) => existsSync(join(dir, 'index.html')));

/** ECharts' single-file build, served from node_modules (no CDN). */
const ECHARTS_FILE = join(dirname(fileURLToPath(import.meta.resolve('echarts'))), 'dist/echarts.min.js');

/** The OAuth state's cookie: the state and the plan to open after, for 10 minutes. */
const STATE_COOKIE = 'duban_cockpit_login';
const STATE_SECONDS = 600;
/** How many of the newest matching audit entries the person and date filters look through. */
const AUDIT_WINDOW = 1000;
const AUDIT_PAGE = 30;

/** How viewers sign in: Lark's web-app login (production), or one fixed viewer (the playground). */
export type CockpitAuth =
  | { kind: 'lark'; app: LarkLoginApp; sessionSecret: string }
  | { kind: 'fixed'; openId: string; name?: string };

export interface CockpitOptions {
  tenancy: Tenancy;
  assessmentRule: AssessmentRule;
  auth: CockpitAuth;
  logger: Logger;
  /** Wall-clock seconds (sessions and login states expire by real time, not the bot's). */
  nowSeconds?: () => number;
  /**
   * Downloads a file or image a chat message carries (a sign-off request's evidence) from Lark;
   * without it the evidence is listed but not downloadable.
   */
  readEvidence?: (input: {
    messageId: string;
    fileKey: string;
    type: 'file' | 'image';
  }) => Promise<Buffer | undefined>;
}

/** The extension a download is named with, from its first bytes (Lark's resource answer names none). */
function extensionOf(data: Buffer): string {
  if (data.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))) return '.png';
  if (data[0] === 0xff && data[1] === 0xd8) return '.jpg';
  if (data.subarray(0, 4).toString('latin1') === '%PDF') return '.pdf';
  if (data.subarray(0, 2).toString('latin1') === 'PK') return '.zip';
  return '';
}

/** The read-only cockpit (驾驶舱) under `/cockpit`: the page, its assets, its login and its JSON API. */
export function createCockpitRouter(options: CockpitOptions): Router {
  if (!PUBLIC_DIR) throw new Error('the cockpit page (src/cockpit/public) is missing');
  const { tenancy, auth, logger } = options;
  const nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  const router = express.Router();
  const secure = auth.kind === 'lark' && auth.app.redirectUri.startsWith('https:');

  /** The signed-in viewer, or undefined (then the caller answers 401 or starts the login). */
  const viewerOf = (req: Request): CockpitSession | undefined =>
    auth.kind === 'fixed'
      ? { openId: auth.openId, name: auth.name, planIds: [], exp: Number.MAX_SAFE_INTEGER }
      : readSession(req, auth.sessionSecret, nowSeconds());

  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    // Scripts and styles from here only (ECharts' SVG sets style attributes: inline styles allowed).
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'",
    );
    next();
  });

  router.get('/assets/echarts.min.js', (_req, res) => {
    res.sendFile(ECHARTS_FILE);
  });

  router.get('/', async (req, res) => {
    const viewer = viewerOf(req);
    if (!viewer) {
      startLogin(req, res);
      return;
    }
    const plans = await viewablePlans(tenancy, viewer.openId);
    if (plans.length === 0) {
      res.status(403).type('html').send(refusalPage(viewer.name));
      return;
    }
    res.sendFile(join(PUBLIC_DIR, 'index.html'));
  });

  router.use(express.static(PUBLIC_DIR, { index: false, etag: false, lastModified: false }));

  function startLogin(req: Request, res: Response): void {
    if (auth.kind !== 'lark') return;
    const state = randomBytes(16).toString('hex');
    const plan = typeof req.query.plan === 'string' ? req.query.plan.slice(0, 100) : '';
    setCookie(
      res,
      STATE_COOKIE,
      signValue({ state, plan, exp: nowSeconds() + STATE_SECONDS }, auth.sessionSecret),
      {
        path: '/cockpit/login',
        maxAgeSeconds: STATE_SECONDS,
        secure,
      },
    );
    res.redirect(302, authorizeUrl(auth.app, state));
  }

  router.get('/login', (req, res) => {
    if (auth.kind !== 'lark') {
      res.redirect(302, '/cockpit');
      return;
    }
    startLogin(req, res);
  });

  router.get('/login/callback', async (req, res) => {
    if (auth.kind !== 'lark') {
      res.redirect(302, '/cockpit');
      return;
    }
    try {
      const saved = verifyValue(readCookie(req, STATE_COOKIE), auth.sessionSecret) as
        | { state?: string; plan?: string; exp?: number }
        | undefined;
      // Used once: the state cookie goes whatever happens next.
      setCookie(res, STATE_COOKIE, '', { path: '/cockpit/login', maxAgeSeconds: 0, secure });
      const code = typeof req.query.code === 'string' ? req.query.code : '';
      if (!saved?.state || saved.state !== req.query.state || (saved.exp ?? 0) <= nowSeconds() || !code) {
        logger.warn(
          { reason: saved ? 'state mismatch or expired' : 'no login state' },
          'cockpit login refused',
        );
        res
          .status(400)
          .type('html')
          .send(
            messagePage({
              title: '登录已失效',
              lines: ['登录请求已过期或不完整，请从工作群中的驾驶舱链接重新打开。'],
            }),
          );
        return;
      }
      const user = await identifyByCode(auth.app, code);
      const plans = await viewablePlans(tenancy, user.openId);
      if (plans.length === 0) {
        logger.warn({ openId: user.openId }, 'cockpit login refused: neither office nor leader of any plan');
        res.status(403).type('html').send(refusalPage(user.name));
        return;
      }
      const session: CockpitSession = {
        openId: user.openId,
        name: user.name,
        planIds: plans.map((p) => p.planId),
        exp: nowSeconds() + SESSION_SECONDS,
      };
      setCookie(res, SESSION_COOKIE, signValue(session, auth.sessionSecret), {
        path: '/cockpit',
        maxAgeSeconds: SESSION_SECONDS,
        secure,
      });
      logger.info({ openId: user.openId, plans: session.planIds.length }, 'cockpit login');
      const wanted = plans.find((p) => p.planId === saved.plan);
      res.redirect(302, wanted ? `/cockpit?plan=${encodeURIComponent(wanted.planId)}` : '/cockpit');
    } catch (error) {
      if (error instanceof LoginError) {
        logger.warn({ step: error.step, larkCode: error.larkCode }, 'cockpit login failed at Lark');
        res
          .status(502)
          .type('html')
          .send(
            messagePage({
              title: '登录失败',
              lines: ['飞书登录未成功（授权码无效或已使用），请从工作群中的驾驶舱链接重新打开。'],
            }),
          );
        return;
      }
      throw error;
    }
  });

  router.get('/logout', (_req, res) => {
    setCookie(res, SESSION_COOKIE, '', { path: '/cockpit', maxAgeSeconds: 0, secure });
    res.type('html').send(messagePage({ title: '已退出', lines: ['您已退出督办驾驶舱。'] }));
  });

  /** The viewer and the plan the request names (or the viewer's first); answers 401/403/404 itself. */
  async function planOf(req: Request, res: Response): Promise<StoredPlan | undefined> {
    const viewer = viewerOf(req);
    if (!viewer) {
      res.status(401).json({ error: '未登录或登录已过期，请重新打开驾驶舱。' });
      return undefined;
    }
    const plans = await viewablePlans(tenancy, viewer.openId);
    const wanted = typeof req.query.plan === 'string' && req.query.plan ? req.query.plan : undefined;
    const plan = wanted ? plans.find((p) => p.planId === wanted) : plans[0];
    if (!plan) {
      res.status(plans.length ? 404 : 403).json({
        error: plans.length ? '没有这个整改方案，或您无权查看。' : '您没有查看督办驾驶舱的权限。',
      });
      return undefined;
    }
    return plan;
  }

  router.get('/api/me', async (req, res) => {
    const viewer = viewerOf(req);
    if (!viewer) {
      res.status(401).json({ error: '未登录或登录已过期，请重新打开驾驶舱。' });
      return;
    }
    const plans = await viewablePlans(tenancy, viewer.openId);
    res.json({
      name: viewer.name ?? null,
      canLogout: auth.kind === 'lark',
      plans: plans.map((p) => ({
        planId: p.planId,
        docNo: p.docNo,
        title: p.title,
        shortName: p.shortName ?? null,
        status: p.status,
      })),
    });
  });

  router.get('/api/plan', async (req, res) => {
    const started = performance.now();
    const plan = await planOf(req, res);
    if (!plan) return;
    const data = await loadCockpit(tenancy.forPlan(plan.planId), options.assessmentRule);
    const ms = performance.now() - started;
    res.setHeader('Server-Timing', `app;dur=${ms.toFixed(1)}`);
    res.json({
      ...data,
      at: local(tenancy.settings.clock.now()).format('YYYY-MM-DD HH:mm'),
      evidenceDownload: options.readEvidence !== undefined,
    });
  });

  // A roll-up group's view: one row per plan, by the same overview as each plan's /总览.
  router.get('/api/rollup', async (req, res) => {
    const viewer = viewerOf(req);
    if (!viewer) {
      res.status(401).json({ error: '未登录或登录已过期，请重新打开驾驶舱。' });
      return;
    }
    const chatId = typeof req.query.rollup === 'string' ? req.query.rollup.slice(0, 100) : '';
    const group = chatId ? await viewableRollup(tenancy, viewer.openId, chatId) : undefined;
    if (!group) {
      res.status(404).json({ error: '没有这个汇总群，或您不是其中每个方案的督办员。' });
      return;
    }
    const { today, plans } = await queryRollupOverview(tenancy, group);
    const rows = await Promise.all(
      plans.map(async (row) => ({
        planId: row.plan.planId,
        docNo: row.plan.docNo,
        name: row.plan.shortName ?? row.plan.docNo,
        title: row.plan.title,
        status: row.plan.status,
        total: row.total,
        signedOff: row.signedOff,
        inProgress: row.total - row.signedOff,
        overdue: row.overdue,
        percent: row.percent,
        liveCards: (await tenancy.forPlan(row.plan.planId).repos.warnings.list({ planId: row.plan.planId }))
          .length,
      })),
    );
    res.json({ today, plans: rows });
  });

  router.get('/api/indicator', async (req, res) => {
    const plan = await planOf(req, res);
    if (!plan) return;
    const seq = Number(req.query.seq);
    if (!plan.indicators.some((i) => i.seq === seq)) {
      res.status(404).json({ error: '没有这个指标。' });
      return;
    }
    res.json({ seq, tasks: await loadIndicatorTasks(tenancy.forPlan(plan.planId), seq) });
  });

  // One evidence file of a task's sign-off request, read from Lark through the request's message.
  router.get('/api/evidence', async (req, res) => {
    const plan = await planOf(req, res);
    if (!plan) return;
    const deps = tenancy.forPlan(plan.planId);
    const code = typeof req.query.task === 'string' ? req.query.task.slice(0, 20) : '';
    const index = Number(req.query.index);
    const task = code ? await deps.repos.tasks.get(plan.planId, code) : null;
    const fileKey = Number.isInteger(index) ? task?.signoff?.evidence[index] : undefined;
    // The request's message: the newest sign-off request of the task names it as its source.
    const [request] = fileKey
      ? await deps.repos.audit.list({ taskCode: code, action: 'signoff.request', limit: 1 })
      : [];
    if (!fileKey || !request?.source || !options.readEvidence) {
      res.status(404).json({ error: '没有这份证明材料。' });
      return;
    }
    const type = fileKey.startsWith('img_') ? 'image' : 'file';
    const data = await options
      .readEvidence({ messageId: request.source, fileKey, type })
      .catch((error: unknown) => {
        logger.warn({ err: error, taskCode: code }, 'cockpit evidence download failed');
        return null;
      });
    if (!data) {
      res.status(502).json({ error: '证明材料暂时无法从飞书下载（消息可能已撤回或过大），请稍后再试。' });
      return;
    }
    const name = `事项${code}-证明材料${index + 1}${extensionOf(data)}`;
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
    res.type('application/octet-stream').send(data);
  });

  router.get('/api/audit', async (req, res) => {
    const plan = await planOf(req, res);
    if (!plan) return;
    const q = (name: string) =>
      typeof req.query[name] === 'string' ? (req.query[name] as string).trim().slice(0, 50) : '';
    const action = q('action');
    if (action && !(action in ACTION_LABEL)) {
      res.status(400).json({ error: `没有“${action}”这种操作。` });
      return;
    }
    const from = q('from');
    const to = q('to');
    const bad = [from, to].find((d) => d && !/^\d{4}-\d{2}-\d{2}$/.test(d));
    if (bad) {
      res.status(400).json({ error: `“${bad}”不是日期，格式如 2023-05-01。` });
      return;
    }
    const page = Math.max(1, Math.min(1000, Number.parseInt(q('page') || '1', 10) || 1));
    const entries = await tenancy.forPlan(plan.planId).repos.audit.list({
      taskCode: q('task') || undefined,
      unit: q('unit') || undefined,
      action: (action || undefined) as AuditAction | undefined,
      limit: AUDIT_WINDOW,
    });
    const person = q('person');
    const matching = entries.filter((e) => {
      const day = local(e.at).format('YYYY-MM-DD');
      if (from && day < from) return false;
      if (to && day > to) return false;
      return !person || e.actor === person || (e.actorName ?? '').includes(person);
    });
    res.json({
      total: matching.length,
      window: AUDIT_WINDOW,
      page,
      pageSize: AUDIT_PAGE,
      actions: Object.entries(ACTION_LABEL).map(([value, label]) => ({ value, label })),
      entries: matching.slice((page - 1) * AUDIT_PAGE, page * AUDIT_PAGE).map((e) => ({
        at: local(e.at).format('YYYY-MM-DD HH:mm'),
        actor: e.actorName ?? (e.actor === 'system' ? '系统' : e.actor),
        action: ACTION_LABEL[e.action] ?? e.action,
        taskCode: e.taskCode ?? null,
        unit: e.unit ?? null,
      })),
    });
  });

  // Express 5 passes here what a handler throws or its promise rejects with.
  router.use((error: unknown, _req: Request, res: Response, _next: express.NextFunction) => {
    logger.error({ err: error }, 'cockpit request failed');
    res.status(500).json({ error: '驾驶舱暂时无法读取数据，请稍后再试。' });
  });
  return router;
}
