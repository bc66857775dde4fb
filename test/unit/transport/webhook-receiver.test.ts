import { createServer, type Server } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { ListenError } from '../../../src/transport/listen-error.js';
import { createWebhookReceiver } from '../../../src/transport/webhook.app.js';

const silent = createLogger('silent');
const noWork = async () => {};

/** A plain TCP server holding a port on 127.0.0.1. */
async function holdPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

describe('the webhook receiver', () => {
  const held: Server[] = [];
  afterEach(async () => {
    for (const server of held.splice(0)) await new Promise((resolve) => server.close(resolve));
  });

  it('listens on the address it is given and stops', async () => {
    const receiver = createWebhookReceiver(express(), { port: 0, host: '127.0.0.1' }, noWork, silent);
    await receiver.start();
    const port = receiver.port();
    expect(port).toBeGreaterThan(0);
    expect((await fetch(`http://127.0.0.1:${port}/nowhere`)).status).toBe(404);
    await receiver.stop();
    await expect(fetch(`http://127.0.0.1:${port}/nowhere`)).rejects.toThrow();
  });

  it('fails to start, naming the address, when the port is taken (it used to wait for ever)', async () => {
    const { server, port } = await holdPort();
    held.push(server);
    const receiver = createWebhookReceiver(express(), { port, host: '127.0.0.1' }, noWork, silent);
    const failure = await receiver.start().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ListenError);
    expect(failure).toMatchObject({ code: 'EADDRINUSE' });
    expect((failure as Error).message).toBe(
      `cannot listen on 127.0.0.1:${port} (EADDRINUSE): another process listens there: stop it or set PORT to a free port`,
    );
    // Stopping a receiver that never started is harmless.
    await receiver.stop();
  });
});
