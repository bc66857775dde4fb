import { createCipheriv, createHash, randomBytes } from 'node:crypto';

function keyOf(encryptKey: string): Buffer {
  return createHash('sha256').update(encryptKey).digest();
}

/** Lark's event encryption: base64(iv16 || AES-256-CBC(key = sha256(encryptKey), iv, utf8 plaintext)). */
export function encryptEvent(encryptKey: string, plaintext: string): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', keyOf(encryptKey), iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

/** `X-Lark-Signature`: hex(sha256(timestamp + nonce + encryptKey + body)); plain SHA-256, not HMAC. */
export function signEvent(timestamp: string, nonce: string, encryptKey: string, body: string): string {
  return createHash('sha256')
    .update(timestamp + nonce + encryptKey + body)
    .digest('hex');
}
