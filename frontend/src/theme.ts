import {
  createTheme,
  DEFAULT_THEME,
  localStorageColorSchemeManager,
  mergeThemeOverrides,
  type CSSVariablesResolver,
  type MantineColorsTuple,
  type MantineThemeOverride,
} from '@mantine/core';
import { ensureContrast } from './shell/contrast';

// A calm slate-blue for primary actions; status colours carry the meaning.
const brand: MantineColorsTuple = [
  '#eef3ff',
  '#dce4f5',
  '#b6c6e9',
  '#8ea6dd',
  '#6c8bd2',
  '#5779cc',
  '#4b70ca',
  '#3c5fb3',
  '#3354a1',
  '#24488f',
];

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: { light: 7, dark: 6 },
  colors: { brand },
  defaultRadius: 'md',
  fontFamily:
    'Inter, "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
  components: {
    Card: { defaultProps: { withBorder: true, shadow: 'xs', radius: 'md' } },
    Paper: { defaultProps: { radius: 'md' } },
    Badge: { defaultProps: { variant: 'light', radius: 'sm' } },
    Modal: { defaultProps: { centered: true, overlayProps: { backgroundOpacity: 0.45, blur: 2 } } },
    // A table that scrolls sideways can be scrolled with the keyboard too.
    TableScrollContainer: { defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } } },
  },
});

// Surfaces text sits on: body, cards and table stripes in each scheme.
const LIGHT_SURFACES = ['#ffffff', DEFAULT_THEME.colors.gray[0], DEFAULT_THEME.colors.gray[1]];
const DARK_SURFACES = [DEFAULT_THEME.colors.dark[7], DEFAULT_THEME.colors.dark[6], DEFAULT_THEME.colors.dark[5]];

/**
 * cssVariablesResolver keeps every text colour of the theme at WCAG AA
 * (4.5:1) on the surfaces it is drawn on: secondary (dimmed) text, links,
 * coloured text (c="teal"), light and outline badges, alerts and buttons. Each colour
 * stays the theme's own hue, only darkened (light mode) or lightened (dark
 * mode) as far as the contrast needs.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const light: Record<string, string> = {
    '--mantine-color-dimmed': ensureContrast(t.colors.gray[6], LIGHT_SURFACES),
    '--mantine-color-anchor': ensureContrast(t.colors.brand![7], LIGHT_SURFACES),
  };
  const dark: Record<string, string> = {
    '--mantine-color-dimmed': ensureContrast(t.colors.dark[2], DARK_SURFACES),
    '--mantine-color-anchor': ensureContrast(t.colors.brand![4], DARK_SURFACES),
  };
  for (const [name, shades] of Object.entries(t.colors)) {
    if (name === 'dark') continue;
    light[`--mantine-color-${name}-text`] = ensureContrast(shades[7], LIGHT_SURFACES);
    light[`--mantine-color-${name}-light-color`] = ensureContrast(shades[9], ['#ffffff', shades[1], shades[2]]);
    light[`--mantine-color-${name}-outline`] = ensureContrast(shades[7], LIGHT_SURFACES);
    dark[`--mantine-color-${name}-text`] = ensureContrast(shades[4], DARK_SURFACES);
  }
  return { variables: {}, light, dark };
};

/** withTexts adds the theme's translated texts: labels of icon-only buttons inside Mantine components. */
export function withTexts(t: (key: 'a11y.eyeDropper') => string): MantineThemeOverride {
  return mergeThemeOverrides(theme, {
    components: { ColorInput: { defaultProps: { eyeDropperButtonProps: { 'aria-label': t('a11y.eyeDropper') } } } },
  });
}

export const THEME_STORAGE_KEY = 'churndesk.theme';
export const colorSchemeManager = localStorageColorSchemeManager({ key: THEME_STORAGE_KEY });

/** STATUS_COLOR gives every lifecycle status its badge colour. */
export const STATUS_COLOR: Record<string, string> = {
  trial: 'grape',
  onboarding: 'blue',
  active: 'teal',
  churned: 'red',
};

/** HEALTH_COLOR gives every health band its colour. */
export const HEALTH_COLOR: Record<string, string> = {
  good: 'teal',
  average: 'yellow',
  poor: 'red',
  no_data: 'gray',
};
