import type { Connection } from 'mongoose';
import type { Report } from '../domain/reports/report.js';
import type { Logger } from '../logger.js';
import { reportModel } from './models/report.model.js';
import { createTaskRepository } from './repositories/task.repository.js';

/** The marker of this upgrade in `migrations` (one document per upgrade done). */
const MARKER = 'task-latest-report';

/**
 * Upgrades a database written before each task kept its latest report (`Task.latestReport`), on
 * start: every report is noted on its task, oldest first, through the same guarded write a new report
 * uses, so a report arriving meanwhile is never replaced by an older one. Idempotent; the marker is
 * written last, so a start interrupted half-way does it again. One pass over the reports, once.
 */
export async function keepLatestReports(connection: Connection, logger: Logger): Promise<void> {
  const db = connection.db;
  if (!db) throw new Error('the upgrade needs an open connection');
  const migrations = db.collection<{ _id: string; at: Date }>('migrations');
  if (await migrations.findOne({ _id: MARKER })) return;
  const tasks = createTaskRepository(connection);
  const latest = new Map<string, Report>();
  const cursor = reportModel(connection).find({}, { _id: 0 }).lean<Report>().cursor();
  for await (const report of cursor) {
    const key = `${report.planId}\u0000${report.taskCode}`;
    const seen = latest.get(key);
    if (!seen || seen.createdAt <= report.createdAt) latest.set(key, report);
  }
  for (const report of latest.values()) await tasks.noteReport(report);
  await migrations.updateOne({ _id: MARKER }, { $set: { at: new Date() } }, { upsert: true });
  if (latest.size > 0) logger.info({ tasks: latest.size }, 'kept each task’s latest report on the task');
}
