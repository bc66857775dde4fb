import { describe, expect, it } from 'vitest';
import { LarkApiError } from '../../../src/lark/lark-error.js';
import { safeError } from '../../../src/safe-error.js';

const SECRET = 'app-secret-value';
const TOKEN = 't-g1044abcdefTOKEN';

/** What an axios error of the SDK carries: the request body, headers and the raw request. */
function axiosLikeError(): Error {
  return Object.assign(new Error('Request failed with status code 500'), {
    name: 'AxiosError',
    isAxiosError: true,
    code: 'ERR_BAD_RESPONSE',
    config: {
      method: 'post',
      url: 'https://open.feishu.cn/open-apis/auth/v3/tenant_access_token/internal?x=1',
      data: JSON.stringify({ app_id: 'cli_x', app_secret: SECRET }),
      headers: { Authorization: `Bearer ${TOKEN}` },
    },
    request: { _header: `POST /open-apis/... HTTP/1.1\r\nAuthorization: Bearer ${TOKEN}\r\n`, path: '/x' },
    response: {
      status: 500,
      headers: { 'x-tt-logid': '20230610abc' },
      data: { code: 99991400, msg: 'internal error', error: { log_id: '20230610abc' } },
      config: { data: SECRET },
    },
  });
}

describe('safeError', () => {
  it('keeps status, Lark code and msg, method, path and log id of an HTTP error, and nothing else', () => {
    const safe = safeError(axiosLikeError());
    expect(safe).toEqual({
      type: 'AxiosError',
      message: 'Request failed with status code 500',
      status: 500,
      code: 99991400,
      msg: 'internal error',
      method: 'POST',
      path: '/open-apis/auth/v3/tenant_access_token/internal',
      logId: '20230610abc',
    });
    const text = JSON.stringify(safe);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(TOKEN);
  });

  it('summarises the SDK’s formatErrors list entries and a Lark body', () => {
    const formatted = {
      message: 'Request failed with status code 400',
      config: { data: { app_secret: SECRET }, url: '/open-apis/bot/v3/info', method: 'get' },
      request: { protocol: 'https:', host: 'open.feishu.cn', path: '/open-apis/bot/v3/info', method: 'GET' },
      response: { data: { code: 99991663, msg: 'invalid token' }, status: 400 },
    };
    expect(safeError(formatted)).toMatchObject({
      status: 400,
      code: 99991663,
      path: '/open-apis/bot/v3/info',
    });
    expect(JSON.stringify(safeError(formatted))).not.toContain(SECRET);
    expect(safeError({ code: 230001, msg: 'bad', log_id: 'L1', tenant_access_token: TOKEN })).toEqual({
      code: 230001,
      msg: 'bad',
      logId: 'L1',
    });
  });

  it('keeps type, message, code and stack of other errors, and their cause', () => {
    const lark = new LarkApiError(230002, 'bot not in chat', 400);
    expect(safeError(lark)).toMatchObject({ type: 'LarkApiError', code: 230002, status: 400 });
    const plain = safeError(new Error('boom', { cause: axiosLikeError() }));
    expect(plain.stack).toContain('boom');
    expect(plain.cause).toMatchObject({ status: 500 });
    expect(JSON.stringify(plain)).not.toContain(SECRET);
    expect(safeError('text')).toEqual({ message: 'text' });
  });
});
