/** Options for {@link createFakeLark}; every field has a working default. */
export interface FakeLarkOptions {
  /** @defaultValue 'cli_a1b2c3d4e5f60718' (matches the WSClient's `cli_` + 16 hex rule) */
  appId?: string;
  /** @defaultValue 'fake-app-secret' */
  appSecret?: string;
  /** @defaultValue 'ou_b0f1a2e3d4c5b6a798877665544332211' */
  botOpenId?: string;
  /** @defaultValue '督办助手' */
  botName?: string;
  /** @defaultValue '736588c9260f175d' */
  tenantKey?: string;
  /** Lifetime of a freshly issued tenant_access_token, in seconds. @defaultValue 7200 */
  tokenTtlSeconds?: number;
  /** When set, events are encrypted and signed with it. */
  encryptKey?: string;
  /** Put in `header.token` of events and in the url_verification body. @defaultValue 'fake-verification-token' */
  verificationToken?: string;
  /** Where events are POSTed. */
  webhookUrl?: string;
  /** Where `card.action.trigger` callbacks are POSTed. @defaultValue webhookUrl */
  cardWebhookUrl?: string;
  /** A delivery not answered with HTTP 200 within this many ms counts as failed. @defaultValue 3000 */
  ackTimeoutMs?: number;
  /** Waits before each re-delivery; Lark's 15 s / 5 min / 1 h / 6 h compressed. @defaultValue [150, 300, 600, 1200] */
  redeliveryDelaysMs?: number[];
  /** Enforce 5/s per chat (230020) and 50/s + 1000/min per app (429 99991400). @defaultValue false */
  enforceRateLimits?: boolean;
  /** Time source in epoch ms for tokens, uuid de-dup, rate windows and message times. @defaultValue Date.now */
  now?: () => number;
  /**
   * The app's receive scopes, which decide which user messages are pushed (im.message.receive_v1
   * page): `im:message.group_at_msg:readonly` group messages that @ the bot, `im:message.group_msg`
   * every group message, `im:message.p2p_msg:readonly` direct messages.
   * @defaultValue DEFAULT_SCOPES (@-messages in groups and direct messages)
   */
  scopes?: string[];
}

/** A person known to the fake (chat member, message sender). */
export interface FakeUser {
  openId: string;
  name: string;
  unionId: string;
  userId: string;
}

/** A member as given to createChat/addMember. */
export interface MemberInput {
  openId: string;
  name: string;
}

/** One @mention as recorded on a message. */
export interface MentionRecord {
  key: string;
  openId: string;
  name: string;
}

/** One entry in a chat's timeline. */
export interface FakeMessage {
  messageId: string;
  chatId: string;
  chatType: 'group' | 'p2p';
  senderType: 'app' | 'user';
  /** app_id for bot messages, open_id for user messages */
  senderId: string;
  msgType: string;
  /** `rawContent` parsed */
  content: unknown;
  /** The content string exactly as sent (bot) or as delivered in the event (user). */
  rawContent: string;
  mentions: MentionRecord[];
  parentId?: string;
  rootId?: string;
  threadId?: string;
  uuid?: string;
  /** epoch ms */
  createTime: number;
  /** epoch ms */
  updateTime: number;
  /** true once PATCH/PUT or a card callback answer changed it */
  updated: boolean;
}

/** One HTTP call the fake answered. */
export interface CallRecord {
  at: number;
  method: string;
  path: string;
  query: Record<string, unknown>;
  body: unknown;
  /** Bearer token sent, if any */
  token?: string;
  status: number;
  /** `code` of the JSON answer, when there was one */
  code?: number;
}

/** A file or image uploaded through the API. */
export interface FakeFile {
  key: string;
  kind: 'file' | 'image';
  /** file_type (files) or image_type (images) */
  type: string;
  name: string;
  contentType: string;
  bytes: Buffer;
  createdAt: number;
}

/** A fault rule: the next `times` matching calls get this answer instead of the real one. */
export interface FaultRule {
  method?: string;
  /** A string matches the path exactly (no query); a RegExp is tested against the path. */
  path?: string | RegExp;
  /** @defaultValue 1 */
  times?: number;
  status: number;
  body?: { code: number; msg: string } & Record<string, unknown>;
  headers?: Record<string, string>;
  /** Answer only after this many ms (to provoke client timeouts). */
  delayMs?: number;
}

/** Per-delivery knobs of deliverEvent. */
export interface DeliverOptions {
  /** Deliver this many extra copies (same event_id) after the first settles, as Lark sometimes does. */
  duplicate?: number;
  /** Break the signature ('signature') or change the timestamp after signing ('timestamp'). */
  tamper?: 'signature' | 'timestamp';
  /** @defaultValue a fresh 32-hex id */
  eventId?: string;
  /** Override the target URL for this delivery. */
  url?: string;
  /** @defaultValue 'webhook' when a webhook URL is known, else 'ws' (the long connection) */
  via?: 'webhook' | 'ws';
}

/** One POST of an event to the webhook. */
export interface DeliveryAttempt {
  /** 1-based */
  attempt: number;
  /** true for copies sent on purpose through `duplicate` */
  duplicate: boolean;
  /** null when no answer arrived (timeout or connection error) */
  status: number | null;
  latencyMs: number;
  responseBody: string;
  error?: string;
}

/** The outcome of delivering one event, after all re-deliveries. */
export interface DeliveryResult {
  eventId: string;
  /** The plaintext v2 envelope */
  envelope: Record<string, unknown>;
  /** The exact string POSTed (encrypted wrapper when an encryptKey is set) */
  body: string;
  attempts: DeliveryAttempt[];
  /** true when some non-duplicate attempt got HTTP 200 in time */
  delivered: boolean;
  /** Set when Lark would not push this event at all: the scope the app lacks */
  withheld?: { missingScope: string };
  /** The parsed JSON of the accepted answer, if it was JSON */
  response?: unknown;
}

/** A card callback's delivery plus what the fake made of the answer. */
export interface CardActionResult extends DeliveryResult {
  /** Problems with the answer's shape (`{toast?, card?}`); empty when it is valid */
  responseErrors: string[];
}

/** The reply to a url_verification challenge. */
export interface ChallengeResult {
  challenge: string;
  status: number | null;
  response: unknown;
  /** true when the reply echoed the challenge */
  ok: boolean;
}
