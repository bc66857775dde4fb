import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { atLocal, local } from '../../src/domain/clock.js';
import type { Logger } from '../../src/logger.js';
import type { FakeLark } from '../fake-lark/index.js';
import type { DemoPerson } from './demo-group.js';
import type { PersonView } from './people.js';
import { withMentionTags } from './people.js';
import { goesBack, type PlaygroundClock } from './playground-clock.js';
import type { Timeline } from './timeline.js';

/** What the page's API works with. */
export interface PlaygroundApiDeps {
  fake: FakeLark;
  /** The demo groups, each with its history: the seed's first, then one per `--plan` notice. */
  groups: readonly { id: string; name: string; timeline: Timeline }[];
  people: readonly DemoPerson[];
  describePeople(): Promise<PersonView[]>;
  clock: PlaygroundClock;
  /** Asks the scheduler to perform the posts due at the bot's (new) time. */
  tick(): Promise<void>;
  /**
   * Turns the clock back: the demo data (reports, yellow cards, "post done" claims, queued jobs) is
   * reset to a fresh start, with the scheduler paused, and then `moveClock` runs.
   */
  rewind(moveClock: () => void): Promise<void>;
  logger: Logger;
}

/** The longest message the page sends (the bot refuses a report over 2,000 characters itself). */
export const MAX_PAGE_MESSAGE = 4000;

// Every message a person can see is Chinese: each rule names its own error (zod's are English).
const sendSchema = z.object(
  {
    chatId: z.string('群编号无效').optional(),
    senderOpenId: z.string('请先选择发言身份').min(1, '请先选择发言身份'),
    text: z
      .string('请输入消息内容')
      .trim()
      .min(1, '请输入消息内容')
      .max(MAX_PAGE_MESSAGE, `消息过长：一条最多 ${MAX_PAGE_MESSAGE} 字，请精简或分几条发送`),
  },
  '请求内容无效',
);
const actionSchema = z.object(
  {
    chatId: z.string('群编号无效').optional(),
    messageId: z.string('缺少卡片消息编号').min(1, '缺少卡片消息编号'),
    operatorOpenId: z.string('请先选择发言身份').min(1, '请先选择发言身份'),
    value: z.record(z.string(), z.unknown(), '按钮内容无效'),
    formValue: z.record(z.string(), z.unknown(), '表单内容无效').optional(),
  },
  '请求内容无效',
);
/** `2023-05-19 09:00` or the datetime-local form `2023-05-19T09:00`, read in Asia/Shanghai. */
const clockSchema = z.object(
  {
    at: z
      .string('请填写日期和时间，例如 2023-05-19 09:00')
      .regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$/, '请填写日期和时间，例如 2023-05-19 09:00'),
  },
  '请求内容无效',
);

function clockView(clock: PlaygroundClock) {
  const now = clock.now();
  return {
    now: now.toISOString(),
    local: local(now).format('YYYY-MM-DD HH:mm:ss'),
    adjusted: clock.adjusted(),
    mode: clock.mode(),
  };
}

function badRequest(res: Response, error: z.ZodError): void {
  res.status(400).json({ error: error.issues.map((i) => i.message).join('；') });
}

/**
 * `/api/*`: the groups, a group's messages (`?chatId=`, the seed's group by default), sending as a
 * member and pressing card buttons there, files, the clock.
 */
