import type * as lark from '@larksuiteoapi/node-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeLark } from '../../../dev/fake-lark/index.js';
import { createSdkClient } from './sdk-client.helper.js';

describe('fake-lark members, bot info and contacts', () => {
  const fake = createFakeLark({ botName: '督办助手' });
  let client: lark.Client;
  const members = Array.from({ length: 130 }, (_, i) => ({
    openId: `ou_m${String(i).padStart(3, '0')}`,
    name: `成员${i}`,
  }));
  let chatId: string;

  beforeAll(async () => {
    await fake.start();
    client = createSdkClient(fake);
    chatId = fake.createChat({ name: '大群', members });
  });
  afterAll(async () => {
    await fake.stop();
  });

  it('pages through more than 100 members with page_token, has_more and member_total', async () => {
    const seen: string[] = [];
    const pages: number[] = [];
    let pageToken: string | undefined;
    do {
      const res = await client.im.chatMembers.get({
        path: { chat_id: chatId },
        params: { member_id_type: 'open_id', page_size: 50, ...(pageToken ? { page_token: pageToken } : {}) },
      });
      expect(res.code).toBe(0);
      expect(res.data?.member_total).toBe(130);
      pages.push(res.data!.items!.length);
      seen.push(...res.data!.items!.map((item) => item.member_id!));
      pageToken = res.data?.has_more ? res.data.page_token : undefined;
      if (!res.data?.has_more) expect(res.data?.page_token).toBeUndefined();
    } while (pageToken);

    expect(pages).toEqual([50, 50, 30]);
    expect(seen).toEqual(members.map((m) => m.openId));
    expect(seen).not.toContain(fake.botOpenId);
  });

  it('defaults to 20 per page and refuses page_size over 100', async () => {
    const first = await client.im.chatMembers.get({ path: { chat_id: chatId } });
    expect(first.data?.items).toHaveLength(20);
    expect(first.data?.items?.[0]).toEqual({
      member_id_type: 'open_id',
      member_id: 'ou_m000',
      name: '成员0',
      tenant_key: fake.tenantKey,
    });
    const err = await client.im.chatMembers
      .get({ path: { chat_id: chatId }, params: { page_size: 101 } })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ response: { status: 400, data: { code: 99992402 } } });
  });

  it('serves bot info and contact users', async () => {
    const info = await client.request<{ code: number; bot: { open_id: string; app_name: string } }>({
      method: 'GET',
      url: '/open-apis/bot/v3/info',
    });
    expect(info).toMatchObject({
      code: 0,
      bot: { open_id: fake.botOpenId, app_name: '督办助手', activate_status: 2 },
    });

    const user = await client.contact.user.get({
      path: { user_id: 'ou_m007' },
      params: { user_id_type: 'open_id' },
    });
    expect(user.data?.user).toMatchObject({ open_id: 'ou_m007', name: '成员7' });
    const missing = await client.contact.user
      .get({ path: { user_id: 'ou_nobody' }, params: { user_id_type: 'open_id' } })
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ response: { status: 400 } });
  });

  it('the iterator helper walks every page too', async () => {
    const ids: string[] = [];
    for await (const page of await client.im.chatMembers.getWithIterator({
      path: { chat_id: chatId },
      params: { member_id_type: 'open_id', page_size: 100 },
    })) {
      ids.push(...(page?.items ?? []).map((item) => item.member_id!));
    }
    expect(ids).toHaveLength(130);
  });
});
