import { describe, expect, it } from 'vitest';
import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { contrastRatio } from './shell/contrast';
import { cssVariablesResolver, theme } from './theme';

const full = mergeMantineTheme(DEFAULT_THEME, theme);
const vars = cssVariablesResolver(full);

describe('theme text colours', () => {
  it('makes dimmed text and links AA on every surface', () => {
    expect(vars.light['--mantine-color-dimmed']).not.toBe(DEFAULT_THEME.colors.gray[6]);
    for (const bg of ['#ffffff', '#f8f9fa', '#f1f3f5']) {
      expect(contrastRatio(vars.light['--mantine-color-dimmed']!, bg)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(vars.light['--mantine-color-anchor']!, bg)).toBeGreaterThanOrEqual(4.5);
    }
    for (const bg of ['#242424', '#2e2e2e', '#3b3b3b']) {
      expect(contrastRatio(vars.dark['--mantine-color-dimmed']!, bg)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(vars.dark['--mantine-color-anchor']!, bg)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('keeps light badges readable: text on its own tint', () => {
    for (const name of ['teal', 'yellow', 'orange', 'red', 'grape', 'blue', 'brand', 'gray']) {
      const c = full.colors[name]!;
      expect(contrastRatio(vars.light[`--mantine-color-${name}-light-color`]!, c[1])).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(vars.light[`--mantine-color-${name}-text`]!, '#ffffff')).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(vars.light[`--mantine-color-${name}-outline`]!, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    }
    // Shades that already pass are kept as they are: brand 9 on brand 1 and 2.
    expect(vars.light['--mantine-color-brand-light-color']).toBe(full.colors.brand![9]);
  });

  it('gives white button text 4.5:1 on the primary colour in both schemes', () => {
    expect(contrastRatio('#ffffff', full.colors.brand![7])).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio('#ffffff', full.colors.brand![6])).toBeGreaterThanOrEqual(4.5);
  });
});
