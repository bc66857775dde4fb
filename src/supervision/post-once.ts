import { createHash } from 'node:crypto';
import type { PostKind } from '../domain/posts/post.js';
import type { SupervisionDeps } from './supervision-deps.js';

/**
 * Lark's message `uuid` for a plan's post key (≤ 50 chars): a retry of the same post is dropped by
 * Lark for an hour, while another plan's post of the same key (another group) is not.
 */
export function postUuid(planId: string, key: string): string {
  return `p-${createHash('sha256').update(`${planId}\u0000${key}`).digest('hex').slice(0, 40)}`;
}

/** Marker stored as the message id of a post that had nothing to say (e.g. every unit reported). */
export const NOTHING_TO_SEND = 'none';

/**
 * Sends one automatic post at most once: claimed in MongoDB under `key` before sending, marked sent
 * after. A claimed-but-unsent post (a crash between claim and send) is finished by the next attempt,
 * with the same uuid, so Lark drops it if the first send did go out within the hour.
 * `send` returns the message id, or undefined when there was nothing to post.
 */
export async function postOnce(
  deps: SupervisionDeps,
  key: string,
  kind: PostKind,
  send: (uuid: string) => Promise<string | undefined>,
): Promise<'sent' | 'already' | 'nothing'> {
  const { posts } = deps.domain.repos;
  const { claim } = await posts.claim(key, kind, postUuid(deps.planId, key), deps.domain.clock.now());
  if (claim.status === 'sent') return 'already';
  const messageId = await send(claim.uuid);
  await posts.markSent(key, messageId ?? NOTHING_TO_SEND, deps.domain.clock.now());
  if (messageId) {
    await deps.domain.repos.audit.record({
      at: deps.domain.clock.now(),
      actor: 'system',
      action: 'post.send',
      source: key,
      detail: kind,
      after: { messageId },
    });
  }
  return messageId ? 'sent' : 'nothing';
}
