import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeMessage } from '../../dev/fake-lark/index.js';

/** Runs `work` over `items` with at most `concurrency` at a time; resolves with the results in order. */
export async function runPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return results;
}

/** Polls `check` until it returns a value other than undefined/false, failing after `timeoutMs`. */
export async function waitUntil<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Cleanups run last-in first-out, each even when an earlier one failed (for afterEach). */
export function createCleanups() {
  const stack: Array<() => Promise<void> | void> = [];
  return {
    add(cleanup: () => Promise<void> | void) {
      stack.push(cleanup);
    },
    /** A temporary folder removed at cleanup. */
    tempDir(prefix: string): string {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      stack.push(() => rmSync(dir, { recursive: true, force: true }));
      return dir;
    },
    async run() {
      const errors: unknown[] = [];
      for (const cleanup of stack.splice(0).reverse()) {
        try {
          await cleanup();
        } catch (error) {
          errors.push(error);
        }
      }
      if (errors.length > 0) throw errors[0];
    },
  };
}

/** The values of `key` (uuid, parent…) that more than one item carries, with their counts. */
export function duplicatesBy<T = FakeMessage>(items: T[], key: (item: T) => string | undefined) {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].filter(([, n]) => n > 1);
}

/** The polite reply for a database or Redis outage (src/bot/error-boundary.ts). */
export const RETRY_TEXT = '系统暂时无法访问数据库，本条指令未执行，请稍后重试。';
