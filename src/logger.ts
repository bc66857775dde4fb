import pino, { type Logger } from 'pino';

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

/** The root logger: JSON lines on stdout (or to `destination`), secrets redacted. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    { level, base: { app: 'duban' }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    destination,
  );
}
