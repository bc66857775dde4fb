import { DomainError } from '../domain/errors.js';
import { isUnavailable } from '../domain/shared/transient.js';
import type { Logger } from '../logger.js';
import { renderErrorText } from '../render/error.text.js';

/** The single place errors turn into replies: a DomainError's message rendered as inert text, anything else politely. */
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
        : '处理指令时出错，本条指令未执行，请稍后重试或联系督办员。';
    if (error instanceof DomainError && !isUnavailable(error))
      log.info({ code: error.code }, 'command refused');
    else log.error({ err: error }, 'command failed');
    await reply(text).catch((replyError) => log.error({ err: replyError }, 'could not send the error reply'));
  }
}
