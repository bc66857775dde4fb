import type { Connection } from 'mongoose';
import type { TaskRepository } from '../../domain/ports.js';
import type { Task } from '../../domain/tasks/task.js';
import { compareTaskCodes } from '../../domain/tasks/task-code.js';
import { taskModel } from '../models/task.model.js';
import { NO_ID, plain } from './plain.js';

export function createTaskRepository(connection: Connection): TaskRepository {
  const Tasks = taskModel(connection);
  return {
    async list(planId, options = {}) {
      const filter = options.includeWithdrawn ? { planId } : { planId, state: { $ne: 'withdrawn' as const } };
      const tasks = await Tasks.find(filter, NO_ID).lean<Task[]>().exec();
      return tasks.sort((a, b) => compareTaskCodes(a.code, b.code));
    },
    async get(planId, code) {
      return Tasks.findOne({ planId, code }, NO_ID).lean<Task>().exec();
    },
    async insert(task) {
      await Tasks.create(task);
    },
    async update(task, changes) {
      // One single-document compare-and-set: no transactions on the Mongo-wire test server.
      const updated = await Tasks.findOneAndUpdate(
        { planId: task.planId, code: task.code, version: task.version },
        { $set: { ...changes, version: task.version + 1 } },
        { returnDocument: 'after' },
      )
        .lean()
        .exec();
      return updated ? plain<Task>(updated) : null;
    },
  };
}
