import { inject } from 'vitest';
import { type ProxyTarget, startTcpProxy, type TcpProxy } from './chaos-tcp-proxy.js';
import { type ChatHarness, PEOPLE, startChatHarness } from './chat-harness.js';

/**
 * A chat harness whose Mongo connection runs through a TCP proxy (`proxy.cutAt`, `proxy.holdAt`),
 * with 税务局's liaison bound; both are closed by `cleanups`.
 */
export async function startBehindMongoProxy(
  cleanups: { add(cleanup: () => Promise<void> | void): void },
  options: { now: string },
): Promise<{ h: ChatHarness; proxy: TcpProxy }> {
  const proxy = await startTcpProxy(serverOf(inject('mongoUri')));
  cleanups.add(() => proxy.stop());
  const h = await startChatHarness({ now: options.now, mongoUri: `mongodb://127.0.0.1:${proxy.port}` });
  cleanups.add(() => h.close());
  await h.bind(PEOPLE.tax, '税务局');
  return { h, proxy };
}

/** The one server a `mongodb://` URI names: a TCP address, or a Unix socket (`mongodb://%2Ftmp%2Fx.sock`). */
function serverOf(uri: string): ProxyTarget {
  const host = decodeURIComponent(/^mongodb:\/\/([^/?]*)/.exec(uri)?.[1] ?? '');
  if (host.startsWith('/')) return { path: host };
  const url = new URL(uri);
  return { host: url.hostname, port: Number(url.port || 27017) };
}
