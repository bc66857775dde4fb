import { type Connection, Schema } from 'mongoose';

/** A roll-up group (汇总群): the chat id is the natural `_id`, so a chat is one roll-up group at most. */
export interface RollupGroupDocument {
  _id: string;
  planIds: string[];
  boundBy: string;
  boundAt: Date;
}

const rollupGroupSchema = new Schema<RollupGroupDocument>(
  {
    _id: { type: String, required: true },
    planIds: { type: [String], required: true },
    boundBy: { type: String, required: true },
    boundAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'rollup_groups' },
);

export const rollupGroupModel = (connection: Connection) =>
  connection.model<RollupGroupDocument>('RollupGroup', rollupGroupSchema);
