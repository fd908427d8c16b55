import { Button, Card, Group, Text, Title } from '@mantine/core';
import { IconAdjustments, IconAward } from '@tabler/icons-react';
import { Link } from 'react-router';
import { tiers } from '../../api/loyalty';
import { useApi } from '../../api/useApi';
import { useLoyaltyT } from './i18n';

/** LoyaltySettingsCard links the settings page to the tier editor and says how many tiers exist. */
export function LoyaltySettingsCard() {
  const { ta } = useLoyaltyT();
  const list = useApi(() => tiers(), []);
  const names = (list.data?.items ?? []).map((x) => x.name);
  return (
    <Card data-testid="loyalty-settings-card">
      <Group gap="xs" mb="xs">
        <IconAward size={18} />
        <Title order={5}>{ta('settings.title')}</Title>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {names.length ? ta('settings.tiers', { count: names.length, names: names.join(', ') }) : ta('settings.none')}
      </Text>
      <Button variant="light" size="xs" component={Link} to="/loyalty/tiers" leftSection={<IconAdjustments size={14} />}>
        {ta('editTiers')}
      </Button>
    </Card>
  );
}
