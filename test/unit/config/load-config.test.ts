import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../config/index.js';

const valid = {
  MONGODB_URI: 'mongodb://127.0.0.1:27017/duban',
  REDIS_URL: 'redis://127.0.0.1:6379',
  LARK_APP_ID: 'cli_a1b2c3d4e5f60718',
  LARK_APP_SECRET: 'super-secret-value',
  LARK_CHAT_ID: 'oc_123',
  LARK_ENCRYPT_KEY: 'encrypt-key-value',
  LARK_VERIFICATION_TOKEN: 'verification-token-value',
};

describe('loadConfig', () => {
  it('parses a webhook configuration with the cycle defaults, frozen', () => {
    const config = loadConfig(valid);
    expect(config.lark).toMatchObject({
      transport: 'webhook',
      domain: 'https://open.feishu.cn',
      webhookPath: '/webhook/event',
    });
    expect(config.cycle).toMatchObject({ reminderDaysOfMonth: [20], deadlineReminderDaysBefore: [7, 1] });
    expect(config.postTimes).toEqual({
      overdue_check: '09:00',
      roll_call: '09:00',
      reminder: '09:00',
      deadline_reminder: '09:00',
      year_end: '09:00',
      bulletin: '10:00',
      rollup_bulletin: '10:00',
    });
    expect(config.postsOff).toEqual([]);
    expect(config.catchUpGraceMs).toBe(12 * 3_600_000);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('takes each post time from its variable and switches posts off by kind', () => {
    const config = loadConfig({ ...valid, BULLETIN_TIME: '16:30', POSTS_OFF: 'year_end, reminder' });
    expect(config.postTimes.bulletin).toBe('16:30');
    expect(config.postTimes.roll_call).toBe('09:00');
    expect(config.postsOff).toEqual(['year_end', 'reminder']);
  });

  it('names a bad post time and an unknown post kind', () => {
    const bad = () => loadConfig({ ...valid, ROLL_CALL_TIME: '9:00', POSTS_OFF: 'weekly' });
    expect(bad).toThrow(/ROLL_CALL_TIME: expected HH:mm, e\.g\. 09:00/);
    expect(bad).toThrow(/POSTS_OFF: unknown post kind weekly; known: overdue_check, roll_call/);
  });

  it('takes the HTTP host from HOST, 0.0.0.0 (the container) by default', () => {
    expect(loadConfig(valid).host).toBe('0.0.0.0');
    expect(loadConfig({ ...valid, HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
  });

  it('names every missing or malformed variable and never prints a value', () => {
    let error: unknown;
    try {
      loadConfig({
        LARK_APP_SECRET: 'super-secret-value',
        LARK_CHAT_ID: 'group-1',
        REMINDER_TIME: '9am',
        MONGODB_URI: 'postgres://x',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of [
      'REDIS_URL is missing',
      'LARK_APP_ID is missing',
      'LARK_CHAT_ID:',
      'REMINDER_TIME:',
      'MONGODB_URI:',
      'LARK_ENCRYPT_KEY is missing',
      'LARK_VERIFICATION_TOKEN is missing',
    ]) {
      expect(message).toContain(name);
    }
    expect(message).not.toContain('super-secret-value');
    expect(message).not.toContain('postgres://x');
  });

  it('needs no Encrypt Key for the long connection, and accepts a custom domain and lists', () => {
    const { LARK_ENCRYPT_KEY: _k, LARK_VERIFICATION_TOKEN: _t, ...rest } = valid;
    const config = loadConfig({
      ...rest,
      LARK_TRANSPORT: 'ws',
      LARK_DOMAIN: 'http://127.0.0.1:9300/',
      OFFICE_ADMIN_OPEN_IDS: 'ou_a, ou_b',
      DEADLINE_REMINDER_DAYS_BEFORE: '3',
      BOT_NOW: '2023-05-19T09:00:00+08:00',
    });
    expect(config.lark).toMatchObject({ transport: 'ws', domain: 'http://127.0.0.1:9300' });
    expect(config.officeAdminOpenIds).toEqual(['ou_a', 'ou_b']);
    expect(config.cycle.deadlineReminderDaysBefore).toEqual([3]);
    expect(config.botNow?.toISOString()).toBe('2023-05-19T01:00:00.000Z');
  });

  it('treats an empty value as unset and rejects an unknown transport', () => {
    expect(loadConfig({ ...valid, BOT_NOW: '', PLAN_OVERLAY: '' }).botNow).toBeUndefined();
    expect(() => loadConfig({ ...valid, LARK_TRANSPORT: 'carrier-pigeon' })).toThrow(/LARK_TRANSPORT/);
  });
});
