import { writeFile } from 'node:fs/promises';
import { defaults } from '../../config/defaults.js';
import { exportLedger } from '../app/ledger-export.js';
import { fixedClock, systemClock } from '../domain/clock.js';
import type { DomainDeps } from '../domain/deps.js';
import { importPlan } from '../domain/plan/import-plan.js';
import type { Plan } from '../domain/plan/plan.js';
import { connectMongo, disconnectMongo, syncIndexes } from '../persistence/mongo.js';
import { createRepositories } from '../persistence/repositories/index.js';

/** Where the CLI writes (see plan.ts). */
interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** Runs `work` against the database of MONGODB_URI; exit 2 when it is not set. */
async function withDatabase(io: Io, work: (deps: DomainDeps) => Promise<number>): Promise<number> {
  const uri = process.env.MONGODB_URI;
  if (!uri) {
    io.err('请设置 MONGODB_URI（MONGODB_URI is missing）。本地体验模式请在页面中发送 /导出。');
    return 2;
  }
  const connection = await connectMongo(uri);
  try {
    const repos = createRepositories(connection);
    await syncIndexes(connection);
    const clock = process.env.BOT_NOW ? fixedClock(process.env.BOT_NOW) : systemClock;
    return await work({ repos, clock, officeAdminOpenIds: [], slowProgressGap: defaults.slowProgressGap });
  } finally {
    await disconnectMongo(connection);
  }
}

/** `plan import <file> [--overlay f]`: stores the plan; idempotent, keeps reports, withdraws dropped tasks. */
export function importPlanToDatabase(plan: Plan, file: string, io: Io): Promise<number> {
  return withDatabase(io, async (deps) => {
    const start = process.env.PLAN_START ?? defaults.planStart;
    const actor = `cli:${process.env.USER ?? 'operator'}`;
    const summary = await importPlan(deps, plan, { actor, start, source: file });
    io.out(
      [
        `已导入 ${summary.planId}（imported）`,
        `  新增 created: ${summary.created.length}`,
        `  更新 updated: ${summary.updated.length}${summary.updated.length ? ` (${summary.updated.join(', ')})` : ''}`,
        `  未变 unchanged: ${summary.unchanged.length}`,
        `  撤销 withdrawn: ${summary.withdrawn.length}${summary.withdrawn.length ? ` (${summary.withdrawn.join(', ')})` : ''}`,
        ...summary.deadlineChanges.map(
          (c) => `  时限变更 deadline ${c.code}: ${c.from ?? '无'} → ${c.to ?? '无'}`,
        ),
        '',
      ].join('\n'),
    );
    return 0;
  });
}

/** `plan export <out.xlsx>`: the ledger of the plan in force. */
export function exportLedgerToFile(out: string, io: Io): Promise<number> {
  return withDatabase(io, async (deps) => {
    const { data } = await exportLedger(deps);
    await writeFile(out, data);
    io.out(`台账已导出：${out}（${data.length} 字节）\n`);
    return 0;
  });
}
