import type { Connection } from 'mongoose';
import type { PostRepository } from '../../domain/ports.js';
import type { PostClaim } from '../../domain/posts/post.js';
import { postModel } from '../models/post.model.js';
import { isDuplicateKey } from '../mongo.js';

export function createPostRepository(connection: Connection, planId: string): PostRepository {
  const Posts = postModel(connection);
  return {
    async claim(key, kind, uuid, at) {
      const fresh: PostClaim = { key, kind, uuid, status: 'claimed', claimedAt: at };
      try {
        await Posts.create({ ...fresh, planId });
        return { claim: fresh, created: true };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const existing = await Posts.findOne({ planId, key }, { _id: 0, planId: 0 }).lean<PostClaim>().exec();
        if (!existing) throw error;
        return { claim: existing, created: false };
      }
    },
    async markSent(key, messageId, at) {
      await Posts.updateOne({ planId, key }, { $set: { status: 'sent', messageId, sentAt: at } });
    },
    async keepContent(key, content) {
      await Posts.updateOne({ planId, key }, { $set: { content } });
    },
    async list(filter = {}) {
      return Posts.find(filter.kind ? { planId, kind: filter.kind } : { planId }, { _id: 0, planId: 0 })
        .sort({ claimedAt: 1, _id: 1 })
        .lean<PostClaim[]>()
        .exec();
    },
  };
}
