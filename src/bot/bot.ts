import type { Tenancy } from '../domain/deps.js';
import type { Messenger } from '../domain/messenger.js';
import { archivedNote } from '../domain/plan/plan-admin.js';
import { withPlanSettings } from '../domain/plan/plan-settings.js';
import { identifyCaller, requireOffice } from '../domain/shared/access.js';
import type { Logger } from '../logger.js';
import { renderChoosePlanCard } from '../render/choose-plan.card.js';
import type { Supervision } from '../supervision/supervision-deps.js';
import { createCallerNames } from './caller-names.js';
import type { ChatEvent } from './chat-event.js';
import type { Command } from './command.js';
import { type BotExtras, type ChatContext, createContext, createReplies } from './context.js';
import type { Dedupe } from './dedupe.js';
import { withErrorBoundary } from './error-boundary.js';
import { splitCommand } from './parsing/split-command.js';
import { NOT_SUPERVISED_REPLY, routeToPlan } from './plan-routing.js';
import { answerInRollup } from './rollup-answers.js';
import { createRouter } from './router.js';

/** Everything the bot needs, passed in explicitly (no I/O at import time). */
export interface BotDeps {
  tenancy: Tenancy;
  supervision: Supervision;
  messenger: Messenger;
  extras: BotExtras;
  dedupe: Dedupe;
  logger: Logger;
  commands: readonly Command[];
  /** Answers text that is addressed to the bot but is no command (a short "not understood" line). */
  fallback: (ctx: ChatContext) => Promise<void>;
  /** Test and load hook: groups bound to no plan are served as this plan's (default: refused). */
  unboundChatsServeAs?: string;
}

/** The transport-neutral bot: receivers hand it ChatEvents. */
export interface Bot {
  handle(event: ChatEvent): Promise<void>;
}

const textOf = (event: ChatEvent) => (event.kind === 'message' ? event.text : event.command);
const mentionsOf = (event: ChatEvent) => (event.kind === 'message' ? (event.mentionsInText ?? []) : []);

/** Not a direct message (a card press's chat type is unknown: a direct chat is bound to nothing, so lookups miss). */
const isGroup = (event: ChatEvent) => !(event.kind === 'message' && event.chatType === 'p2p');

/** A group (not a direct message) that is bound to no plan. */
async function servesNoPlan(deps: BotDeps, event: ChatEvent): Promise<boolean> {
  if (!isGroup(event)) return false;
  return (await deps.tenancy.catalog.byChat(event.chatId)) === null;
}

export function createBot(deps: BotDeps): Bot {
  const router = createRouter(deps.commands);
  const names = createCallerNames(deps.messenger, deps.logger);
  return {
    async handle(received) {
      const log = deps.logger.child({ eventId: received.eventId, chatId: received.chatId });
      const first = splitCommand(textOf(received), mentionsOf(received));
      const addressed = received.kind === 'card_action' || received.addressedToBot || first?.slash === true;
      if (!addressed) return; // chatter not addressed to the bot
      const senderOpenId = received.kind === 'message' ? received.senderOpenId : received.operatorOpenId;
      const replies = createReplies(received, deps.messenger);
      // Inside the boundary: with Redis or MongoDB down the user still gets the polite retry message.
      await withErrorBoundary(log, replies.reply, async () => {
        if (!(await deps.dedupe.firstTime(received))) {
          log.info('duplicate delivery ignored');
          return;
        }
        // Plans, groups, units and members changed by another process since the last event are read again.
        await deps.tenancy.refresh();
        const early = first ? router.find(first.name) : undefined;
        if (early?.runUnbound && first && (await servesNoPlan(deps, received))) {
          // Only an office admin from the settings may make a group serve a plan; others get the one line.
          if (!deps.tenancy.settings.officeAdminOpenIds.includes(senderOpenId))
            return replies.reply(NOT_SUPERVISED_REPLY);
          const name = await names.nameOf(received.chatId, senderOpenId);
          const caller = { openId: senderOpenId, isOffice: true, ...(name ? { name } : {}) };
          log.info({ command: early.names[0] }, 'command in a group that serves no plan');
          const args = early.parse({
            split: first,
            mentions: received.kind === 'message' ? received.mentions : [],
            attachments: received.kind === 'message' ? received.attachments : [],
            usage: early.usage,
          });
          const unbound = {
            event: received,
            caller,
            tenancy: deps.tenancy,
            messenger: deps.messenger,
            log,
            ...replies,
          };
          return early.runUnbound(unbound, args);
        }
        const routing = await routeToPlan(deps.tenancy, received, senderOpenId, deps.unboundChatsServeAs);
        if ('refusal' in routing) {
          const rollup = isGroup(received) ? await deps.tenancy.catalog.rollupOf(received.chatId) : null;
          if (rollup)
            return answerInRollup(
              deps.supervision,
              rollup,
              first ? router.find(first.name) : undefined,
              replies,
            );
          log.info({ chatType: received.kind === 'message' ? received.chatType : 'card' }, 'chat not served');
          return replies.reply(routing.refusal);
        }
        if ('choose' in routing) return replies.replyCard(renderChoosePlanCard(routing.choose, routing.text));
        const { plan, event } = routing;
        // The plan's own thresholds (/设置) over the deployment's.
        const domain = withPlanSettings(deps.tenancy.forPlan(plan.planId), plan.settings);
        const caller = await identifyCaller(domain, senderOpenId);
        // An office admin from the settings has no stored name; others are told who decided.
        if (caller.isOffice && !caller.name) caller.name = await names.nameOf(event.chatId, senderOpenId);
        const ctx = createContext({
          event,
          caller,
          plan,
          tenancy: deps.tenancy,
          deps: domain,
          supervision: deps.supervision.forPlan(plan),
          supervisionSettings: deps.supervision.settings,
          extras: deps.extras,
          messenger: deps.messenger,
          log: log.child({ planId: plan.planId }),
          replies,
        });
        const split = splitCommand(textOf(event), mentionsOf(event));
        const command = split ? router.find(split.name) : undefined;
        if (!command || !split) return deps.fallback(ctx);
        ctx.log.info({ command: command.names[0] }, 'command');
        if (command.officeOnly) await requireOffice(domain, caller, `/${command.names[0]}`);
        if (plan.status === 'archived' && !command.readOnly) return ctx.reply(archivedNote(plan));
        const args = command.parse({
          split,
          mentions: event.kind === 'message' ? event.mentions : [],
          attachments: event.kind === 'message' ? event.attachments : [],
          usage: command.usage,
        });
        await command.run(ctx, args);
      });
    },
  };
}
