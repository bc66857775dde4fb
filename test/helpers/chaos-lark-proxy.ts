import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Which request to catch, and what to do: hold it before it reaches the fake, hold it after the
 * fake answered, or let the fake answer and drop the connection instead (a lost answer).
 */
export interface HoldRule {
  match: (method: string, path: string, body: string) => boolean;
  stage: 'before-fake' | 'after-fake' | 'drop-answer';
}

/** A proxy in front of the fake Lark that can hold one request, so that a test can kill the caller then. */
export interface LarkProxy {
  url: string;
  /**
   * Resolves once a matching request was caught; a held one is never answered (its caller is to
   * die), a dropped answer's connection is reset.
   */
  hold(rule: HoldRule): Promise<{ method: string; path: string; body: string }>;
  /** Requests forwarded to the fake so far, with their bodies. */
  readonly forwarded: Array<{ method: string; path: string; body: string }>;
  stop(): Promise<void>;
}

interface Pending {
  rule: HoldRule;
  resolve: (held: { method: string; path: string; body: string }) => void;
}

/** Starts a proxy on 127.0.0.1 that forwards everything to `target` (the fake's base URL). */
export async function startLarkProxy(target: string): Promise<LarkProxy> {
  const upstream = new URL(target);
  const holds: Pending[] = [];
  const forwarded: Array<{ method: string; path: string; body: string }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const method = req.method ?? 'GET';
      const path = req.url ?? '/';
      const index = holds.findIndex((h) => h.rule.match(method, path.split('?')[0]!, body.toString()));
      const pending = index >= 0 ? holds.splice(index, 1)[0] : undefined;
      const held = { method, path, body: body.toString() };
      if (pending?.rule.stage === 'before-fake') {
        pending.resolve(held);
        return;
      }
      forward(req, body, (status, headers, answer) => {
        forwarded.push(held);
        if (pending?.rule.stage === 'drop-answer') res.destroy();
        else if (!pending) reply(res, status, headers, answer);
        pending?.resolve(held);
      });
    });
  });

  const forward = (
    req: IncomingMessage,
    body: Buffer,
    done: (status: number, headers: IncomingMessage['headers'], answer: Buffer) => void,
  ) => {
    const out = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host, 'content-length': String(body.length) },
      },
      (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => parts.push(chunk));
        answer.on('end', () => done(answer.statusCode ?? 502, answer.headers, Buffer.concat(parts)));
      },
    );
    out.on('error', () => done(502, {}, Buffer.from('{"code":-1,"msg":"proxy: upstream error"}')));
    out.end(body);
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    forwarded,
    hold: (rule) => new Promise((resolve) => holds.push({ rule, resolve })),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function reply(res: ServerResponse, status: number, headers: IncomingMessage['headers'], body: Buffer): void {
  if (res.destroyed) return;
  const { 'transfer-encoding': _chunked, connection: _connection, ...rest } = headers;
  res.writeHead(status, { ...rest, 'content-length': String(body.length) });
  res.end(body);
}
