import { readFileSync } from 'node:fs';
import { defaults } from '../../config/defaults.js';
import { createFakeLark, type FakeLark } from '../../dev/fake-lark/index.js';
import type { Services } from '../../dev/harness/services.js';
import { parseNotice } from '../../src/domain/plan/notice.parser.js';
import type { BenchMember } from './ipc.js';

export const ENCRYPT_KEY = 'bench-encrypt-key';
export const VERIFICATION_TOKEN = 'bench-verification-token';
const APP_SECRET = 'bench-app-secret';
/** The bot's pinned clock: mid-June 2023, so the seed plan has overdue, due and future tasks. */
export const BOT_NOW = '2023-06-10T10:00:00+08:00';
export const OFFICE = { openId: 'ou_bench_office', name: '高志平' };

/** A bound member, the group they speak in and the tasks their unit leads. */
export interface WorldMember extends BenchMember {
  chatId: string;
  tasks: string[];
}

/** The fake Lark with the groups and members a benchmark uses. */
export interface World {
  fake: FakeLark;
  chats: string[];
  members: WorldMember[];
}

/** Lead units of the seed plan and the task codes each leads. */
export function seedTasksByUnit(): Map<string, string[]> {
  const plan = parseNotice(readFileSync(defaults.planFile, 'utf8'));
  const byUnit = new Map<string, string[]>();
  for (const indicator of plan.indicators) {
    for (const task of indicator.tasks) {
      for (const unit of task.leadUnits ?? indicator.leadUnits) {
        byUnit.set(unit, [...(byUnit.get(unit) ?? []), task.code]);
      }
    }
  }
  return byUnit;
}

/**
 * Starts a fake Lark with `groups` groups and `members` members spread round-robin over the groups
 * and the seed plan's lead units. Events are sent by the benchmark itself, so the fake never
 * re-delivers (no retry delays).
 */
export async function createWorld(options: {
  groups: number;
  members: number;
  enforceRateLimits?: boolean;
}): Promise<World> {
  const fake = createFakeLark({
    encryptKey: ENCRYPT_KEY,
    verificationToken: VERIFICATION_TOKEN,
    appSecret: APP_SECRET,
    redeliveryDelaysMs: [],
    enforceRateLimits: options.enforceRateLimits ?? false,
  });
  await fake.start();
  const units = [...seedTasksByUnit()];
  const members: WorldMember[] = [];
  for (let i = 0; i < options.members; i++) {
    const [unit, tasks] = units[i % units.length]!;
    members.push({ openId: `ou_bench_${i}`, name: `联络员${i}`, unit, chatId: '', tasks });
  }
  const chats: string[] = [];
  for (let g = 0; g < options.groups; g++) {
    const own = members.filter((_, i) => i % options.groups === g);
    const chatId = fake.createChat({ name: `整改工作群${g + 1}`, members: [OFFICE, ...own] });
    for (const m of own) m.chatId = chatId;
    chats.push(chatId);
  }
  return { fake, chats, members };
}

/** The environment of the bot and worker children (what `npm run bot` reads), one database per run. */
export function appEnv(world: World, services: Services, dbName: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PORT: '0',
    HOST: '127.0.0.1',
    MONGODB_URI: services.mongoUri,
    REDIS_URL: services.redisUrl,
    LARK_APP_ID: world.fake.appId,
    LARK_APP_SECRET: APP_SECRET,
    LARK_DOMAIN: world.fake.url,
    LARK_CHAT_ID: world.chats[0]!,
    LARK_TRANSPORT: 'webhook',
    LARK_ENCRYPT_KEY: ENCRYPT_KEY,
    LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    OFFICE_ADMIN_OPEN_IDS: OFFICE.openId,
    BOT_NOW,
    BENCH_DB: dbName,
  };
}

/**
 * The URI with the driver's command monitoring on (`monitorCommands=true`), so a bench child can
 * count the commands its client sends: the bot builds its connection options in src/, the URI is
 * the one knob the bench holds.
 */
export function withMonitorCommands(uri: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]*)(\/[^?]*)?(\?.*)?$/.exec(uri);
  if (!match) throw new Error(`not a MongoDB URI: ${uri}`);
  const [, hosts, path, query] = match;
  return `${hosts}${path ?? '/'}${query ? `${query}&` : '?'}monitorCommands=true`;
}
