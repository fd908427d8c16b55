import { Badge } from '@mantine/core';
import { IconArrowDownRight, IconArrowUpRight } from '@tabler/icons-react';
import { useLoyaltyT } from './i18n';

/** TIER_COLORS are the Mantine colours a tier can wear. */
export const TIER_COLORS = ['gray', 'yellow', 'orange', 'cyan', 'indigo', 'grape', 'teal', 'pink'] as const;

/** TierBadge shows a tier's name in its colour, or "No tier". */
export function TierBadge({ name, color, size = 'sm' }: { name: string; color?: string; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const { ta } = useLoyaltyT();
  if (!name) {
    return (
      <Badge variant="outline" color="gray" size={size} style={{ minWidth: 'max-content' }}>
        {ta('noTier')}
      </Badge>
    );
  }
  return (
    <Badge variant="light" color={color || 'indigo'} size={size} style={{ minWidth: 'max-content' }}>
      {name}
    </Badge>
  );
}

/** DirectionIcon is an arrow up (green) or down (red) for a tier move. */
export function DirectionIcon({ direction }: { direction: string }) {
  return direction === 'up' ? (
    <IconArrowUpRight size={16} color="var(--mantine-color-teal-6)" aria-hidden />
  ) : (
    <IconArrowDownRight size={16} color="var(--mantine-color-red-6)" aria-hidden />
  );
}
