import { renderHelpCard } from '../../render/help.card.js';
import { renderNotUnderstood } from '../../render/not-understood.text.js';
import type { Command } from '../command.js';
import { defineCommand } from '../command.js';
import type { ChatContext } from '../context.js';
import { splitCommand } from '../parsing/split-command.js';
import { suggestCommands } from '../parsing/suggest-commands.js';

/** The help card for the caller's role: the office sees every command, members the rest. */
export function replyHelp(ctx: ChatContext, commands: readonly Command[]): Promise<void> {
  return ctx.replyCard(
    renderHelpCard({
      isOffice: ctx.caller.isOffice,
      unit: ctx.caller.unit,
      role: ctx.caller.role,
      commands: commands.map(({ usage, summary, officeOnly, example }) => ({
        usage,
        summary,
        officeOnly,
        example,
      })),
    }),
  );
}

/** `/帮助`; `all` is the full command list it describes. */
export function createHelpCommand(all: () => readonly Command[]) {
  return defineCommand({
    names: ['帮助', 'help'],
    usage: '/帮助',
    summary: '查看可用指令',
    example: '/帮助',
    officeOnly: false,
    readOnly: true,
    parse: () => ({}),
    run: (ctx) => replyHelp(ctx, all()),
  });
}

/**
 * The answer to text addressed to the bot that is no command: one or two lines naming what was
 * not understood and the closest commands the caller may use; an empty message gets the help.
 */
export function replyNotUnderstood(ctx: ChatContext, commands: readonly Command[]): Promise<void> {
  const text = ctx.event.kind === 'message' ? ctx.event.text : ctx.event.command;
  const split = splitCommand(text);
  if (!split || (!split.name && !split.tokens.length)) return replyHelp(ctx, commands);
  const typed = split.slash ? split.name : text.trim();
  const usable = commands.filter((c) => ctx.caller.isOffice || !c.officeOnly);
  return ctx.reply(
    renderNotUnderstood({ typed, slash: split.slash, suggestions: suggestCommands(split.name, usable) }),
  );
}
