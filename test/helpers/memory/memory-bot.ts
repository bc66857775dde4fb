import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { type Config, loadConfig } from '../../../config/index.js';
import { composeBot } from '../../../src/app/compose-bot.js';
import { tenancyOver } from '../../../src/app/storage.js';
import type { Bot } from '../../../src/bot/bot.js';
import type { CardActionEvent, ChatEvent, MessageEvent } from '../../../src/bot/chat-event.js';
import type { Command } from '../../../src/bot/command.js';
import { type AdjustableClock, adjustableClock, atLocal, fixedClock } from '../../../src/domain/clock.js';
import type { DomainDeps, Tenancy } from '../../../src/domain/deps.js';
import type { Member } from '../../../src/domain/members/member.js';
import { importPlan } from '../../../src/domain/plan/import-plan.js';
import { parseNotice } from '../../../src/domain/plan/index.js';
import { createLogger } from '../../../src/logger.js';
import type { Supervision, SupervisionDeps } from '../../../src/supervision/supervision-deps.js';
import { normalizeCardAction, normalizeMessage } from '../../../src/transport/normalize.js';
import { PEOPLE } from '../people.js';
import { createMemoryDedupe, type MemoryDedupe } from './dedupe.js';
import {
  createMemoryMessenger,
  MEMORY_BOT_OPEN_ID,
  type MemoryMessage,
  type MemoryMessenger,
} from './messenger.js';
import { createMemoryStorage, type MemoryRepositories, type MemoryStorage } from './repositories.js';

export { PEOPLE };

type Person = { openId: string; name: string };

/** The real bot over memory adapters, plus what a test does in the group. */
export interface MemoryBot {
  bot: Bot;
  /** Every plan's memory repositories, and the catalog. */
  storage: MemoryStorage;
  tenancy: Tenancy;
  /** The default plan's (the seed, bound to the plan's group). */
  repos: MemoryRepositories;
  domain: DomainDeps;
  supervision: SupervisionDeps;
  /** Every plan's automatic posts. */
  allSupervision: Supervision;
  messenger: MemoryMessenger;
  dedupe: MemoryDedupe;
  clock: AdjustableClock;
  config: Config;
  /** The plan's group (LARK_CHAT_ID). */
  chatId: string;
  planId: string;
  /** Every log line the bot wrote, parsed. */
  logs: Record<string, unknown>[];
  /**
   * `who` sends `text` in the group (or `chatId`), the bot @-mentioned unless `mentionBot: false`;
   * `@名字` of each of `mentions` in the text becomes a real mention. Returns the bot's replies.
   */
  say(who: Person, text: string, options?: SayOptions): Promise<MemoryMessage[]>;
  /** The same as a direct message to the bot. */
  dm(who: Person, text: string): Promise<MemoryMessage[]>;
  /** Builds the event `say` would deliver, without delivering it (for re-deliveries). */
  message(who: Person, text: string, options?: SayOptions): MessageEvent;
  /** `who` presses the button labelled `button` on `card` (a form's note submitted with it). */
  press(
    who: Person,
    card: MemoryMessage,
    button: string,
    options?: { note?: string },
  ): Promise<MemoryMessage[]>;
  /** Hands an event to the bot and returns its replies to the event's message sent during handling. */
  deliver(event: ChatEvent): Promise<MemoryMessage[]>;
  bind(person: Person, unit: string, role?: Member['role']): Promise<void>;
  /** Imports another notice as a plan of its own, served in `chatId` (whose members are `people`). */
  addPlan(notice: string, chatId: string, people?: Person[]): Promise<MemoryPlan>;
}

/** A plan besides the seed's, in a group of its own. */
export interface MemoryPlan {
  planId: string;
  chatId: string;
  repos: MemoryRepositories;
  domain: DomainDeps;
  supervision: SupervisionDeps;
  bind(person: Person, unit: string, role?: Member['role']): Promise<void>;
}

export interface SayOptions {
  chatId?: string;
  mentionBot?: boolean;
  mentions?: Person[];
  chatType?: 'group' | 'p2p';
  /** File or image keys attached (evidence of a sign-off). */
  attachments?: string[];
  /** The message this one replies to (`parent_id`), e.g. a notice file. */
  replyTo?: string;
}

