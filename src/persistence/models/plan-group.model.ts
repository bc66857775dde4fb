import { type Connection, Schema } from 'mongoose';

/**
 * A plan's one work group, claimed before the group is bound: the plan id is the `_id`, so of two
 * groups claiming one plan at once exactly one insert wins (a unique key; on FerretDB a conditional
 * update can let several callers win, an insert cannot).
 */
export interface PlanGroupClaim {
  _id: string;
  chatId: string;
  claimedAt: Date;
}

const planGroupSchema = new Schema<PlanGroupClaim>(
  {
    _id: { type: String, required: true },
    chatId: { type: String, required: true },
    claimedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'plan_groups' },
);

export const planGroupModel = (connection: Connection) =>
  connection.model<PlanGroupClaim>('PlanGroup', planGroupSchema);
