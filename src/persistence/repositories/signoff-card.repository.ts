import type { Connection } from 'mongoose';
import type { SignoffCardRepository } from '../../domain/ports.js';
import { signoffCardModel } from '../models/signoff-card.model.js';
import { isDuplicateKey } from '../mongo.js';

export function createSignoffCardRepository(connection: Connection): SignoffCardRepository {
  const Cards = signoffCardModel(connection);
  return {
    async remember(key, messageId) {
      try {
        await Cards.replaceOne({ _id: key }, { _id: key, key, messageId }, { upsert: true });
      } catch (error) {
        // Two upserts of one key met in the `_id` index: the other one's card is kept.
        if (!isDuplicateKey(error)) throw error;
      }
    },
    async find(key) {
      const doc = await Cards.findById(key, { messageId: 1 }).lean<{ messageId: string }>().exec();
      return doc?.messageId ?? null;
    },
  };
}
