import { randomBytes, randomUUID } from 'node:crypto';

/** Random lowercase hex of `bytes` bytes. */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** A Lark-looking id: `prefix` + 32 hex (om_, oc_, ou_, on_, omt_). */
export function newId(prefix: string): string {
  return `${prefix}${randomHex(16)}`;
}

/** A 32-hex event id like Lark's `header.event_id`. */
export function newEventId(): string {
  return randomUUID().replaceAll('-', '');
}

/** A stable union_id for an open_id, so repeated lookups agree. */
export function unionIdOf(openId: string): string {
  return `on_${openId.replace(/^ou_/, '')}`;
}

/** A stable tenant-scoped user_id (employee id) for an open_id. */
export function userIdOf(openId: string): string {
  return openId.replace(/^ou_/, '').slice(0, 8);
}
