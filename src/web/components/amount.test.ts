import { describe, expect, it } from 'vitest';
import { formatAmount, formatRate, shiftDown, toYuan } from './amount.ts';

describe('amounts for display', () => {
  it('shows 元 in 万元 and 亿元 exactly, rounding half up', () => {
    expect(formatAmount('22089990000.00', 'wan')).toBe('2,208,999.00');
    expect(formatAmount('22089990000.00', 'yi')).toBe('220.90');
    expect(formatAmount('15080000000.00', 'yi')).toBe('150.80');
    expect(formatAmount('49999.99', 'wan')).toBe('5.00');
    expect(formatAmount('49.99', 'wan')).toBe('0.00');
    expect(formatAmount('50', 'wan', 4)).toBe('0.0050');
    expect(formatAmount('0.00', 'yi')).toBe('0.00');
    expect(formatAmount('1234567.891', 'yuan')).toBe('1,234,567.89');
    // Digits beyond a double's precision stay exact.
    expect(formatAmount('123456789012345678.99', 'wan')).toBe('12,345,678,901,234.57');
  });

  it('keeps a negative sign and passes through what is not a number', () => {
    expect(shiftDown('-12345', 4)).toBe('-1.23');
    expect(formatAmount('abc')).toBe('abc');
    expect(formatAmount(null)).toBe('');
  });

  it('turns what a user typed in 万元 into 元 with two decimals, refusing finer than 分', () => {
    expect(toYuan('123.4567', 'wan')).toBe('1234567.00');
    expect(toYuan('1,200.5', 'wan')).toBe('12005000.00');
    expect(toYuan('0.000001', 'wan')).toBe('0.01');
    expect(toYuan('0.0000001', 'wan')).toBeNull();
    expect(toYuan('0.00000100', 'wan')).toBe('0.01');
    expect(toYuan('-1', 'wan')).toBeNull();
    expect(toYuan('1e5', 'wan')).toBeNull();
    expect(toYuan(80, 'wan')).toBe('800000.00');
    expect(toYuan('2.5', 'yi')).toBe('250000000.00');
  });

  it('formats a rate the API computed', () => {
    expect(formatRate(0.8330501187917185)).toBe('83.3%');
    expect(formatRate(-0.0833, 1)).toBe('-8.3%');
    expect(formatRate(null)).toBe('—');
  });
});
