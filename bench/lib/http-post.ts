import http from 'node:http';
import { performance } from 'node:perf_hooks';

/** The outcome of one POST: HTTP status (0 on a network error) and the time to the full answer. */
export interface PostResult {
  status: number;
  ms: number;
  /** performance.now() when the request was written. */
  sentAt: number;
  error?: string;
}

/** Keep-alive connections, as Lark's pushers reuse them. */
export function createAgent(maxSockets = 256): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets, keepAliveMsecs: 10_000 });
}

/** POSTs `body` and resolves when the answer has been read completely. */
export function post(
  agent: http.Agent,
  url: URL,
  body: string,
  headers: Record<string, string>,
): Promise<PostResult> {
  return new Promise((resolve) => {
    const sentAt = performance.now();
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - sentAt, sentAt }));
      },
    );
    req.on('error', (error) =>
      resolve({ status: 0, ms: performance.now() - sentAt, sentAt, error: error.message }),
    );
    req.end(body);
  });
}