export interface MemoryBotOptions {
  /** Local wall time the clock starts at (Asia/Shanghai); default 2023-06-10 10:00. */
  now?: string;
  /** Extra settings, e.g. `{ WARNINGS_MODE: 'auto' }`. */
  env?: Record<string, string>;
  extraCommands?: readonly Command[];
  /** Serve every chat, as the integration harness does by default; else only the plan's group. */
  servesEveryChat?: boolean;
}

const PLAN_CHAT_ID = 'oc_memory_plan_group';

/** The settings a production process would read, with placeholders for the servers it never uses here. */
function memoryConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    LOG_LEVEL: 'info',
    MONGODB_URI: 'mongodb://memory.invalid/duban_memory',
    REDIS_URL: 'redis://memory.invalid:6379',
    LARK_APP_ID: 'cli_memory',
    LARK_APP_SECRET: 'memory-secret',
    LARK_CHAT_ID: PLAN_CHAT_ID,
    LARK_ENCRYPT_KEY: 'memory-encrypt-key',
    LARK_VERIFICATION_TOKEN: 'memory-verification-token',
    OFFICE_ADMIN_OPEN_IDS: PEOPLE.office.openId,
    ...env,
  });
}

/** A button's command on a card: `behaviors[].value.command` of the button whose text is `label`. */
function buttonCommand(card: unknown, label: string): string | undefined {
  const pending: unknown[] = [card];
  while (pending.length) {
    const node = pending.pop();
    if (Array.isArray(node)) pending.push(...node);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      const text = (o.text as { content?: string } | undefined)?.content;
      if (o.tag === 'button' && text === label) {
        const behaviors = (o.behaviors as { value?: { command?: string } }[] | undefined) ?? [];
        const command = behaviors.find((b) => b.value?.command)?.value?.command;
        if (command) return command;
      }
      pending.push(...Object.values(o));
    }
  }
  return undefined;
}

/**
 * The real bot (src/bot/bot.ts) composed by the same composeBot as src/app/chat-app.ts: the same
 * settings (loadConfig), the same tenancy as openStorage builds (the seed plan imported and bound to
 * the plan's group by ensureDefaultPlan), the same supervision, commands, fallback and extras; only the
 * repositories, the messenger and the dedupe are the memory ones, and the clock is an adjustable one
 * (tests set it, never sleep).
 */
