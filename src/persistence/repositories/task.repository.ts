import type { Connection } from 'mongoose';
import type { TaskRepository } from '../../domain/ports.js';
import type { Task, TaskChangeNote } from '../../domain/tasks/task.js';
import { compareTaskCodes } from '../../domain/tasks/task-code.js';
import { createDecisions, type Decisions } from '../decisions.js';
import type { DecisionRecord } from '../models/decision.model.js';
import { taskModel } from '../models/task.model.js';
import { NO_ID } from './plain.js';

/** A task's change as its decision record holds it: the fields to set and the ones to clear. */
interface TaskChangeRecord {
  set: Partial<Task>;
  unset: string[];
}

const subjectOf = (planId: string, code: string) => `task:${planId}:${code}`;

/** The task as the record leaves it (the record's `seq` is the task's new version). */
function applyRecord(task: Task, record: DecisionRecord): Task {
  const change = record.change as unknown as TaskChangeRecord;
  const next = { ...task, ...change.set, version: record.seq } as Task & Record<string, unknown>;
  for (const field of change.unset) delete next[field];
  return next;
}

/**
 * Tasks, with every change decided by a unique-key insert (see `../decisions.ts`): `update` claims
 * version v+1 of the task in the decisions collection and only the one caller whose insert succeeds
 * writes the task; the others get null, reload and re-validate. Reads overlay decided changes the
 * task document does not carry yet, and roll an abandoned one (its winner died between the insert
 * and the write) forward onto the document.
 */
export function createTaskRepository(
  connection: Connection,
  options: { repairAfterMs?: number } = {},
): TaskRepository {
  const Tasks = taskModel(connection);
  const decisions: Decisions = createDecisions(connection, options);

  /**
   * Writes the whole task as of `task.version`, never over a newer one. The `$lt` filter decides
   * nothing (the decision insert already picked the winner); it only keeps a late write from landing
   * over a newer version. MongoDB honours it; FerretDB may not, hence the re-read in `update`.
   */
  async function write(task: Task): Promise<void> {
    // `latestReport` is not versioned: a task read before a report must not write over its summary.
    const { planId, code, latestReport: _summary, ...rest } = task;
    const $set: Record<string, unknown> = {};
    const $unset: Record<string, ''> = {};
    for (const [field, value] of Object.entries(rest)) {
      if (value === undefined) $unset[field] = '';
      else $set[field] = value;
    }
    await Tasks.updateOne(
      { planId, code, version: { $lt: task.version } },
      Object.keys($unset).length ? { $set, $unset } : { $set },
    );
  }

  /**
   * The document plus the decided records it lags behind; rolls abandoned ones forward, and marks
   * applied the records it carries that are past the minute they stay unapplied (`decisions.retire`).
   */
  async function settle(doc: Task, records: DecisionRecord[]): Promise<Task> {
    await decisions.retire(records.filter((r) => r.seq <= doc.version));
    const lagging = records.filter((r) => r.seq > doc.version).sort((a, b) => a.seq - b.seq);
    if (lagging.length === 0) return doc;
    let task = doc;
    // Records follow each other version by version; a gap means a record we did not load.
    for (const record of lagging) if (record.seq === task.version + 1) task = applyRecord(task, record);
    const newest = lagging.at(-1) as DecisionRecord;
    if (task.version === newest.seq && decisions.abandoned(newest)) {
      await write(task);
      for (const record of lagging) await decisions.markApplied(record.key);
    }
    return task;
  }

  return {
    async list(planId, options = {}) {
      const [docs, unsettled] = await Promise.all([
        Tasks.find({ planId }, NO_ID).lean<Task[]>().exec(),
        decisions.unsettled(`task:${planId}:`),
      ]);
      const tasks: Task[] = [];
      for (const doc of docs) {
        const subject = subjectOf(planId, doc.code);
        const mine = unsettled.filter((r) => r.subject === subject);
        const task = mine.length ? await settle(doc, mine) : doc;
        if (options.includeWithdrawn || task.state !== 'withdrawn') tasks.push(task);
      }
      return tasks.sort((a, b) => compareTaskCodes(a.code, b.code));
    },
    async get(planId, code) {
      const doc = await Tasks.findOne({ planId, code }, NO_ID).lean<Task>().exec();
      if (!doc) return null;
      return settle(doc, await decisions.after(subjectOf(planId, code), doc.version));
    },
    async peek(planId, code) {
      return Tasks.findOne({ planId, code }, NO_ID).lean<Task>().exec();
    },
    async insert(...tasks) {
      if (tasks.length > 0) await Tasks.insertMany(tasks, { ordered: true });
    },
    async update(task, changes, note) {
      const version = task.version + 1;
      const lastChange: TaskChangeNote | undefined = note;
      const next = { ...task, ...changes, version, ...(lastChange ? { lastChange } : {}) } as Task;
      const set: Record<string, unknown> = {};
      const unset: string[] = [];
      for (const [field, value] of Object.entries({ ...changes, ...(lastChange ? { lastChange } : {}) })) {
        if (value === undefined) unset.push(field);
        else set[field] = value;
      }
      const subject = subjectOf(task.planId, task.code);
      const won = await decisions.claim({
        key: `${subject}:${version}`,
        subject,
        seq: version,
        change: { set, unset } satisfies TaskChangeRecord as unknown as Record<string, unknown>,
        action: note?.action ?? 'task.update',
        actor: note?.by ?? 'system',
        actorName: note?.byName,
        at: note?.at ?? new Date(),
      });
      if (!won) return null;
      await write(next);
      // On FerretDB an older winner's write still in flight can land over ours; put ours back.
      const stored = await Tasks.findOne({ planId: task.planId, code: task.code }, { version: 1 })
        .lean()
        .exec();
      if (stored && (stored as { version: number }).version < version) await write(next);
      // The record is left unapplied: readers overlay it for a minute, so an older winner's write
      // still in flight that lands over ours is hidden, and repaired as abandoned after 5 s; the first
      // list after that minute marks it applied (`settle`).
      // Only now: `write` turns the fields left undefined into `$unset`.
      for (const field of unset) delete (next as unknown as Record<string, unknown>)[field];
      return next;
    },
    async noteReport(report) {
      // A filter with `$lte` on the kept report's time: the later report stays, whichever is written last.
      await Tasks.updateOne(
        {
          planId: report.planId,
          code: report.taskCode,
          $or: [
            { latestReport: { $exists: false } },
            { latestReport: null },
            { 'latestReport.createdAt': { $lte: report.createdAt } },
          ],
        },
        { $set: { latestReport: report } },
      );
    },
  };
}