export function createPlaygroundApi(deps: PlaygroundApiDeps): Router {
  const { fake, clock } = deps;
  const api = express.Router();
  api.use(express.json({ limit: '64kb' }));
  const isMember = (openId: string) => deps.people.some((p) => p.openId === openId);
  const [first] = deps.groups;
  if (!first) throw new Error('the playground has no group');
  // A group named by `chatId` (the first, the seed's, when none is named); undefined for an unknown one.
  const groupOf = (chatId: unknown) =>
    chatId === undefined || chatId === '' ? first : deps.groups.find((g) => g.id === chatId);
  const groupView = (g: (typeof deps.groups)[number]) => ({ id: g.id, name: g.name });
  const unknownGroup = (res: Response) => void res.status(400).json({ error: '没有这个群' });

  api.get('/state', async (_req, res) => {
    res.json({
      chat: groupView(first),
      groups: deps.groups.map(groupView),
      bot: { name: fake.botName, openId: fake.botOpenId },
      people: await deps.describePeople(),
      clock: clockView(clock),
    });
  });

  api.get('/messages', (req: Request, res: Response) => {
    const group = groupOf(req.query.chatId);
    if (!group) return unknownGroup(res);
    const { timeline } = group;
    const rev = timeline.revision();
    const unchanged = req.query.rev === rev;
    res.json({ rev, clock: clockView(clock), ...(unchanged ? {} : { messages: timeline.list() }) });
  });

  api.post('/messages', async (req, res) => {
    const parsed = sendSchema.safeParse(req.body);
    if (!parsed.success) return badRequest(res, parsed.error);
    const { senderOpenId, text } = parsed.data;
    const group = groupOf(parsed.data.chatId);
    if (!group) return unknownGroup(res);
    if (!isMember(senderOpenId)) return void res.status(400).json({ error: '请选择群成员后再发言' });
    const tagged = withMentionTags(text, deps.people, fake.botName);
    const sent = await fake.deliverUserMessage({
      chatId: group.id,
      senderOpenId,
      text: tagged,
      mentionBot: true,
    });
    res.json({ messageId: sent.messageId, delivered: sent.delivery.delivered });
  });

  api.post('/card-actions', async (req, res) => {
    const parsed = actionSchema.safeParse(req.body);
    if (!parsed.success) return badRequest(res, parsed.error);
    const { messageId, operatorOpenId, value, formValue } = parsed.data;
    const group = groupOf(parsed.data.chatId);
    if (!group) return unknownGroup(res);
    if (!isMember(operatorOpenId)) return void res.status(400).json({ error: '请选择群成员后再操作' });
    const result = await fake.deliverCardAction({
      chatId: group.id,
      openMessageId: messageId,
      operatorOpenId,
      value,
      ...(formValue ? { formValue } : {}),
    });
    const toast = (result.response as { toast?: { type?: string; content?: string } } | undefined)?.toast;
    res.json({ delivered: result.delivered, toast, errors: result.responseErrors });
  });

  api.get('/files/:key', (req, res) => {
    const key = String(req.params.key);
    const found = deps.groups.map((g) => g.timeline.file(key)).find((f) => f !== undefined);
    if (!found) return void res.status(404).json({ error: '文件不存在' });
    res.setHeader('Content-Type', found.meta.contentType || 'application/octet-stream');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename*=UTF-8''${encodeURIComponent(found.meta.name)}`,
    );
    res.send(found.bytes);
  });

  api.get('/clock', (_req, res) => {
    res.json(clockView(clock));
  });

  api.post('/clock', async (req, res) => {
    const parsed = clockSchema.safeParse(req.body);
    if (!parsed.success) return badRequest(res, parsed.error);
    const at = atLocal(parsed.data.at.replace('T', ' '));
    if (Number.isNaN(at.getTime())) return void res.status(400).json({ error: '日期无效' });
    // Back in time, the posts already made (and their claims) would never come again: start afresh.
    const rewound = goesBack(clock.now(), at);
    if (rewound) await deps.rewind(() => clock.set(at));
    else clock.set(at);
    deps.logger.info({ at: at.toISOString(), rewound }, 'playground clock set');
    await deps.tick();
    res.json({ ...clockView(clock), rewound });
  });

  api.post('/clock/reset', async (_req, res) => {
    const rewound = goesBack(clock.now(), new Date());
    if (rewound) await deps.rewind(() => clock.reset());
    else clock.reset();
    deps.logger.info({ rewound }, 'playground clock back to real time');
    await deps.tick();
    res.json({ ...clockView(clock), rewound });
  });

  api.use((error: unknown, _req: Request, res: Response, _next: express.NextFunction) => {
    const { status, type } = error as { status?: number; type?: string };
    if (type === 'entity.too.large') return void res.status(413).json({ error: '内容过长，请精简后再发送' });
    if (type === 'entity.parse.failed') return void res.status(400).json({ error: '请求格式无效' });
    deps.logger.error({ err: error }, 'playground api error');
    res
      .status(status && status >= 400 && status < 500 ? status : 500)
      .json({ error: '操作失败，请查看日志' });
  });
  return api;
}
