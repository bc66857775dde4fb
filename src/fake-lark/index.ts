export type { CardActionInput } from './events/card-action.event.js';
export { decryptEvent, encryptEvent, signEvent } from './events/lark-crypto.js';
export type { UserMessageInput } from './events/user-message.event.js';
export { createFakeLark, type FakeLark } from './fake-lark.js';
export { DEFAULT_SCOPES } from './fake-lark.state.js';
export type * from './fake-lark.types.js';
