import { connect, createServer, type Socket } from 'node:net';

/** Where to cut a connection: before the matching request reaches the server, or once it answered. */
export type CutStage = 'before-server' | 'after-answer';

/** A TCP proxy in front of the Mongo-wire server that drops one connection at a chosen command. */
export interface TcpProxy {
  port: number;
  /**
   * Cuts the connection carrying the next client packet that contains `pattern`; resolves when cut.
   * `after-answer` lets the server run the command and drops its answer (the write happened, the
   * client sees a network error).
   */
  cutAt(pattern: Buffer, stage: CutStage): Promise<void>;
  /**
   * Holds the next client packet that contains `pattern`, and everything after it on that
   * connection, until `release()`: a database that is as slow as the test needs, with no timer.
   * `reached` resolves once the packet is held.
   */
  holdAt(pattern: Buffer): Hold;
  stop(): Promise<void>;
}

export interface Hold {
  reached: Promise<void>;
  release(): void;
}

/** The BSON bytes of a command's first element `{<command>: "<collection>"}` (e.g. insert into reports). */
export function bsonCommand(command: string, collection: string): Buffer {
  const length = Buffer.alloc(4);
  length.writeInt32LE(Buffer.byteLength(collection) + 1);
  return Buffer.concat([
    Buffer.from([0x02]),
    Buffer.from(`${command}\0`),
    length,
    Buffer.from(`${collection}\0`),
  ]);
}

/** Where the proxy forwards to: a TCP address or a Unix socket. */
export type ProxyTarget = { host: string; port: number } | { path: string };

/** Forwards 127.0.0.1:<port> to `target`. */
export async function startTcpProxy(target: ProxyTarget): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const cuts: Array<{ pattern: Buffer; stage: CutStage; done: () => void }> = [];
  const holds: Array<{ pattern: Buffer; reached: () => void; released: Promise<void> }> = [];
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  };
  const server = createServer((client) => {
    const upstream = connect(target);
    track(client);
    track(upstream);
    let cutOnAnswer: (() => void) | undefined;
    // Packets after a held one wait behind it, so the connection keeps its order.
    let queue: Promise<void> = Promise.resolve();
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      const index = cuts.findIndex((c) => chunk.includes(c.pattern));
      const cut = index >= 0 ? cuts.splice(index, 1)[0] : undefined;
      if (cut?.stage === 'before-server') {
        drop();
        cut.done();
        return;
      }
      if (cut) cutOnAnswer = cut.done;
      const holdIndex = holds.findIndex((h) => chunk.includes(h.pattern));
      const hold = holdIndex >= 0 ? holds.splice(holdIndex, 1)[0] : undefined;
      if (hold) {
        hold.reached();
        queue = queue.then(() => hold.released);
      }
      queue = queue.then(() => {
        upstream.write(chunk);
      });
    });
    upstream.on('data', (chunk: Buffer) => {
      if (cutOnAnswer) {
        drop();
        cutOnAnswer();
        return;
      }
      client.write(chunk);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    cutAt: (pattern, stage) => new Promise<void>((done) => cuts.push({ pattern, stage, done })),
    holdAt(pattern) {
      let release = () => {};
      let reached = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      const reachedPromise = new Promise<void>((resolve) => {
        reached = resolve;
      });
      holds.push({ pattern, reached, released });
      return { reached: reachedPromise, release: () => release() };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
