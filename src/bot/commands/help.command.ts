import { renderHelpCard } from '../../render/help.card.js';
import type { Command } from '../command.js';
import { defineCommand } from '../command.js';
import type { ChatContext } from '../context.js';

/** The help card for the caller's role: the office sees every command, members the rest. */
export function replyHelp(ctx: ChatContext, commands: readonly Command[]): Promise<void> {
  return ctx.replyCard(
    renderHelpCard({
      isOffice: ctx.caller.isOffice,
      unit: ctx.caller.unit,
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
    parse: () => ({}),
    run: (ctx) => replyHelp(ctx, all()),
  });
}
