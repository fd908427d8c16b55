import { createTheme, localStorageColorSchemeManager, type MantineColorsTuple } from '@mantine/core';

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
  primaryShade: { light: 7, dark: 5 },
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
  },
});

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
