import { describe, expect, it } from 'vitest';
import { isValidUscc, usccCheckChar } from './uscc.ts';

describe('USCC check character', () => {
  it('accepts codes whose check character is right', () => {
    expect(isValidUscc('91430100AY4CL12TH4')).toBe(true);
    expect(isValidUscc('914301003BJ1XG6128')).toBe(true);
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
  });
  it('refuses a wrong check character, bad letters and bad lengths', () => {
    expect(isValidUscc('91430100AY4CL12TH5')).toBe(false);
    expect(isValidUscc('91430100AY4CL12TI4')).toBe(false);
    expect(isValidUscc('91430100AY4CL12T')).toBe(false);
  });
  it('computes the check character', () => {
    expect(usccCheckChar('91430100AY4CL12TH')).toBe('4');
  });
});
