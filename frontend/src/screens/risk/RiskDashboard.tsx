import { Anchor, Card, Group, Paper, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { riskScores } from '../../api/risk';
import { useApi } from '../../api/useApi';
import { ErrorNotice, Loading } from '../../shell/Page';
import { money, pct } from './format';
import { useRiskT } from './i18n';

/** RiskDashboard is the dashboard's churn-risk section: expected MRR loss within the horizon and the riskiest accounts, from the forecasts stored today (scored afresh when there are none). It stays out of the way until a model is trained. */
export function RiskDashboard() {
  const { ta, lang } = useRiskT();
  const s = useApi(() => riskScores(5, lang, true), [lang]);
  if (s.error?.status === 409) return null;
  if (s.error) return <ErrorNotice error={s.error} onRetry={s.reload} />;
  if (!s.data) return <Loading />;
  const d = s.data;
  return (
    <Card mt="lg" data-testid="risk-dashboard">
      <Group justify="space-between" mb="sm">
        <Title order={5}>{ta('dashboard.title', { days: d.horizon_days })}</Title>
        <Anchor component={Link} to="/settings/risk-model" size="sm">
          {ta('dashboard.model')}
        </Anchor>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Paper withBorder p="sm">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {ta('dashboard.expectedLoss')}
          </Text>
          <Text fz={22} fw={700} data-testid="risk-expected-loss-total">
            {money(d.expected_loss, d.currency, lang)}
          </Text>
        </Paper>
        <Paper withBorder p="sm">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {ta('dashboard.mean')}
          </Text>
          <Text fz={22} fw={700} data-testid="risk-mean">
            {pct(d.mean_probability, lang)} %
          </Text>
        </Paper>
        <Paper withBorder p="sm">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={4}>
            {ta('dashboard.riskiest')}
          </Text>
          <Table>
            <Table.Tbody>
              {d.items.map((it) => (
                <Table.Tr key={it.account_id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/accounts/${it.account_id}`} size="sm">
                      {it.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right">{pct(it.probability, lang)} %</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      </SimpleGrid>
    </Card>
  );
}
