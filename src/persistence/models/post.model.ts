import { type Connection, Schema } from 'mongoose';
import type { PostClaim } from '../../domain/posts/post.js';

const postSchema = new Schema<PostClaim & { planId: string }>(
  {
    planId: { type: String, required: true },
    key: { type: String, required: true },
    kind: { type: String, required: true },
    uuid: { type: String, required: true },
    status: { type: String, required: true },
    messageId: String,
    claimedAt: { type: Date, required: true },
    sentAt: Date,
    content: String,
  },
  { versionKey: false, collection: 'posts' },
);
// One claim per post and plan: two plans' posts of the same day have the same key.
postSchema.index({ planId: 1, key: 1 }, { unique: true });
postSchema.index({ planId: 1, kind: 1 });

export const postModel = (connection: Connection) =>
  connection.model<PostClaim & { planId: string }>('Post', postSchema);
