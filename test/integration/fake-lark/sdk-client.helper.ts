import type * as lark from '@larksuiteoapi/node-sdk';
import type { FakeLark } from '../../../dev/fake-lark/index.js';
import { larkSdk } from '../../../src/lark/sdk.js';

/** The SDK logs every non-2xx answer; tests assert on the errors instead of reading logs. */
export const quietLogger = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  trace: () => undefined,
};

/** A real SDK client pointed at the fake, with its own token cache so tests never share tokens. */
export function createSdkClient(fake: FakeLark, overrides: { appSecret?: string } = {}): lark.Client {
  return new larkSdk.Client({
    appId: fake.appId,
    appSecret: overrides.appSecret ?? fake.appSecret,
    domain: fake.url,
    cache: new larkSdk.DefaultCache(),
    logger: quietLogger,
  });
}

/** Tokens the fake saw on API calls (not the token endpoint), in call order. */
export function bearerTokens(fake: FakeLark): string[] {
  return fake.calls.filter((c) => c.token !== undefined).map((c) => c.token!);
}

/** The parts of the SDK's AxiosError the tests read (axios itself is not a direct dependency). */
export interface SdkHttpError {
  name: string;
  response?: { status: number; data: { code: number; msg: string }; headers: Record<string, string> };
}
