import { loadConfig } from '../../config/index.js';
import { startSupervision } from '../../jobs/supervision-runtime.js';
import { clockFromConfig } from '../../src/app/clock-from-config.js';
import { createMessengerFromConfig } from '../../src/app/messenger-from-config.js';
import { openStorage } from '../../src/app/storage.js';
import { createSupervisionFromConfig } from '../../src/app/supervision-deps.js';
import { createLogger } from '../../src/logger.js';
import { postBulletin } from '../../src/supervision/bulletin.post.js';
import { postRollCall } from '../../src/supervision/roll-call.post.js';
import type { ChildMode } from '../child-bot.js';

/** What the load loop did: bulletins posted, and the ones that failed (with the last error). */
export interface LoadResult {
  posts: number;
  failures: number;
  lastError?: string;
}

/**
 * The worker process as `npm run worker` assembles it, plus a load loop that makes it do its
 * heaviest posts (the bulletin, forced, and a roll call) over the live data while the bot is busy.
 */
export async function startWorkerMode(): Promise<ChildMode> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel).child({ process: 'worker' });
  const { tenancy, close } = await openStorage(config, clockFromConfig(config), logger, process.env.BENCH_DB);
  const { messenger } = createMessengerFromConfig(config, logger);
  const supervision = createSupervisionFromConfig(config, tenancy, messenger, logger);
  // The load loop posts in LARK_CHAT_ID's plan, the one the bench world reports into.
  const plan = config.lark.chatId ? await tenancy.catalog.byChat(config.lark.chatId) : null;
  const deps = plan && supervision.forPlan(plan);
  if (!deps) throw new Error('LARK_CHAT_ID serves no plan');
  const runtime = await startSupervision(supervision, config.redisUrl);
  let loop: Promise<LoadResult> | undefined;
  let running = false;
  const period = process.env.BENCH_PERIOD ?? '2023-06';
  const runLoop = async (intervalMs: number): Promise<LoadResult> => {
    const result: LoadResult = { posts: 0, failures: 0 };
    for (let i = 0; running; i++) {
      try {
        await postBulletin(deps, period, `bench-${i}`);
        result.posts += 1;
      } catch (error) {
        result.failures += 1;
        result.lastError = String((error as Error)?.message ?? error).slice(0, 300);
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
    return result;
  };
  return {
    ready: {},
    handlers: {
      'roll-call': async (payload) => postRollCall(deps, String(payload)),
      'start-load': async (payload) => {
        running = true;
        loop = runLoop(Number(payload) || 2000);
        return 'started';
      },
      'stop-load': async () => {
        running = false;
        return (await loop) ?? { posts: 0, failures: 0 };
      },
    },
    stop: async () => {
      running = false;
      await loop;
      await runtime.close();
      await close();
    },
  };
}
