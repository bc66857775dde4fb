import { DomainError } from '../domain/errors.js';
import { isUnavailable } from '../domain/shared/transient.js';
import type { Logger } from '../logger.js';
import { renderErrorText } from '../render/error.text.js';

/**
 * The single place errors turn into replies: a DomainError's message rendered as inert text, anything
 * else politely and without claiming the command did nothing.
 */
export async function withErrorBoundary(
  log: Logger,
  reply: (text: string) => Promise<void>,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const text =
      error instanceof DomainError
        ? renderErrorText(error.userMessage)
        : // An unexpected error may come after a write: the bot cannot say the command did nothing.
          '处理指令时出错，无法确认本条指令是否已生效：请先查询核对，再决定是否重发，或联系督办员。';
    if (error instanceof DomainError && !isUnavailable(error))
      log.info({ code: error.code }, 'command refused');
    else log.error({ err: error }, 'command failed');
    await reply(text).catch((replyError) => log.error({ err: replyError }, 'could not send the error reply'));
  }
}
