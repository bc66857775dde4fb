import type { FakeLarkOptions } from './fake-lark.types.js';
import { CallLog } from './store/call.log.js';
import { ChatStore } from './store/chat.store.js';
import { FaultRules } from './store/fault.rules.js';
import { FileStore } from './store/file.store.js';
import { MessageStore } from './store/message.store.js';
import { OAuthStore } from './store/oauth.store.js';
import { RateLimiter } from './store/rate.limiter.js';
import { TokenStore } from './store/token.store.js';

/** Options with defaults applied; the webhook targets and rate-limit switch may change at run time. */
export interface FakeConfig {
  appId: string;
  appSecret: string;
  botOpenId: string;
  botName: string;
  tenantKey: string;
  tokenTtlSeconds: number;
  encryptKey: string;
  verificationToken: string;
  webhookUrl?: string;
  cardWebhookUrl?: string;
  ackTimeoutMs: number;
  redeliveryDelaysMs: number[];
  enforceRateLimits: boolean;
  now: () => number;
  scopes: string[];
}

/** The scopes the README asks for: group messages that @ the bot, and direct messages. */
export const DEFAULT_SCOPES = ['im:message.group_at_msg:readonly', 'im:message.p2p_msg:readonly'];

/** Everything the routes and the event pusher share. */
export interface FakeState {
  config: FakeConfig;
  tokens: TokenStore;
  chats: ChatStore;
  messages: MessageStore;
  files: FileStore;
  calls: CallLog;
  faults: FaultRules;
  limiter: RateLimiter;
  /** The web-app login's codes and user tokens. */
  oauth: OAuthStore;
}

/** Applies defaults to the options. */
export function resolveConfig(options: FakeLarkOptions = {}): FakeConfig {
  return {
    appId: options.appId ?? 'cli_a1b2c3d4e5f60718',
    appSecret: options.appSecret ?? 'fake-app-secret',
    botOpenId: options.botOpenId ?? 'ou_b0f1a2e3d4c5b6a798877665544332211',
    botName: options.botName ?? '督办助手',
    tenantKey: options.tenantKey ?? '736588c9260f175d',
    tokenTtlSeconds: options.tokenTtlSeconds ?? 7200,
    encryptKey: options.encryptKey ?? '',
    verificationToken: options.verificationToken ?? 'fake-verification-token',
    webhookUrl: options.webhookUrl,
    cardWebhookUrl: options.cardWebhookUrl,
    ackTimeoutMs: options.ackTimeoutMs ?? 3000,
    redeliveryDelaysMs: options.redeliveryDelaysMs ?? [150, 300, 600, 1200],
    enforceRateLimits: options.enforceRateLimits ?? false,
    now: options.now ?? Date.now,
    scopes: [...(options.scopes ?? DEFAULT_SCOPES)],
  };
}

/** Builds empty stores around a config. */
export function createState(config: FakeConfig): FakeState {
  return {
    config,
    tokens: new TokenStore(config.tokenTtlSeconds, config.now),
    chats: new ChatStore(),
    messages: new MessageStore(config.now),
    files: new FileStore(),
    calls: new CallLog(),
    faults: new FaultRules(),
    limiter: new RateLimiter(() => config.enforceRateLimits, config.now),
    oauth: new OAuthStore(config.now),
  };
}
