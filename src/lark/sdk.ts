import { createRequire } from 'node:module';
import type * as LarkSdk from '@larksuiteoapi/node-sdk';

/**
 * The Lark SDK, loaded with `require`. It is one 6 MB CommonJS file: through `import`, Node first
 * scans all of it for its export names, which made loading it take 600 ms of CPU instead of 200 at
 * every start of the bot, the worker and each test worker. Types: `import type * as lark from
 * '@larksuiteoapi/node-sdk'`.
 */
export const larkSdk: typeof LarkSdk = createRequire(import.meta.url)('@larksuiteoapi/node-sdk');