export async function createMemoryBot(options: MemoryBotOptions = {}): Promise<MemoryBot> {
  const config = memoryConfig(options.env);
  const clock = adjustableClock(fixedClock(atLocal(options.now ?? '2023-06-10 10:00')));
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line) logs.push(JSON.parse(line));
      done();
    },
  });
  const logger = createLogger('info', sink);
  const storage = createMemoryStorage();
  const { tenancy, domain } = await tenancyOver(storage, config, clock, logger);
  const planChatId = config.lark.chatId;
  if (!domain || !planChatId) throw new Error('the seed plan was not imported into the plan group');
  const plan = await domain.repos.plans.current();
  if (!plan) throw new Error('the seed plan was not imported');
  const repos = storage.forPlan(plan.planId);
  const messenger = createMemoryMessenger(clock);
  messenger.addChat(planChatId, Object.values(PEOPLE));
  const dedupe = createMemoryDedupe(clock, config.dedupeTtlSeconds);

  const { bot, supervision: allSupervision } = composeBot({
    config,
    tenancy,
    messenger,
    dedupe,
    logger,
    extraCommands: options.extraCommands,
    unboundChatsServeAs: options.servesEveryChat ? plan.planId : undefined,
  });
  const supervision = allSupervision.forPlan(plan);
  if (!supervision) throw new Error('the seed plan has no group');

  const message = (who: Person, text: string, say: SayOptions = {}): MessageEvent => {
    const chatType = say.chatType ?? 'group';
    const chatId = say.chatId ?? (chatType === 'p2p' ? messenger.p2pChatOf(who.openId) : planChatId);
    // The raw receive_v1 payload, through the real normalizer: `@_user_N` placeholders for mentions.
    const people = say.mentions ?? [];
    let raw = text;
    people.forEach((p, i) => {
      raw = raw.replace(`@${p.name}`, `@_user_${i + 2}`);
    });
    const mentionBot = say.mentionBot ?? chatType === 'group';
    const messageId = messenger.receive({ chatId, senderOpenId: who.openId, text });
    const event = normalizeMessage(
      {
        event_id: `ev_${randomUUID()}`,
        sender: { sender_id: { open_id: who.openId }, sender_type: 'user' },
        message: {
          message_id: messageId,
          chat_id: chatId,
          chat_type: chatType,
          message_type: say.attachments?.length ? 'post' : 'text',
          content: JSON.stringify(
            say.attachments?.length
              ? {
                  content: [
                    [{ tag: 'text', text: mentionBot ? `@_user_1 ${raw}` : raw }],
                    ...say.attachments.map((key) => [{ tag: 'img', image_key: key }]),
                  ],
                }
              : { text: mentionBot ? `@_user_1 ${raw}` : raw },
          ),
          create_time: String(clock.now().getTime()),
          ...(say.replyTo ? { parent_id: say.replyTo, root_id: say.replyTo } : {}),
          mentions: [
            ...(mentionBot
              ? [{ key: '@_user_1', id: { open_id: MEMORY_BOT_OPEN_ID }, name: '督办助手' }]
              : []),
            ...people.map((p, i) => ({ key: `@_user_${i + 2}`, id: { open_id: p.openId }, name: p.name })),
          ],
        },
      },
      MEMORY_BOT_OPEN_ID,
    );
    if (!event) throw new Error(`not a message event: ${text}`);
    return event;
  };

  const deliver = async (event: ChatEvent) => {
    const before = new Set(messenger.repliesTo(event.messageId).map((m) => m.messageId));
    await bot.handle(event);
    return messenger.repliesTo(event.messageId).filter((m) => !before.has(m.messageId));
  };

  return {
    bot,
    storage,
    tenancy,
    repos,
    domain,
    supervision,
    allSupervision,
    messenger,
    dedupe,
    clock,
    config,
    chatId: planChatId,
    planId: plan.planId,
    logs,
    message,
    deliver,
    say: (who, text, say) => deliver(message(who, text, say)),
    dm: (who, text) => deliver(message(who, text, { chatType: 'p2p' })),
    async press(who, card, button, press = {}) {
      const command = buttonCommand(card.content, button);
      if (!command) throw new Error(`no button “${button}” on the card`);
      const event = normalizeCardAction({
        event_id: `ev_${randomUUID()}`,
        operator: { open_id: who.openId },
        action: { value: { command }, ...(press.note ? { form_value: { note: press.note } } : {}) },
        context: { open_chat_id: card.chatId, open_message_id: card.messageId },
      }) as CardActionEvent;
      return deliver(event);
    },
    bind: (person, unit, role) => bindIn(repos, clock.now(), person, unit, role),
    async addPlan(notice, chatId, people = Object.values(PEOPLE)) {
      const parsed = parseNotice(notice);
      const planDomain = tenancy.forPlan(parsed.docNo);
      await importPlan(planDomain, parsed, { actor: 'system', start: config.plan.start, source: 'test' });
      const binding = await tenancy.catalog.bindChat(parsed.docNo, chatId);
      if (!binding.bound) throw new Error(`${chatId} not bound: ${JSON.stringify(binding)}`);
      messenger.addChat(chatId, people);
      const stored = await planDomain.repos.plans.current();
      const planSupervision = stored && allSupervision.forPlan(stored);
      if (!planSupervision) throw new Error(`${parsed.docNo} was not imported`);
      const planRepos = storage.forPlan(parsed.docNo);
      return {
        planId: parsed.docNo,
        chatId,
        repos: planRepos,
        domain: planDomain,
        supervision: planSupervision,
        bind: (person, unit, role) => bindIn(planRepos, clock.now(), person, unit, role),
      };
    },
  };
}

async function bindIn(
  repos: MemoryRepositories,
  boundAt: Date,
  person: Person,
  unit: string,
  role: Member['role'] = 'liaison',
): Promise<void> {
  await repos.members.bind({ ...person, unit, role, boundBy: PEOPLE.office.openId, boundAt });
}

/** A reply's text: a text message's text, or the card's JSON (titles and markdown inside). */
export function textOf(message: MemoryMessage | undefined): string {
  if (!message) throw new Error('no reply');
  return message.msgType === 'text' ? String(message.content.text) : JSON.stringify(message.content);
}

/** A card's header title. */
export function titleOf(message: MemoryMessage | undefined): string | undefined {
  return (message?.content as { header?: { title?: { content?: string } } } | undefined)?.header?.title
    ?.content;
}
