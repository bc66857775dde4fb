import type { CardActionInput } from './events/card-action.event.js';
import { EventDeliverer } from './events/event.deliverer.js';
import { storeUserFile, type UserFileInput, type UserMessageInput } from './events/user-message.event.js';
import { createFakeLarkApp } from './fake-lark.app.js';
import { createLocalServer } from './fake-lark.server.js';
import { createState, resolveConfig } from './fake-lark.state.js';
import type {
  CallRecord,
  CardActionResult,
  ChallengeResult,
  DeliverOptions,
  DeliveryResult,
  FakeFile,
  FakeLarkOptions,
  FakeMessage,
  FaultRule,
  MemberInput,
} from './fake-lark.types.js';
import { LongConnectionHub } from './ws/long-connection.hub.js';

/** A running imitation of the Lark Open Platform plus the controls tests need. */
export interface FakeLark {
  /** Base URL (`http://127.0.0.1:PORT`, no trailing slash); empty before start(). Pass it as the SDK's `domain`. */
  readonly url: string;
  readonly appId: string;
  readonly appSecret: string;
  readonly botOpenId: string;
  readonly botName: string;
  readonly tenantKey: string;
  readonly encryptKey: string;
  readonly verificationToken: string;
  /** Listens on 127.0.0.1 (port 0 picks a free one) and resolves with the base URL. */
  start(port?: number, host?: string): Promise<string>;
  /** Stops the server and cancels pending re-deliveries. */
  stop(): Promise<void>;
  /** Changes where events (and, unless given separately, card callbacks) are POSTed. */
  setWebhookUrl(url: string, cardUrl?: string): void;
  /** Turns Lark's rate limits on or off at run time. */
  setRateLimits(enabled: boolean): void;
  /** Replaces the app's receive scopes (which user messages are pushed) at run time. */
  setScopes(scopes: string[]): void;
  /** Creates a group chat with the bot in it; returns its `oc_` id. */
  createChat(input: { chatId?: string; name: string; members: MemberInput[] }): string;
  addMember(chatId: string, member: MemberInput): void;
  removeMember(chatId: string, openId: string): void;
  /** Takes the bot out of a chat: sends then answer 230002 and member lists 232011. */
  removeBotFromChat(chatId: string): void;
  /** The p2p chat id used for messages sent with `receive_id_type=open_id`. */
  p2pChatId(openId: string): string;
  /** Timeline of one chat (or all), oldest first: bot messages and delivered user messages. */
  messages(chatId?: string): FakeMessage[];
  /** Every HTTP call answered (not `/_fake/*`), oldest first. */
  readonly calls: CallRecord[];
  /** Uploaded files and images with their bytes. */
  readonly files: FakeFile[];
  /** Resolves when a matching message exists or is recorded (sent, delivered or edited); rejects after timeoutMs. */
  waitFor(predicate: (message: FakeMessage) => boolean, timeoutMs?: number): Promise<FakeMessage>;
  /** Forgets chats, users, messages, calls, files, faults and rate windows; issued tokens stay valid. */
  reset(): void;
  /** Adds a fault rule; rules are consumed in the order added. */
  fail(rule: FaultRule): void;
  /** Invalidates every issued token (later calls with them get 99991663). */
  expireTokens(): void;
  /** Forgets the uuids sent within the last hour (the playground's reset of its demo group). */
  forgetUuids(): void;
  /** Wraps `event` in a v2 envelope and delivers it like Lark (encrypt, sign, ack timeout, re-delivery). */
  deliverEvent(
    eventType: string,
    event: Record<string, unknown>,
    options?: DeliverOptions,
  ): Promise<DeliveryResult>;
  /**
   * Stores a file a user sends and returns its `file_v3_…` key, for a message built by hand
   * (`messageType: 'file'`, content `{file_key, file_name}`); `deliverUserMessage({file})` does both.
   */
  addUserFile(input: UserFileInput): string;
  /** Records a user message in the chat and delivers it as `im.message.receive_v1`. */
  deliverUserMessage(
    input: UserMessageInput & DeliverOptions,
  ): Promise<{ messageId: string; delivery: DeliveryResult }>;
  /** Delivers `card.action.trigger`; a valid `card` in the answer replaces the card in the timeline. */
  deliverCardAction(input: CardActionInput & DeliverOptions): Promise<CardActionResult>;
  /** Sends the url_verification challenge and reports whether it was echoed. */
  urlVerification(options?: { url?: string }): Promise<ChallengeResult>;
  /** Long-connection (WSClient) clients ready to receive events. */
  readonly wsClients: number;
  /** Resolves once a WSClient has connected and pinged, so pushed events are not lost. */
  waitForWsClient(timeoutMs?: number): Promise<void>;
}

