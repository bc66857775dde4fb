import { describe, expect, it } from 'vitest';
import { authorizeUrl } from '../../../src/cockpit/lark-login.js';

const app = (domain: string) => ({
  appId: 'cli_test',
  appSecret: 'never-in-a-url',
  domain,
  redirectUri: 'https://duban.example.gov.cn/cockpit/login/callback',
});

describe('the authorize page the browser is sent to (获取授权码)', () => {
  it('is on the accounts host beside the API host, with client_id and response_type=code', () => {
    const url = new URL(authorizeUrl(app('https://open.feishu.cn'), 'st4te'));
    expect(`${url.origin}${url.pathname}`).toBe('https://accounts.feishu.cn/open-apis/authen/v1/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'cli_test',
      response_type: 'code',
      redirect_uri: 'https://duban.example.gov.cn/cockpit/login/callback',
      state: 'st4te',
    });
    expect(url.toString()).not.toContain('never-in-a-url');
    expect(new URL(authorizeUrl(app('https://open.larksuite.com'), 's')).origin).toBe(
      'https://accounts.larksuite.com',
    );
  });

  it('stays on a base URL of its own (the fake Lark serves the page and the API)', () => {
    expect(new URL(authorizeUrl(app('http://127.0.0.1:4321'), 's')).origin).toBe('http://127.0.0.1:4321');
  });
});
