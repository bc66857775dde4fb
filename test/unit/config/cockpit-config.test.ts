import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../config/index.js';

const valid = {
  MONGODB_URI: 'mongodb://127.0.0.1:27017/duban',
  REDIS_URL: 'redis://127.0.0.1:6379',
  LARK_APP_ID: 'cli_a1b2c3d4e5f60718',
  LARK_APP_SECRET: 'super-secret-value',
  LARK_ENCRYPT_KEY: 'encrypt-key-value',
  LARK_VERIFICATION_TOKEN: 'verification-token-value',
};
const SECRET = 'cockpit-session-secret-0123456789abcdef';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('the cockpit’s configuration', () => {
  it('is off without PUBLIC_BASE_URL', () => {
    expect(loadConfig(valid).cockpit).toBeUndefined();
  });

  it('is on with PUBLIC_BASE_URL and a secret; a trailing slash is dropped', () => {
    const config = loadConfig({
      ...valid,
      PUBLIC_BASE_URL: 'https://duban.example.gov.cn/',
      COCKPIT_SESSION_SECRET: SECRET,
    });
    expect(config.cockpit).toEqual({ publicBaseUrl: 'https://duban.example.gov.cn', sessionSecret: SECRET });
  });

  it('names a missing secret when PUBLIC_BASE_URL is set', () => {
    expect(problemsOf({ ...valid, PUBLIC_BASE_URL: 'https://duban.example.gov.cn' })).toEqual([
      'COCKPIT_SESSION_SECRET is missing (the cockpit is on: PUBLIC_BASE_URL is set)',
    ]);
  });

  it('refuses a short secret and a URL that is not http(s), naming the variable and not the value', () => {
    const problems = problemsOf({
      ...valid,
      PUBLIC_BASE_URL: 'ftp://duban.example.gov.cn',
      COCKPIT_SESSION_SECRET: 'short-secret-value',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^PUBLIC_BASE_URL: expected an http\(s\) URL/),
      'COCKPIT_SESSION_SECRET: expected at least 32 characters',
    ]);
    expect(problems.join('\n')).not.toContain('short-secret-value');
  });
});
