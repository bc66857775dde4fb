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
  stop(): Promise<void>;
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

/** Forwards 127.0.0.1:<port> to `target` (`host:port`). */
export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const cuts: Array<{ pattern: Buffer; stage: CutStage; done: () => void }> = [];
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  };
  const server = createServer((client) => {
    const upstream = connect(targetPort, targetHost);
    track(client);
    track(upstream);
    let cutOnAnswer: (() => void) | undefined;
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
      upstream.write(chunk);
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
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
