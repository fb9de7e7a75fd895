import { describe, expect, it } from 'vitest';
import { atLeast, inUnit, parseAmount, rate, sumAmounts } from './money.ts';

describe('money', () => {
  it('converts units exactly', () => {
    expect(parseAmount('20,000.00', 1e4)).toEqual({ ok: true, value: '200000000.00' });
    expect(parseAmount('19999.99', 1e4)).toEqual({ ok: true, value: '199999900.00' });
    expect(parseAmount('3.5', 1e8)).toEqual({ ok: true, value: '350000000.00' });
    expect(parseAmount(48000.5, 1e4)).toEqual({ ok: true, value: '480005000.00' });
    expect(parseAmount('０.１', 1)).toEqual({ ok: true, value: '0.10' });
    expect(parseAmount(0.1 + 0.2, 1)).toEqual({ ok: false, reason: 'sub_cent' });
  });
  it('refuses what is not an amount', () => {
    expect(parseAmount('12,34', 1)).toMatchObject({ ok: false, reason: 'not_a_number' });
    expect(parseAmount('abc', 1)).toMatchObject({ ok: false });
    expect(parseAmount('-5', 1)).toMatchObject({ ok: false, reason: 'negative' });
    expect(parseAmount('0.001', 1)).toMatchObject({ ok: false, reason: 'sub_cent' });
    expect(parseAmount('0.0000001', 1e4)).toMatchObject({ ok: false, reason: 'sub_cent' });
    expect(parseAmount('0.00001', 1e4)).toEqual({ ok: true, value: '0.10' });
  });
  it('adds to the cent where floats would not', () => {
    expect(sumAmounts(['0.10', '0.20'])).toBe('0.30');
    expect(sumAmounts(['15080000000.00', '0.01', null])).toBe('15080000000.01');
    expect(inUnit('15080000000.00', '亿元')).toBe('150.8');
  });
  it('counts 以上 inclusively', () => {
    expect(atLeast('200000000.00', '200000000')).toBe(true);
    expect(atLeast('199999999.99', '200000000')).toBe(false);
  });
  it('gives 0 for a rate over nothing', () => {
    expect(rate('5', '0')).toBe(0);
    expect(rate('1', '4')).toBe(0.25);
  });
});
