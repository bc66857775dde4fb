import type { Mention } from './chat-event.js';
import type { ChatContext, UnboundContext } from './context.js';
import type { SplitCommand } from './parsing/split-command.js';

/** What a command's parser sees. */
export interface CommandInput {
  split: SplitCommand;
  mentions: Mention[];
  attachments: string[];
  /** The command's own usage line, for its "正确格式" hints (written once, on the command). */
  usage: string;
}

/** A chat command: a pure parser, then a handler that calls one use case and one renderer. */
export interface Command<Args = unknown> {
  /** Chinese and English names, without `/`; the first is the canonical one. */
  names: string[];
  usage: string;
  summary: string;
  example: string;
  officeOnly: boolean;
  /**
   * Reads only (queries, exports): still served for an archived plan (结案), whose data stays
   * readable. Every other command is refused there.
   */
  readOnly?: boolean;
  /** Pure; throws DomainError('BAD_INPUT') naming what was wrong. */
  parse(input: CommandInput): Args;
  run(ctx: ChatContext, args: Args): Promise<void>;
  /** Runs in a group that serves no plan (for an office admin from the settings); others refuse there. */
  runUnbound?(ctx: UnboundContext, args: Args): Promise<void>;
}

/** Keeps each command's Args type while listing them together. */
export const defineCommand = <Args>(command: Command<Args>): Command<Args> => command;
