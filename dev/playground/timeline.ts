import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeLark, FakeMessage, MentionRecord } from '../fake-lark/index.js';
import type { PlaygroundClock } from './playground-clock.js';

/** A file the bot sent, as the page offers it for download. */
export interface TimelineFile {
  key: string;
  name: string;
  contentType: string;
  size: number;
}

/** One message as the page shows it. */
export interface ViewMessage {
  id: string;
  senderType: 'app' | 'user';
  senderId: string;
  senderName: string;
  msgType: string;
  content: unknown;
  mentions: MentionRecord[];
  parentId?: string;
  /** The bot's clock when the message was sent (epoch ms). */
  botTime: number;
  updated: boolean;
  /** From an earlier run: the fake Lark no longer knows it, so its buttons cannot be pressed. */
  archived?: boolean;
  file?: TimelineFile;
}

interface SavedTimeline {
  version: 1;
  chatId: string;
  messages: ViewMessage[];
  files: TimelineFile[];
}

/** The group's history: messages of earlier runs (kept under dataDir) followed by this run's. */
export interface Timeline {
  list(): ViewMessage[];
  /** Changes whenever a message is added or edited. */
  revision(): string;
  file(key: string): { meta: TimelineFile; bytes: Buffer } | undefined;
  /** Writes the history and the files the bot sent under the folder. */
  save(): void;
}

/** Loads the earlier history from `dir` (if any) and serves it with the live chat of `fake`. */
export function openTimeline(input: {
  dir: string;
  chatId: string;
  fake: FakeLark;
  clock: PlaygroundClock;
  nameOf: (openId: string) => string | undefined;
}): Timeline {
  const { dir, chatId, fake, clock, nameOf } = input;
  const jsonPath = join(dir, 'timeline.json');
  const filesDir = join(dir, 'files');
  const saved = readSaved(jsonPath, chatId);
  const archived = saved.messages.map((m) => ({ ...m, archived: true }));
  const archivedFiles = new Map(saved.files.map((f) => [f.key, f]));

  const liveFile = (key: string) => fake.files.find((f) => f.key === key);
  const fileMeta = (key: string): TimelineFile | undefined => {
    const live = liveFile(key);
    if (live) return { key, name: live.name, contentType: live.contentType, size: live.bytes.length };
    return archivedFiles.get(key);
  };
  const toView = (m: FakeMessage): ViewMessage => {
    const key = (m.content as { file_key?: unknown } | null)?.file_key;
    const file = m.msgType === 'file' && typeof key === 'string' ? fileMeta(key) : undefined;
    return {
      id: m.messageId,
      senderType: m.senderType,
      senderId: m.senderId,
      senderName: m.senderType === 'app' ? fake.botName : (nameOf(m.senderId) ?? m.senderId),
      msgType: m.msgType,
      content: m.content,
      mentions: m.mentions,
      ...(m.parentId ? { parentId: m.parentId } : {}),
      botTime: clock.botTimeAt(m.createTime),
      updated: m.updated,
      ...(file ? { file } : {}),
    };
  };
  const live = () => fake.messages(chatId);

  return {
    list: () => [...archived, ...live().map(toView)],
    revision() {
      const messages = live();
      const lastEdit = messages.reduce((max, m) => Math.max(max, m.updateTime), 0);
      return `${archived.length}.${messages.length}.${lastEdit}.${messages.filter((m) => m.updated).length}`;
    },
    file(key) {
      const meta = fileMeta(key);
      if (!meta) return undefined;
      const bytes = liveFile(key)?.bytes ?? readIfExists(join(filesDir, safeName(key)));
      return bytes ? { meta, bytes } : undefined;
    },
    save() {
      mkdirSync(filesDir, { recursive: true });
      const messages = [...saved.messages, ...live().map(toView)];
      const files = new Map(archivedFiles);
      for (const m of messages) {
        if (!m.file || files.has(m.file.key)) continue;
        const bytes = liveFile(m.file.key)?.bytes;
        if (!bytes) continue;
        writeFileSync(join(filesDir, safeName(m.file.key)), bytes);
        files.set(m.file.key, m.file);
      }
      const data: SavedTimeline = { version: 1, chatId, messages, files: [...files.values()] };
      // Write then rename, so a crash mid-write never leaves half a history.
      const tmp = `${jsonPath}.tmp`;
      writeFileSync(tmp, JSON.stringify(data));
      renameSync(tmp, jsonPath);
    },
  };
}

function readSaved(path: string, chatId: string): SavedTimeline {
  const empty: SavedTimeline = { version: 1, chatId, messages: [], files: [] };
  if (!existsSync(path)) return empty;
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as SavedTimeline;
    // Another group's history (a changed chat id) is not this group's.
    if (data.version !== 1 || data.chatId !== chatId || !Array.isArray(data.messages)) return empty;
    return { ...data, messages: data.messages.map(({ archived: _, ...m }) => m), files: data.files ?? [] };
  } catch {
    return empty;
  }
}

function readIfExists(path: string): Buffer | undefined {
  return existsSync(path) ? readFileSync(path) : undefined;
}

/** File keys come from the fake (`file_v3_…`); anything else is dropped before touching the disk. */
function safeName(key: string): string {
  return key.replace(/[^A-Za-z0-9_-]/g, '_');
}
