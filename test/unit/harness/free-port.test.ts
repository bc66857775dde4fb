import { describe, expect, it } from 'vitest';
import { isAddressInUse, onFreePort } from '../../../dev/harness/free-port.js';
import { ListenError } from '../../../src/transport/listen-error.js';

const inUse = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:4000'), {
  code: 'EADDRINUSE',
});

describe('starting a server on a free port', () => {
  it('knows a taken port from a listen error and from what the servers print', () => {
    expect(isAddressInUse(inUse)).toBe(true);
    expect(isAddressInUse(new ListenError({ host: '127.0.0.1', port: 4000 }, inUse))).toBe(true);
    // redis-server's and FerretDB's words, carried in the harness's "exited" error.
    expect(
      isAddressInUse(
        new Error(
          'redis-server exited with code 1:\nCould not create server TCP listening socket 127.0.0.1:4000: bind: Address already in use',
        ),
      ),
    ).toBe(true);
    expect(isAddressInUse(new Error('listen tcp 127.0.0.1:4000: bind: address already in use'))).toBe(true);
    expect(isAddressInUse(new Error('FerretDB did not become ready in 30000 ms'))).toBe(false);
    expect(isAddressInUse(undefined)).toBe(false);
  });

  it('tries another port when the first was taken meanwhile', async () => {
    const tried: number[] = [];
    const started = await onFreePort(async (port) => {
      tried.push(port);
      if (tried.length === 1) throw inUse;
      return `on ${port}`;
    });
    expect(tried).toHaveLength(2);
    for (const port of tried) expect(port).toBeGreaterThan(0);
    expect(started).toBe(`on ${tried[1]}`);
  });

  it('gives up after five taken ports, and at once on any other failure', async () => {
    /** How many ports `onFreePort` tries when every start fails with `failure` (which it rethrows). */
    const triesFailing = async (failure: Error) => {
      let calls = 0;
      await expect(
        onFreePort(async () => {
          calls++;
          throw failure;
        }),
      ).rejects.toBe(failure);
      return calls;
    };
    expect(await triesFailing(inUse)).toBe(5);
    expect(await triesFailing(new Error('redis-server was not found'))).toBe(1);
  });

  it('uses a port the caller chose as it is, once', async () => {
    const tried: number[] = [];
    await expect(
      onFreePort(async (port) => {
        tried.push(port);
        throw inUse;
      }, 4000),
    ).rejects.toBe(inUse);
    expect(tried).toEqual([4000]);
  });
});
