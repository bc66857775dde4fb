import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';

/** The outcome of checking one webhook delivery. */
export type Verdict =
  | { ok: true; payload: Record<string, unknown> }
  | { ok: false; status: 400 | 401; reason: string };

export interface VerifyOptions {
  encryptKey?: string;
  verificationToken?: string;
  /** Seconds a signed request stays acceptable (replays older than this are refused). */
  maxAgeSeconds: number;
  nowSeconds: number;
}

/** `hex(sha256(timestamp + nonce + encryptKey + body))`, Lark's event signature. */
export function signature(timestamp: string, nonce: string, encryptKey: string, body: string): string {
  return createHash('sha256')
    .update(timestamp + nonce + encryptKey + body)
    .digest('hex');
}

/** Decrypts `{encrypt}`: base64(iv16 ‖ AES-256-CBC(key = sha256(encryptKey))). */
export function decrypt(encrypted: string, encryptKey: string): string {
  const raw = Buffer.from(encrypted, 'base64');
  const key = createHash('sha256').update(encryptKey).digest();
  const decipher = createDecipheriv('aes-256-cbc', key, raw.subarray(0, 16));
  return Buffer.concat([decipher.update(raw.subarray(16)), decipher.final()]).toString('utf8');
}

const header = (headers: Record<string, unknown>, name: string) => {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * Checks what the SDK does not: a missing or wrong signature and a stale timestamp are refused
 * with 401 (the SDK answers 200 and drops them silently), and the Verification Token is compared
 * (the SDK never compares it). Returns the decrypted envelope.
 */
export function verifyDelivery(
  body: unknown,
  headers: Record<string, unknown>,
  options: VerifyOptions,
): Verdict {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return { ok: false, status: 400, reason: 'body is not a JSON object' };
  let payload = body as Record<string, unknown>;
  if (options.encryptKey) {
    if (typeof payload.encrypt !== 'string')
      return { ok: false, status: 400, reason: 'unencrypted body while an Encrypt Key is set' };
    let decrypted: unknown;
    try {
      decrypted = JSON.parse(decrypt(payload.encrypt, options.encryptKey));
    } catch {
      return { ok: false, status: 400, reason: 'body does not decrypt with the Encrypt Key' };
    }
    // `null` here used to throw below and answer 500 (and Lark re-pushes a 500 four times).
    if (!decrypted || typeof decrypted !== 'object' || Array.isArray(decrypted))
      return { ok: false, status: 400, reason: 'decrypted body is not a JSON object' };
    payload = decrypted as Record<string, unknown>;
    // The console's url_verification challenge carries no signature headers.
    if (payload.type !== 'url_verification') {
      const signed = checkSignature(body as object, headers, options);
      if (signed) return signed;
    }
  }
  const token = (payload.header as { token?: unknown } | undefined)?.token ?? payload.token;
  if (options.verificationToken && token !== options.verificationToken)
    return { ok: false, status: 401, reason: 'wrong verification token' };
  return { ok: true, payload };
}

function checkSignature(
  body: object,
  headers: Record<string, unknown>,
  options: VerifyOptions,
): Verdict | undefined {
  const timestamp = header(headers, 'x-lark-request-timestamp');
  const nonce = header(headers, 'x-lark-request-nonce');
  const given = header(headers, 'x-lark-signature');
  if (!timestamp || !nonce || !given) return { ok: false, status: 401, reason: 'missing signature headers' };
  // The SDK signs over JSON.stringify of the parsed body, and so does Lark in practice (compact JSON).
  const expected = signature(timestamp, nonce, options.encryptKey as string, JSON.stringify(body));
  if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
    return { ok: false, status: 401, reason: 'bad signature' };
  }
  const age = Math.abs(options.nowSeconds - Number(timestamp));
  if (!Number.isFinite(age) || age > options.maxAgeSeconds)
    return { ok: false, status: 401, reason: 'stale timestamp' };
  return undefined;
}
