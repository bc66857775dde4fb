import type { Connection } from 'mongoose';
import { auditModel } from './audit.model.js';
import { chatBindingModel } from './chat-binding.model.js';
import { decisionModel } from './decision.model.js';
import { memberModel } from './member.model.js';
import { planModel } from './plan.model.js';
import { planGroupModel } from './plan-group.model.js';
import { postModel } from './post.model.js';
import { reportModel } from './report.model.js';
import { rollupGroupModel } from './rollup-group.model.js';
import { signoffCardModel } from './signoff-card.model.js';
import { taskModel } from './task.model.js';
import { unitModel } from './unit.model.js';
import { warningModel } from './warning.model.js';
import { warningConfirmationModel } from './warning-confirmation.model.js';

/** Registers every model on the connection (so `syncIndexes` sees them all before any plan is opened). */
export function registerModels(connection: Connection): void {
  for (const register of [
    auditModel,
    chatBindingModel,
    decisionModel,
    memberModel,
    planModel,
    planGroupModel,
    postModel,
    reportModel,
    rollupGroupModel,
    signoffCardModel,
    taskModel,
    unitModel,
    warningModel,
    warningConfirmationModel,
  ])
    register(connection);
}
