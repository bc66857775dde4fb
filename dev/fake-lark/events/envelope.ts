import type { FakeConfig } from '../fake-lark.state.js';

/** Builds Lark's v2 event envelope (lark.md §3.1). */
export function buildEnvelope(
  config: FakeConfig,
  eventType: string,
  event: Record<string, unknown>,
  eventId: string,
  createTime: string,
): Record<string, unknown> {
  return {
    schema: '2.0',
    header: {
      event_id: eventId,
      event_type: eventType,
      create_time: createTime,
      token: config.verificationToken,
      app_id: config.appId,
      tenant_key: config.tenantKey,
    },
    event,
  };
}
