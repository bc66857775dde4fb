import { type Connection, Schema } from 'mongoose';
import type { PostClaim } from '../../domain/posts/post.js';

const postSchema = new Schema<PostClaim>(
  {
    key: { type: String, required: true, unique: true },
    kind: { type: String, required: true, index: true },
    uuid: { type: String, required: true },
    status: { type: String, required: true },
    messageId: String,
    claimedAt: { type: Date, required: true },
    sentAt: Date,
    content: String,
  },
  { versionKey: false, collection: 'posts' },
);

export const postModel = (connection: Connection) => connection.model<PostClaim>('Post', postSchema);
