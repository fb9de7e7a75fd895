import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY_TIMEOUT_MS, queryTimeoutFromEnv } from './config.ts';

describe('GAOXIN_QUERY_TIMEOUT_MS', () => {
  it('defaults to 30 s and takes milliseconds, 0 for none', () => {
    expect(DEFAULT_QUERY_TIMEOUT_MS).toBe(30_000);
    expect(queryTimeoutFromEnv({})).toBe(30_000);
    expect(queryTimeoutFromEnv({ GAOXIN_QUERY_TIMEOUT_MS: ' ' })).toBe(30_000);
    expect(queryTimeoutFromEnv({ GAOXIN_QUERY_TIMEOUT_MS: '0' })).toBe(0);
    expect(queryTimeoutFromEnv({ GAOXIN_QUERY_TIMEOUT_MS: '120000' })).toBe(120_000);
  });

  it('refuses anything else, naming the variable in both languages', () => {
    for (const bad of ['30s', '-1', '1.5', 'abc', '9999999999']) {
      expect(() => queryTimeoutFromEnv({ GAOXIN_QUERY_TIMEOUT_MS: bad })).toThrow(
        /GAOXIN_QUERY_TIMEOUT_MS 应为毫秒数.*GAOXIN_QUERY_TIMEOUT_MS must be milliseconds/,
      );
    }
  });
});
