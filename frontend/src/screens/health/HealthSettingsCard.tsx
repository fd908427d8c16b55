import { Anchor, Card, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAdjustmentsHorizontal, IconListCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useHealthT } from './i18n';

/** HealthSettingsCard links the settings page to the health model and the playbooks. */
export function HealthSettingsCard() {
  const { ta } = useHealthT();
  return (
    <Card data-testid="health-settings-card">
      <Title order={5} mb="md">
        {ta('settings.title')}
      </Title>
      <Stack gap="md">
        <Group wrap="nowrap" align="flex-start">
          <ThemeIcon variant="light" size="lg">
            <IconAdjustmentsHorizontal size={18} />
          </ThemeIcon>
          <div>
            <Anchor component={Link} to="/settings/health-model" fw={600} data-testid="link-health-model">
              {ta('settings.model')}
            </Anchor>
            <Text size="sm" c="dimmed">
              {ta('settings.modelBody')}
            </Text>
          </div>
        </Group>
        <Group wrap="nowrap" align="flex-start">
          <ThemeIcon variant="light" size="lg" color="teal">
            <IconListCheck size={18} />
          </ThemeIcon>
          <div>
            <Anchor component={Link} to="/settings/playbooks" fw={600} data-testid="link-playbooks">
              {ta('settings.playbooks')}
            </Anchor>
            <Text size="sm" c="dimmed">
              {ta('settings.playbooksBody')}
            </Text>
          </div>
        </Group>
      </Stack>
    </Card>
  );
}
