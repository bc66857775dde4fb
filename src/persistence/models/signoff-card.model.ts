import { type Connection, Schema } from 'mongoose';

/** Which message shows a sign-off request's card, so its decision can update it in place. */
export interface SignoffCardRef {
  /** `<plan>:<code>:<requested at, ms>`: one request. */
  key: string;
  messageId: string;
}

const signoffCardSchema = new Schema<SignoffCardRef & { _id: string }>(
  {
    // The request's key is the natural `_id`: one card per request, looked up by `_id` only.
    _id: { type: String, required: true },
    key: { type: String, required: true },
    messageId: { type: String, required: true },
  },
  { versionKey: false, collection: 'signoff_cards' },
);

export const signoffCardModel = (connection: Connection) =>
  connection.model<SignoffCardRef & { _id: string }>('SignoffCard', signoffCardSchema);
