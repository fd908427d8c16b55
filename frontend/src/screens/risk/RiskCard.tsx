import { Card, Group, List, Text, Title } from '@mantine/core';
import { accountRisk } from '../../api/risk';
import { useApi } from '../../api/useApi';
import type { AccountPanelProps } from '../../shell/area';
import { ErrorNotice, Loading } from '../../shell/Page';
import { factorText, num, pct } from './format';
import { useRiskT } from './i18n';

/** RiskCard shows a live account's churn risk within the horizon, against the portfolio, with the factors behind it. */
export function RiskCard({ account }: AccountPanelProps) {
  const { ta, lang } = useRiskT();
  const r = useApi(() => accountRisk(account.id, lang), [account.id, account.updated_at, lang]);
  const status = r.error?.status;
  if (status === 409 || status === 404) {
    return (
      <Card mt="lg" data-testid="risk-card">
        <Title order={5}>{ta('card.title')}</Title>
        <Text size="sm" c="dimmed" data-testid="risk-card-empty">
          {ta(status === 409 ? 'card.noModel' : 'card.notLive')}
        </Text>
      </Card>
    );
  }
  if (r.error) return <ErrorNotice error={r.error} onRetry={r.reload} />;
  if (!r.data) return <Loading />;
  const d = r.data;
  return (
    <Card mt="lg" data-testid="risk-card">
      <Title order={5} mb="xs">
        {ta('card.title')}
      </Title>
      <Group gap="xl" align="flex-start">
        <div>
          <Text fz={26} fw={700} data-testid="risk-probability">
            {pct(d.probability, lang)} %
          </Text>
          <Text size="sm" c="dimmed" data-testid="risk-relative">
            {ta('card.relative', { r: num(d.relative, lang, 1) })}
          </Text>
        </div>
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {ta('card.expectedLoss')}
          </Text>
          <Text fw={600} data-testid="risk-expected-loss">
            {num(d.expected_loss, lang, 0)}
          </Text>
        </div>
      </Group>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} mt="sm">
        {ta('card.factors')}
      </Text>
      {d.factors.length === 0 ? (
        <Text size="sm">{ta('card.noFactors')}</Text>
      ) : (
        <List size="sm" data-testid="risk-factors">
          {d.factors.map((f) => (
            <List.Item key={f.key + f.value}>{factorText(ta, f, lang)}</List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}
