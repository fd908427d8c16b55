import { Button, Card, Text, Title } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useOffT } from './i18n';

/** OffboardingSettingsCard links the Settings page to the checklist template editor. */
export function OffboardingSettingsCard() {
  const { ta } = useOffT();
  return (
    <Card data-testid="offboarding-settings-card">
      <Title order={5} mb="xs">
        {ta('settingsCard.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {ta('settingsCard.body')}
      </Text>
      <Button component={Link} to="/settings/offboarding" variant="light" leftSection={<IconChecklist size={16} />} data-testid="offboarding-settings-link">
        {ta('settingsCard.open')}
      </Button>
    </Card>
  );
}
