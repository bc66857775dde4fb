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
  const { encryptKey } = options;
  if (encryptKey) {
    if (typeof payload.encrypt !== 'string')
      return { ok: false, status: 400, reason: 'unencrypted body while an Encrypt Key is set' };
    const opened = openEncrypted(payload.encrypt, body as object, headers, { ...options, encryptKey });
    if (!opened.ok) return opened;
    payload = opened.payload;
  }
  const token = (payload.header as { token?: unknown } | undefined)?.token ?? payload.token;
  if (options.verificationToken && token !== options.verificationToken)
    return { ok: false, status: 401, reason: 'wrong verification token' };
  return { ok: true, payload };
}

const SIGNATURE_HEADERS = ['x-lark-request-timestamp', 'x-lark-request-nonce', 'x-lark-signature'];

/**
 * A signed body is verified before it is decrypted, so that nobody without the Encrypt Key learns
 * anything from how a ciphertext decrypts (the answers used to tell "decrypts" from "does not").
 * An unsigned body may only be the console's url_verification challenge (it carries no signature
 * headers); anything else unsigned gets the same 401 whether or not it decrypts.
 */
type KeyedOptions = VerifyOptions & { encryptKey: string };

function openEncrypted(
  encrypted: string,
  body: object,
  headers: Record<string, unknown>,
  options: KeyedOptions,
): Verdict {
  const signed = SIGNATURE_HEADERS.some((name) => headers[name] !== undefined);
  if (signed) {
    const refused = checkSignature(body, headers, options);
    if (refused) return refused;
  }
  let decrypted: unknown;
  try {
    decrypted = JSON.parse(decrypt(encrypted, options.encryptKey));
  } catch {
    decrypted = undefined;
  }
  const isObject = !!decrypted && typeof decrypted === 'object' && !Array.isArray(decrypted);
  const payload = decrypted as Record<string, unknown>;
  if (!signed && !(isObject && payload.type === 'url_verification'))
    return { ok: false, status: 401, reason: 'missing signature headers' };
  // Only a sender holding the key gets here: say what was wrong. (`null` used to throw and answer 500.)
  if (!isObject) return { ok: false, status: 400, reason: 'body does not decrypt to a JSON object' };
  return { ok: true, payload };
}

function checkSignature(
  body: object,
  headers: Record<string, unknown>,
  options: KeyedOptions,
): Verdict | undefined {
  const timestamp = header(headers, 'x-lark-request-timestamp');
  const nonce = header(headers, 'x-lark-request-nonce');
  const given = header(headers, 'x-lark-signature');
  if (!timestamp || !nonce || !given) return { ok: false, status: 401, reason: 'missing signature headers' };
  // The SDK signs over JSON.stringify of the parsed body, and so does Lark in practice (compact JSON).
  const expected = signature(timestamp, nonce, options.encryptKey, JSON.stringify(body));
  if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
    return { ok: false, status: 401, reason: 'bad signature' };
  }
  const age = Math.abs(options.nowSeconds - Number(timestamp));
  if (!Number.isFinite(age) || age > options.maxAgeSeconds)
    return { ok: false, status: 401, reason: 'stale timestamp' };
  return undefined;
}
