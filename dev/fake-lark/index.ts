export type { CardActionInput } from './events/card-action.event.js';
export { encryptEvent, signEvent } from './events/lark-crypto.js';
export { createFakeLark, type FakeLark } from './fake-lark.js';
export { DEFAULT_SCOPES } from './fake-lark.state.js';
export type * from './fake-lark.types.js';
