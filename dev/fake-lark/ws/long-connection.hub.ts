import type { IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import type { AttemptOutcome } from '../events/delivery.loop.js';
import type { FakeConfig } from '../fake-lark.state.js';
import { randomHex } from '../ids.js';
import { decodeFrame, encodeFrame, headerOf, type PbFrame } from './pbbp2.codec.js';
import { acceptWebSocket, type WebSocketConnection } from './websocket.connection.js';

/** Path of the WebSocket URL handed out by /callback/ws/endpoint. */
export const WS_PATH = '/ws/v2';

/** Lark's ClientConfig (seconds), sent by the endpoint and in every pong. */
const CLIENT_CONFIG = { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 120, ReconnectNonce: 30 };

/** The SDK attaches its message listener only after the handshake settles: wait this long after its first ping. */
const READY_DELAY_MS = 20;

interface Session {
  connection: WebSocketConnection;
  serviceId: number;
  ready: boolean;
  acks: Map<string, (frame: PbFrame) => void>;
}

/** The long-connection side (lark.md §4.4): hands out URLs, accepts WebSockets, answers pings, pushes events. */
export class LongConnectionHub {
  private readonly tickets = new Map<string, number>();
  private readonly sessions = new Set<Session>();
  private readonly readyWaiters = new Set<() => void>();
  private seq = 0;

  constructor(private readonly config: FakeConfig) {}

  /** The `data` of a successful endpoint answer; `service_id` is not first because the SDK parses the whole URL. */
  issueEndpoint(host: string): { URL: string; ClientConfig: typeof CLIENT_CONFIG } {
    const ticket = randomHex(16);
    const serviceId = 100000 + Math.floor(Math.random() * 900000);
    this.tickets.set(ticket, serviceId);
    const query = `fpid=493&aid=552564&device_id=${randomHex(8)}&access_key=${randomHex(16)}&service_id=${serviceId}&ticket=${ticket}`;
    return { URL: `ws://${host}${WS_PATH}?${query}`, ClientConfig: CLIENT_CONFIG };
  }

  /** Handles an HTTP upgrade; returns false when the request is not for the long connection. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://fake-lark');
    if (url.pathname !== WS_PATH) return false;
    const serviceId = this.tickets.get(url.searchParams.get('ticket') ?? '');
    if (serviceId === undefined) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return true;
    }
    const connection = acceptWebSocket(req, socket, head);
    if (!connection) return true;
    const session: Session = { connection, serviceId, ready: false, acks: new Map() };
    this.sessions.add(session);
    connection.on('message', (bytes: Buffer) => this.onFrame(session, bytes));
    connection.on('close', () => this.sessions.delete(session));
    return true;
  }

  /** Clients that have pinged and can receive events. */
  get readyCount(): number {
    return [...this.sessions].filter((s) => s.ready && s.connection.isOpen).length;
  }

  /** Resolves once some client is ready to receive events. */
  waitForClient(timeoutMs = 5000): Promise<void> {
    if (this.readyCount > 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.readyWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(() => {
        this.readyWaiters.delete(done);
        reject(new Error(`fake-lark: no long-connection client within ${timeoutMs} ms`));
      }, timeoutMs);
      this.readyWaiters.add(done);
    });
  }

  /** Pushes one event frame to a random ready client (cluster mode) and waits for its ack. */
  send(json: string): Promise<AttemptOutcome> {
    const ready = [...this.sessions].filter((s) => s.ready && s.connection.isOpen);
    const session = ready[Math.floor(Math.random() * ready.length)];
    if (!session)
      return Promise.resolve({
        status: null,
        latencyMs: 0,
        responseBody: '',
        error: 'no long-connection client',
      });
    const messageId = randomHex(16);
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        session.acks.delete(messageId);
        resolve({ status: null, latencyMs: latency(), responseBody: '', error: 'ack timeout' });
      }, this.config.ackTimeoutMs);
      session.acks.set(messageId, (ack) => {
        clearTimeout(timer);
        resolve({ ...readAck(ack), latencyMs: latency() });
      });
      session.connection.send(
        encodeFrame({
          seqId: ++this.seq,
          logId: this.seq,
          service: session.serviceId,
          method: 1,
          headers: [
            { key: 'type', value: 'event' },
            { key: 'message_id', value: messageId },
            { key: 'sum', value: '1' },
            { key: 'seq', value: '0' },
            { key: 'trace_id', value: randomHex(8) },
          ],
          payload: Buffer.from(json, 'utf8'),
        }),
      );
    });
  }

  /** Drops every connection (used by stop()). */
  closeAll(): void {
    for (const session of this.sessions) session.connection.terminate();
    this.sessions.clear();
  }

  private onFrame(session: Session, bytes: Buffer): void {
    let frame: PbFrame;
    try {
      frame = decodeFrame(bytes);
    } catch {
      return;
    }
    if (frame.method === 0 && headerOf(frame, 'type') === 'ping') {
      session.connection.send(
        encodeFrame({
          seqId: 0,
          logId: 0,
          service: session.serviceId,
          method: 0,
          headers: [{ key: 'type', value: 'pong' }],
          payload: Buffer.from(JSON.stringify(CLIENT_CONFIG)),
        }),
      );
      if (!session.ready) setTimeout(() => this.markReady(session), READY_DELAY_MS);
      return;
    }
    const messageId = headerOf(frame, 'message_id');
    if (frame.method === 1 && messageId) session.acks.get(messageId)?.(frame);
    if (messageId) session.acks.delete(messageId);
  }

  private markReady(session: Session): void {
    session.ready = true;
    for (const done of [...this.readyWaiters]) done();
  }
}

/** An ack payload is `{code, data?}` with data = base64(JSON of the handler's result). */
function readAck(frame: PbFrame): Omit<AttemptOutcome, 'latencyMs'> {
  try {
    const ack = JSON.parse((frame.payload ?? Buffer.alloc(0)).toString('utf8')) as {
      code?: number;
      data?: string;
    };
    const responseBody = ack.data ? Buffer.from(ack.data, 'base64').toString('utf8') : '';
    return { status: typeof ack.code === 'number' ? ack.code : null, responseBody };
  } catch {
    return { status: null, responseBody: '', error: 'unreadable ack payload' };
  }
}
