import { RETRY_TEXT, runPool } from './chaos-load.js';
import type { ChatHarness } from './chat-harness.js';
import { cardColour, PEOPLE, replyText } from './chat-harness.js';

/** The tasks the load reports on, with a member of their unit. */
export const LOAD_TASKS = [
  ['6.1', PEOPLE.tax],
  ['6.2', PEOPLE.tax],
  ['7.1', PEOPLE.court],
  ['8.1', PEOPLE.court],
] as const;

/**
 * Binds the members and sends one report per load task first, so that the load never races a
 * task's open → in_progress change (that race is a bug of its own: concurrent-reports.pending.ts).
 * Returns the harness' group and `groups - 1` more with the same people: Lark paces replies per
 * group (5/s), so the load is spread over them (four by default: 20 replies a second).
 */
export async function prepareReportLoad(h: ChatHarness, groups = 4): Promise<string[]> {
  await h.bind(PEOPLE.tax, '税务局');
  await h.bind(PEOPLE.court, '法院');
  for (const [code, who] of LOAD_TASKS) await h.say(who, `/进展 ${code} 10% 启动整改`);
  const others = Array.from({ length: groups - 1 }, (_, i) => i + 1).map((n) =>
    h.fake.createChat({ name: `整改工作群${n}`, members: Object.values(PEOPLE) }),
  );
  return [h.chatId, ...others];
}

/**
 * Delivers `count` reports over `chats`, `concurrency` at a time, and calls `disrupt` when a third are sent
 * (the load goes on meanwhile); resolves with the message ids once every reply was sent.
 */
export async function sendReportsDuring(
  h: ChatHarness,
  chats: string[],
  disrupt: () => Promise<void>,
  count = 120,
  concurrency = 6,
): Promise<string[]> {
  let disrupted: Promise<void> | undefined;
  const sent = await runPool(
    Array.from({ length: count }, (_, i) => i),
    concurrency,
    async (i) => {
      if (i === Math.floor(count / 3)) disrupted = disrupt();
      const [code, who] = LOAD_TASKS[i % LOAD_TASKS.length]!;
      const { messageId } = await h.fake.deliverUserMessage({
        chatId: chats[i % chats.length]!,
        senderOpenId: who.openId,
        text: `/进展 ${code} ${20 + (i % 50)}% 第${i}次报送`,
        mentionBot: true,
      });
      return messageId;
    },
  );
  await disrupted;
  await h.app.inFlight.drain();
  return sent;
}

/**
 * What became of each message: `stored` (one report, the green receipt), `retry` (no report, the
 * polite retry text), or a description of anything else (lost, doubled, half-done).
 */
export async function classifyOutcomes(h: ChatHarness, messageIds: string[]): Promise<string[]> {
  const plan = (await h.repos.plans.current())!;
  const reports = await h.repos.reports.list({ planId: plan.planId });
  const messages = h.fake.messages();
  return messageIds.map((messageId) => {
    const replies = messages.filter((m) => m.parentId === messageId);
    const stored = reports.filter((r) => r.messageId === messageId).length;
    if (replies.length !== 1) return `${messageId}: ${replies.length} replies, ${stored} reports`;
    const reply = replies[0]!;
    if (cardColour(reply) === 'green' && stored === 1) return 'stored';
    if (replyText(reply) === RETRY_TEXT && stored === 0) return 'retry';
    return `${messageId}: ${stored} reports, reply ${replyText(reply).slice(0, 60)}`;
  });
}

/**
 * Half-written states: a report without its audit entry, an audit entry without its report, a
 * task still open although reported on, or in progress with no report.
 */
export async function findHalfWritten(h: ChatHarness): Promise<string[]> {
  const plan = (await h.repos.plans.current())!;
  const reports = await h.repos.reports.list({ planId: plan.planId });
  const audit = await h.app.connection.collection('audit').find({ action: 'report.create' }).toArray();
  const audited = new Set(audit.map((a) => String(a.source)));
  const reported = new Set(reports.map((r) => r.messageId));
  const problems = [
    ...reports.filter((r) => !audited.has(r.messageId)).map((r) => `report ${r.messageId} without audit`),
    ...[...audited].filter((s) => !reported.has(s)).map((s) => `audit ${s} without report`),
  ];
  for (const task of await h.repos.tasks.list(plan.planId)) {
    const has = reports.some((r) => r.taskCode === task.code);
    if (has && task.state === 'open') problems.push(`task ${task.code} open with reports`);
    if (!has && task.state === 'in_progress') problems.push(`task ${task.code} in progress without report`);
  }
  return problems;
}
