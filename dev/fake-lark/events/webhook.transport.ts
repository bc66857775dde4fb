import { randomUUID } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import type { FakeConfig } from '../fake-lark.state.js';
import { randomHex } from '../ids.js';
import type { AttemptOutcome } from './delivery.loop.js';
import { encryptEvent, signEvent } from './lark-crypto.js';

/** POSTs events like Lark: compact JSON, encrypted and signed when an encryptKey is set, 200 within ackTimeoutMs. */
export class WebhookTransport {
  private readonly aborts = new Set<AbortController>();
  /**
   * Connections of this fake only, dropped at stop: with the process-wide pool of `fetch`, a fake could
   * reuse a kept-alive socket to a server an earlier test closed (tests share a process), and an
   * event then needed a second attempt.
   */
  private readonly agents = {
    http: new HttpAgent({ keepAlive: true }),
    https: new HttpsAgent({ keepAlive: true }),
  };

  constructor(private readonly config: FakeConfig) {}

  /** The exact body to POST: compact JSON, because the SDK re-stringifies before checking the signature. */
  wrap(plain: Record<string, unknown>): string {
    const json = JSON.stringify(plain);
    return this.config.encryptKey
      ? JSON.stringify({ encrypt: encryptEvent(this.config.encryptKey, json) })
      : json;
  }

  /** One signed POST (a fresh timestamp and nonce per attempt, like a real re-push). */
  send(url: string, body: string, tamper?: 'signature' | 'timestamp'): Promise<AttemptOutcome> {
    return this.post(url, body, this.signatureHeaders(body, tamper));
  }

  /** Sends a url_verification challenge (encrypted when a key is set, unsigned). */
  async challenge(url: string): Promise<{ challenge: string; outcome: AttemptOutcome }> {
    const challenge = randomUUID();
    const plain = { challenge, token: this.config.verificationToken, type: 'url_verification' };
    return { challenge, outcome: await this.post(url, this.wrap(plain), {}) };
  }

  /** Aborts in-flight POSTs and closes the connections (used by stop()). */
  abortAll(): void {
    for (const abort of this.aborts) abort.abort(new Error('fake-lark stopped'));
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private signatureHeaders(body: string, tamper?: 'signature' | 'timestamp'): Record<string, string> {
    // Signed with the wall clock, like Lark: a receiver checks freshness against real time even when
    // the fake's (and the bot's) clock has been moved for a simulation.
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomHex(8);
    let signature = signEvent(timestamp, nonce, this.config.encryptKey, body);
    if (tamper === 'signature') signature = `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`;
    // An hour-old timestamp that was not part of the signature: the hash no longer matches.
    const sentTimestamp = tamper === 'timestamp' ? String(Number(timestamp) - 3600) : timestamp;
    return {
      'x-lark-request-timestamp': sentTimestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': signature,
    };
  }

  private async post(url: string, body: string, headers: Record<string, string>): Promise<AttemptOutcome> {
    const abort = new AbortController();
    this.aborts.add(abort);
    const timer = setTimeout(() => abort.abort(new Error('ack timeout')), this.config.ackTimeoutMs);
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    try {
      const { status, responseBody } = await this.request(url, body, headers, abort.signal);
      return { status, latencyMs: latency(), responseBody };
    } catch (err) {
      const reason = abort.signal.aborted ? String((abort.signal.reason as Error)?.message) : String(err);
      return { status: null, latencyMs: latency(), responseBody: '', error: reason };
    } finally {
      clearTimeout(timer);
      this.aborts.delete(abort);
    }
  }

  /** One POST over this fake's own connections; the status and the whole response body. */
  private request(
    url: string,
    body: string,
    headers: Record<string, string>,
    signal: AbortSignal,
  ): Promise<{ status: number; responseBody: string }> {
    const https = url.startsWith('https:');
    const send = https ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        url,
        {
          method: 'POST',
          agent: https ? this.agents.https : this.agents.http,
          signal,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'user-agent': 'fake-lark',
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, responseBody: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}
