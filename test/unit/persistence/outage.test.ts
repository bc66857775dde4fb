import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.js';
import { isUnavailable, retryTransient } from '../../../src/domain/shared/transient.js';
import { guardOutages, isOutage } from '../../../src/persistence/outage.js';

const named = (name: string, message: string, code?: string) =>
  Object.assign(new Error(message), { name, ...(code ? { code } : {}) });

describe('isOutage', () => {
  it('knows the drivers’ "did not answer" errors', () => {
    expect(isOutage(named('MongoNetworkError', 'connection 3 to 127.0.0.1:27017 closed'))).toBe(true);
    expect(isOutage(named('MongoServerSelectionError', 'Server selection timed out after 30000 ms'))).toBe(
      true,
    );
    expect(isOutage(named('Error', 'connect ECONNREFUSED 127.0.0.1:6379', 'ECONNREFUSED'))).toBe(true);
    expect(isOutage(named('Error', 'Connection is closed.'))).toBe(true);
  });

  it('knows a server that answers it is shutting down or not primary', () => {
    const server = (code: number, message: string) =>
      Object.assign(new Error(message), { name: 'MongoServerError', code });
    expect(isOutage(server(91, 'The server is in quiesce mode and will shut down'))).toBe(true);
    expect(isOutage(server(11600, 'interrupted at shutdown'))).toBe(true);
    expect(isOutage(server(10107, 'not primary'))).toBe(true);
    // A duplicate key with a numeric code, as the driver gives it, stays a lost race.
    expect(isOutage(server(11000, 'E11000 duplicate key error collection: t.reports'))).toBe(false);
    expect(isOutage(server(2, 'BadValue'))).toBe(false);
  });

  it('knows FerretDB cancelling a command as it stops, and no other internal error', () => {
    const internal = (message: string) =>
      Object.assign(new Error(message), { name: 'MongoServerError', code: 1 });
    expect(
      isOutage(
        internal(
          '[msg_update.go:133 handler.(*Handler).updateDocument] [collection.go:177 sqlite.(*collection).UpdateAll.func1] context canceled',
        ),
      ),
    ).toBe(true);
    expect(isOutage(internal('[msg_find.go:90 handler.(*Handler).MsgFind] unexpected type'))).toBe(false);
  });

  it('does not take a lost race or a bad document for an outage', () => {
    expect(
      isOutage(named('MongoServerError', 'E11000 duplicate key error collection: t.reports', '11000')),
    ).toBe(false);
    expect(isOutage(named('ValidationError', 'Path `code` is required.'))).toBe(false);
    expect(isOutage(undefined)).toBe(false);
  });
});

describe('guardOutages', () => {
  it('turns an outage into DomainError UNAVAILABLE with the Chinese reply, keeping the cause', async () => {
    const cause = named('MongoNetworkError', 'socket hang up');
    const repo = guardOutages({ find: async () => Promise.reject(cause) });
    const error = await repo.find().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('UNAVAILABLE');
    expect((error as DomainError).userMessage).toBe('系统暂时无法访问数据库，本条指令未执行，请稍后重试。');
    expect((error as Error).cause).toBe(cause);
    expect(isUnavailable(error)).toBe(true);
  });

  it('passes results, arguments, `this` and other errors through unchanged', async () => {
    const duplicate = named('MongoServerError', 'E11000 duplicate key', '11000');
    const repo = guardOutages({
      base: 40,
      async add(this: { base: number }, n: number) {
        return this.base + n;
      },
      async insert() {
        throw duplicate;
      },
    });
    expect(await repo.add(2)).toBe(42);
    expect(repo.base).toBe(40);
    await expect(repo.insert()).rejects.toBe(duplicate);
  });
});

describe('retryTransient', () => {
  it('runs the work again after UNAVAILABLE and stops at the first other error', async () => {
    let calls = 0;
    const result = await retryTransient(
      async () => {
        calls += 1;
        if (calls < 3) throw new DomainError('UNAVAILABLE', 'x');
        return 'done';
      },
      { firstDelayMs: 0 },
    );
    expect([result, calls]).toEqual(['done', 3]);
    let refused = 0;
    const refusal = new DomainError('CONFLICT', 'y');
    await expect(
      retryTransient(
        async () => {
          refused += 1;
          throw refusal;
        },
        { firstDelayMs: 0 },
      ),
    ).rejects.toBe(refusal);
    expect(refused).toBe(1);
  });

  it('gives up when the next attempt would start after `withinMs`, with the last error', async () => {
    const outage = new DomainError('UNAVAILABLE', 'x');
    const starts: number[] = [];
    await expect(
      retryTransient(
        async () => {
          starts.push(Date.now());
          throw outage;
        },
        { withinMs: 100, firstDelayMs: 10, maxDelayMs: 20 },
      ),
    ).rejects.toBe(outage);
    // Waits of 10, 20, 20, 20, 20 ms fit in 100: at most six attempts (fewer when a timer is late).
    expect(starts.length).toBeGreaterThanOrEqual(2);
    expect(starts.length).toBeLessThanOrEqual(6);
  });
});