/** Creates a fake Lark Open Platform; call start() before pointing an SDK Client at `url`. */
export function createFakeLark(options: FakeLarkOptions = {}): FakeLark {
  const config = resolveConfig(options);
  const state = createState(config);
  const hub = new LongConnectionHub(config);
  const deliverer = new EventDeliverer(state, hub);

  const fake: FakeLark = {
    get url() {
      return server.url;
    },
    appId: config.appId,
    appSecret: config.appSecret,
    botOpenId: config.botOpenId,
    botName: config.botName,
    tenantKey: config.tenantKey,
    encryptKey: config.encryptKey,
    verificationToken: config.verificationToken,
    start: (port, host) => server.start(port, host),
    async stop() {
      deliverer.cancelAll();
      hub.closeAll();
      await server.stop();
    },
    setWebhookUrl(url, cardUrl) {
      config.webhookUrl = url;
      config.cardWebhookUrl = cardUrl;
    },
    setRateLimits(enabled) {
      config.enforceRateLimits = enabled;
    },
    setScopes(scopes) {
      config.scopes = [...scopes];
    },
    createChat: (input) => state.chats.create(input),
    addMember: (chatId, member) => void state.chats.addMember(chatId, member),
    removeMember: (chatId, openId) => state.chats.removeMember(chatId, openId),
    removeBotFromChat: (chatId) => state.chats.removeBot(chatId),
    p2pChatId: (openId) => state.chats.p2pChatOf(openId).chatId,
    messages: (chatId) => state.messages.list(chatId),
    get calls() {
      return [...state.calls.records];
    },
    get files() {
      return state.files.list();
    },
    waitFor: (predicate, timeoutMs) => state.messages.waitFor(predicate, timeoutMs),
    reset() {
      for (const store of [
        state.chats,
        state.messages,
        state.files,
        state.calls,
        state.faults,
        state.limiter,
        state.oauth,
      ]) {
        store.clear();
      }
    },
    fail: (rule) => state.faults.add(rule),
    expireTokens: () => state.tokens.expireAll(),
    forgetUuids: () => state.messages.forgetUuids(),
    deliverEvent: async (eventType, event, opts = {}) => deliverer.deliver('event', eventType, event, opts),
    addUserFile: (input) => storeUserFile(state, input),
    deliverUserMessage: async (input) => deliverer.deliverUserMessage(input),
    deliverCardAction: async (input) => deliverer.deliverCardAction(input),
    urlVerification: async (opts = {}) => deliverer.urlVerification(opts.url),
    get wsClients() {
      return hub.readyCount;
    },
    waitForWsClient: (timeoutMs) => hub.waitForClient(timeoutMs),
  };

  const server = createLocalServer(
    createFakeLarkApp({
      state,
      hub,
      reset: () => fake.reset(),
      expireTokens: () => fake.expireTokens(),
      deliverUserMessage: (input) => fake.deliverUserMessage(input),
      deliverCardAction: (input) => fake.deliverCardAction(input),
      urlVerification: () => fake.urlVerification(),
    }),
  );
  // WSClient connections arrive as HTTP upgrades on the same port.
  server.server.on('upgrade', (req, socket, head: Buffer) => {
    if (!hub.handleUpgrade(req, socket, head)) socket.destroy();
  });
  return fake;
}
