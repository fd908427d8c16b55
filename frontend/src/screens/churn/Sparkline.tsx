import { useMantineTheme } from '@mantine/core';
import { sparklinePath } from './format';

/** Sparkline draws weekly values as a small line, the last point marked; its label lists the values for screen readers. */
export function Sparkline({ values, label, width = 160, height = 36, color }: { values: number[]; label: string; width?: number; height?: number; color?: string }) {
  const theme = useMantineTheme();
  const stroke = color ?? theme.colors.brand?.[6] ?? 'currentColor';
  const d = sparklinePath(values, width, height, 3);
  if (!d) return null;
  const last = d.split(' ').pop()!.slice(1).split(',').map(Number);
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} data-testid="engagement-sparkline">
      <title>{label}</title>
      <path d={d} fill="none" stroke={stroke} strokeWidth={1.75} strokeLinejoin="round" strokeLinecap="round" />
      <circle cx={last[0]} cy={last[1]} r={2.5} fill={stroke} />
    </svg>
  );
}
