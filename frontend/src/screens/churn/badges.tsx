import { Badge, Group, Text } from '@mantine/core';
import { HEALTH_COLOR } from '../../theme';
import type { ChurnT } from './i18n';

/** ENGAGEMENT_COLOR gives each engagement trend class its colour. */
export const ENGAGEMENT_COLOR: Record<string, string> = { rising: 'teal', stable: 'blue', declining: 'orange', inactive: 'red' };

/** PreventableBadge marks a churn as preventable (we could have kept them) or unavoidable. */
export function PreventableBadge({ preventable, tc, short }: { preventable: boolean; tc: ChurnT; short?: boolean }) {
  const text = short ? (preventable ? tc('yes') : tc('no')) : preventable ? tc('preventable') : tc('unavoidable');
  return (
    <Badge color={preventable ? 'orange' : 'gray'} title={preventable ? tc('preventable') : tc('unavoidable')}>
      {text}
    </Badge>
  );
}

/** EngagementBadge shows the engagement trend at churn. */
export function EngagementBadge({ value, tc }: { value: string; tc: ChurnT }) {
  if (!value) return <Text size="sm" c="dimmed">—</Text>;
  return <Badge color={ENGAGEMENT_COLOR[value] ?? 'gray'}>{tc(`engagement.${value}`, { defaultValue: value })}</Badge>;
}

/** HealthBadge shows the frozen health score with its band. */
export function HealthBadge({ score, band, tc }: { score: number | null; band: string; tc: ChurnT }) {
  if (score === null || !band) return <Text size="sm" c="dimmed">—</Text>;
  return (
    <Group gap={6} wrap="nowrap">
      <Badge color={HEALTH_COLOR[band] ?? 'gray'}>{Math.round(score)}</Badge>
      <Text size="xs" c="dimmed">
        {tc(`health.${band}`, { defaultValue: band })}
      </Text>
    </Group>
  );
}
