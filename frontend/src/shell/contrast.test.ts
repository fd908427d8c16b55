import { describe, expect, it } from 'vitest';
import { contrastRatio, ensureContrast, mix, parseColor, readableTextOn, relativeLuminance, toHex } from './contrast';

describe('contrast', () => {
  it('reads hex and rgb() colours', () => {
    expect(parseColor('#fff')).toEqual([255, 255, 255]);
    expect(parseColor('#3c5fb3')).toEqual([60, 95, 179]);
    expect(parseColor('rgba(12, 166, 120, 0.62)')).toEqual([12, 166, 120]);
    expect(() => parseColor('teal')).toThrow('not a colour: teal');
  });

  it('computes WCAG luminance and contrast ratios', () => {
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 6);
    expect(relativeLuminance('#000000')).toBe(0);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 6);
    // #777: channel 119/255 → ((0.4667 + 0.055) / 1.055)^2.4 = 0.1845; (1.05) / (0.1845 + 0.05) = 4.48.
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#ffffff', '#777777')).toBeCloseTo(4.48, 2);
    // The old dimmed grey on white, as axe measured it.
    expect(contrastRatio('#868e96', '#ffffff')).toBeCloseTo(3.32, 2);
  });

  it('blends a colour over a background', () => {
    expect(toHex(mix('#ffffff', '#000000', 0.5))).toBe('#808080');
    // A 62 % teal heat-map cell on a white card is #68c8ab.
    expect(toHex(mix('rgb(12, 166, 120)', '#ffffff', 0.62))).toBe('#68c8ab');
  });

  it('picks the text colour that reads best on a background', () => {
    // #68c8ab: L = 0.2126·0.1384 + 0.7152·0.5776 + 0.0722·0.4072 = 0.472 → white 2.01:1, black 10.44:1.
    expect(contrastRatio('#ffffff', '#68c8ab')).toBeCloseTo(2.01, 2);
    expect(readableTextOn('#68c8ab')).toBe('#000000');
    // Pure blue: L = 0.0722 → white 8.59:1, black 2.44:1.
    expect(readableTextOn('#0000ff')).toBe('#ffffff');
    expect(readableTextOn('#ffff00')).toBe('#000000');
    // The mid-grey where both are closest still gives one of them ≥ 4.5.
    for (const bg of ['#757575', '#767676', '#777777', '#787878']) expect(contrastRatio(readableTextOn(bg), bg)).toBeGreaterThanOrEqual(4.5);
  });

  it('darkens or lightens a colour just enough to reach AA', () => {
    expect(ensureContrast('#767676', ['#ffffff'])).toBe('#767676');
    const darker = ensureContrast('#868e96', ['#ffffff', '#f8f9fa']);
    expect(contrastRatio(darker, '#f8f9fa')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(darker, '#f8f9fa')).toBeLessThan(4.8);
    const lighter = ensureContrast('#6c8bd2', ['#2e2e2e']);
    expect(contrastRatio(lighter, '#2e2e2e')).toBeGreaterThanOrEqual(4.5);
    expect(relativeLuminance(lighter)).toBeGreaterThan(relativeLuminance('#6c8bd2'));
  });
});
