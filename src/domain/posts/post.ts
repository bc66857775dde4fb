/** Kinds of automatic posts; each is claimed once per key before it is sent. */
export type PostKind =
  | 'reminder'
  | 'roll_call'
  | 'bulletin'
  | 'rollup_bulletin'
  | 'deadline_reminder'
  | 'overdue_alert'
  | 'year_end'
  | 'liaison_dm';

/** A claim on one automatic post: claimed before sending, marked sent after; never sent twice. */
export interface PostClaim {
  /** Unique: `kind:period:target`, e.g. `reminder:2023-05-19`, `overdue_alert:6.1`. */
  key: string;
  kind: PostKind;
  /** Lark's message `uuid` (≤ 50 chars), derived from the key so a retry is dropped by Lark too. */
  uuid: string;
  status: 'claimed' | 'sent';
  messageId?: string;
  claimedAt: Date;
  sentAt?: Date;
  /** What the post showed, kept for a re-post (a bulletin's figures as JSON). */
  content?: string;
}
