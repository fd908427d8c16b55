import { Anchor, Card, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useRiskT } from './i18n';

/** RiskSettingsCard links the settings page to the churn-risk model page. */
export function RiskSettingsCard() {
  const { ta } = useRiskT();
  return (
    <Card data-testid="risk-settings-card">
      <Title order={5} mb="xs">
        {ta('settings.title')}
      </Title>
      <Anchor component={Link} to="/settings/risk-model" fw={600} data-testid="link-risk-model">
        {ta('title')}
      </Anchor>
      <Text size="sm" c="dimmed">
        {ta('settings.body')}
      </Text>
    </Card>
  );
}
