import { describe, expect, it } from 'vitest';
import { formatMoney, majorToMinor, minorToMajor } from './money';

describe('money', () => {
  it('converts between major and minor units per currency', () => {
    expect(majorToMinor(499.99, 'EUR')).toBe(49999);
    expect(majorToMinor(-0.015, 'EUR')).toBe(-2);
    expect(majorToMinor(1500, 'JPY')).toBe(1500);
    expect(minorToMajor(49900, 'PLN')).toBe(499);
  });
  it('formats in the interface language', () => {
    expect(formatMoney(49900, 'EUR', 'en')).toBe('€499.00');
    expect(formatMoney(1234567, 'PLN', 'pl').replace(/\s/g, ' ')).toBe('12 345,67 zł');
  });
});
