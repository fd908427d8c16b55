import { Badge } from '@mantine/core';
import { HEALTH_COLOR } from '../../theme';
import { useHealthT } from './i18n';

/** TREND_COLOR gives every engagement trend class its colour. */
export const TREND_COLOR: Record<string, string> = { rising: 'teal', stable: 'blue', declining: 'orange', inactive: 'red' };

/** ClassBadge shows a health band (good / average / poor), "too little data", or "not scored". */
export function ClassBadge({ value, size = 'md', testId }: { value: string | null | undefined; size?: 'sm' | 'md' | 'lg' | 'xl'; testId?: string }) {
  const { ta } = useHealthT();
  const known = value === 'good' || value === 'average' || value === 'poor' || value === 'no_data';
  return (
    <Badge color={known ? HEALTH_COLOR[value] : 'gray'} size={size} data-testid={testId}>
      {ta(known ? `class.${value}` : 'class.none')}
    </Badge>
  );
}

/** TrendBadge shows an engagement trend class. */
export function TrendBadge({ value, testId }: { value: string | null | undefined; testId?: string }) {
  const { ta } = useHealthT();
  if (!value) return null;
  return (
    <Badge color={TREND_COLOR[value] ?? 'gray'} variant="dot" data-testid={testId}>
      {ta(`trend.${value}`)}
    </Badge>
  );
}
