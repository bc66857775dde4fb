import pino, { type Logger } from 'pino';
import { safeError } from './safe-error.js';

export type { Logger };

/** Paths whose values never reach a log line (secrets and tokens in any object we log). */
export const REDACT_PATHS = [
  'appSecret',
  'app_secret',
  'encryptKey',
  'encrypt_key',
  'verificationToken',
  'tenant_access_token',
  'token',
  'encrypt',
  'headers.authorization',
  'config.lark.appSecret',
  'config.lark.encryptKey',
  'config.lark.verificationToken',
  '*.appSecret',
  '*.encryptKey',
  '*.verificationToken',
  '*.token',
  '*.headers.authorization',
];

/**
 * The root logger: JSON lines on stdout (or to `destination`), secrets redacted. Errors logged
 * under `err` or `error` (and an error passed alone) go through {@link safeError}: an HTTP or SDK
 * error's request body, headers and raw request never reach a line.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'duban' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: safeError, error: safeError },
    },
    destination,
  );
}
