import { performance } from 'node:perf_hooks';
import type { ChatApp } from '../../src/app/chat-app.js';
import type { ChildMode } from '../child-bot.js';
import type { DbCommandCounts, SendTiming } from '../lib/ipc.js';

/** Wall-clock milliseconds with performance.now()'s resolution, comparable across processes. */
const absNow = () => performance.timeOrigin + performance.now();

/** The handshake and session bookkeeping, not a round trip a command asks for. */
const NOT_COUNTED = new Set([
  'hello',
  'ismaster',
  'isMaster',
  'ping',
  'endSessions',
  'saslStart',
  'saslContinue',
]);

/**
 * BENCH_DB_COMMANDS=1: counts the MongoDB-wire commands the bot sends (driver command monitoring;
 * the URI must carry `monitorCommands=true`, see bench/lib/world.ts withMonitorCommands).
 */
function dbCommandProbe(app: ChatApp): ChildMode['handlers'] {
  const client = app.connection.getClient();
  let byName: Record<string, number> = {};
  let total = 0;
  client.on('commandStarted', (event) => {
    if (NOT_COUNTED.has(event.commandName)) return;
    total += 1;
    // `find reports`: the collection is the value of the command's first key (none for getMore).
    const collection = (event.command as Record<string, unknown>)[event.commandName];
    const key = typeof collection === 'string' ? `${event.commandName} ${collection}` : event.commandName;
    byName[key] = (byName[key] ?? 0) + 1;
  });
  return {
    'db-commands-reset': async () => {
      if (!client.options.monitorCommands)
        throw new Error('monitorCommands is off: the bot was started without it in MONGODB_URI');
      byName = {};
      total = 0;
      return 0;
    },
    'db-commands': async (): Promise<DbCommandCounts> => ({ total, byName: { ...byName } }),
  };
}

type Fn = (...args: unknown[]) => Promise<unknown>;

/** Replaces `object[key]` with a function that calls `before(args)` first, if it is a function. */
function wrap(object: unknown, key: string, before: (args: unknown[]) => void): boolean {
  const target = object as Record<string, unknown> | undefined;
  const original = target?.[key];
  if (!target || typeof original !== 'function') return false;
  target[key] = function (this: unknown, ...args: unknown[]) {
    before(args);
    return (original as Fn).apply(this, args);
  };
  return true;
}

/**
 * BENCH_SEND_TIMINGS=1: for each message the bot replies to, when the reply was handed to the
 * messenger (the command is handled: its report stored) and when the paced sender let the SDK call
 * go out to Lark. The difference is the wait in the send queue. Also answers `handled` requests
 * (resolves once a message's reply is handed over) for the closed-loop handling capacity.
 */
function sendTimingProbe(app: ChatApp): ChildMode['handlers'] {
  const handedAt = new Map<string, number>();
  const sdkCallAt = new Map<string, number>();
  const waiters = new Map<string, (at: number) => void>();
  const handed = (args: unknown[]) => {
    const messageId = args[1];
    if (typeof messageId !== 'string' || handedAt.has(messageId)) return;
    const at = absNow();
    handedAt.set(messageId, at);
    waiters.get(messageId)?.(at);
  };
  const wrapped = ['replyText', 'replyCard', 'replyFile'].filter((key) => wrap(app.messenger, key, handed));
  const sdk = wrap(app.lark.client.im?.message, 'reply', (args) => {
    const messageId = (args[0] as { path?: { message_id?: string } } | undefined)?.path?.message_id;
    if (messageId && !sdkCallAt.has(messageId)) sdkCallAt.set(messageId, absNow());
  });
  const available = wrapped.length > 0 && sdk;
  return {
    'send-timings': async (): Promise<{ available: boolean; timings: SendTiming[] }> => ({
      available,
      timings: [...handedAt].map(([messageId, handed]) => ({
        messageId,
        handedAt: handed,
        sdkCallAt: sdkCallAt.get(messageId),
      })),
    }),
    handled: (payload) => {
      const { messageId, timeoutMs } = payload as { messageId: string; timeoutMs: number };
      const seen = handedAt.get(messageId);
      if (seen !== undefined) return Promise.resolve(seen);
      if (!available) return Promise.reject(new Error('the messenger could not be instrumented'));
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiters.delete(messageId);
          resolve(null);
        }, timeoutMs);
        waiters.set(messageId, (at) => {
          clearTimeout(timer);
          waiters.delete(messageId);
          resolve(at);
        });
      });
    },
  };
}

/** The probes the environment asks for (none by default: the other benchmarks measure the bot bare). */
export function botProbes(app: ChatApp, env: NodeJS.ProcessEnv = process.env): ChildMode['handlers'] {
  return {
    ...(env.BENCH_DB_COMMANDS === '1' ? dbCommandProbe(app) : {}),
    ...(env.BENCH_SEND_TIMINGS === '1' ? sendTimingProbe(app) : {}),
  };
}
