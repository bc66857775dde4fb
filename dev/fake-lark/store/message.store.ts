import { EventEmitter } from 'node:events';
import type { FakeMessage } from '../fake-lark.types.js';

/** Lark sends at most one message per `uuid` within this window. */
const UUID_WINDOW_MS = 60 * 60 * 1000;

/** Every chat's timeline, the uuid de-dup table, and a change feed for waitFor. */
export class MessageStore {
  private readonly timeline: FakeMessage[] = [];
  private readonly byId = new Map<string, FakeMessage>();
  private readonly byUuid = new Map<string, { messageId: string; at: number }>();
  private readonly changes = new EventEmitter();

  constructor(private readonly now: () => number) {
    // Many concurrent waitFor calls are normal in tests.
    this.changes.setMaxListeners(0);
  }

  /** Appends a message and notifies waiters. */
  add(message: FakeMessage): void {
    this.timeline.push(message);
    this.byId.set(message.messageId, message);
    if (message.uuid) this.byUuid.set(message.uuid, { messageId: message.messageId, at: this.now() });
    this.changes.emit('change', message);
  }

  /** Applies an edit (PATCH/PUT or a card callback answer) and notifies waiters. */
  update(
    messageId: string,
    rawContent: string,
    changes: Partial<Pick<FakeMessage, 'msgType' | 'mentions'>> = {},
  ): FakeMessage | undefined {
    const message = this.byId.get(messageId);
    if (!message) return undefined;
    Object.assign(message, changes);
    message.rawContent = rawContent;
    message.content = JSON.parse(rawContent);
    message.updateTime = this.now();
    message.updated = true;
    this.changes.emit('change', message);
    return message;
  }

  /** The message sent earlier with this uuid, if still inside the 1-hour window. */
  findByUuid(uuid: string): FakeMessage | undefined {
    const hit = this.byUuid.get(uuid);
    if (!hit || this.now() - hit.at >= UUID_WINDOW_MS) return undefined;
    return this.byId.get(hit.messageId);
  }

  /** Forgets every uuid sent (a fresh de-dup window), keeping the messages. */
  forgetUuids(): void {
    this.byUuid.clear();
  }

  get(messageId: string): FakeMessage | undefined {
    return this.byId.get(messageId);
  }

  /** Oldest first, optionally one chat only. */
  list(chatId?: string): FakeMessage[] {
    return chatId ? this.timeline.filter((m) => m.chatId === chatId) : [...this.timeline];
  }

  /** Resolves with the first message (existing or future) that matches; rejects after `timeoutMs`. */
  waitFor(predicate: (message: FakeMessage) => boolean, timeoutMs = 5000): Promise<FakeMessage> {
    const existing = this.timeline.find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const onChange = (message: FakeMessage) => {
        if (!predicate(message)) return;
        cleanup();
        resolve(message);
      };
      const timer = setTimeout(() => {
        cleanup();
        const recent = this.timeline
          .slice(-5)
          .map((m) => `${m.senderType}:${m.msgType}:${m.rawContent.slice(0, 80)}`);
        reject(
          new Error(`fake-lark: no matching message within ${timeoutMs} ms; last: ${recent.join(' | ')}`),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.changes.off('change', onChange);
      };
      this.changes.on('change', onChange);
    });
  }

  clear(): void {
    this.timeline.length = 0;
    this.byId.clear();
    this.byUuid.clear();
  }
}
