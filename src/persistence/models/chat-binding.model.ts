import { type Connection, Schema } from 'mongoose';

/** Which plan a work group serves: the chat id is the natural `_id`, so a group serves one plan at most. */
export interface ChatBinding {
  _id: string;
  planId: string;
  boundAt: Date;
}

const chatBindingSchema = new Schema<ChatBinding>(
  {
    _id: { type: String, required: true },
    planId: { type: String, required: true, index: true },
    boundAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'chat_bindings' },
);

export const chatBindingModel = (connection: Connection) =>
  connection.model<ChatBinding>('ChatBinding', chatBindingSchema);
