import { Anchor, Card, Group, Paper, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { IconAdjustmentsHorizontal } from '@tabler/icons-react';
import { Link } from 'react-router';
import { HEALTH_CLASSES, healthOverview, npsSummary } from '../../api/health';
import { useApi } from '../../api/useApi';
import { formatMoney } from '../../format/money';
import { HEALTH_COLOR } from '../../theme';
import { ErrorNotice, Loading } from '../../shell/Page';
import { RatesUsed, useMoneyView } from '../../shell/Conversion';
import { ClassBadge, TrendBadge } from './badges';
import { fmt1, isoDay } from './format';
import { NpsValue } from './NpsSection';
import { useHealthT } from './i18n';

/** moneyLines writes per-currency sums, largest first. */
function moneyLines(m: Record<string, number> | undefined, lang: string): string[] {
  return Object.entries(m ?? {})
    .filter(([, v]) => v !== 0)
    .sort((a, b) => b[1] - a[1])
    .map(([cur, v]) => formatMoney(v, cur, lang));
}

const yearAgo = () => {
  const d = new Date();
  d.setFullYear(d.getFullYear() - 1);
  return isoDay(d);
};

/** HealthDashboard is the dashboard's health section: accounts and MRR per band, MRR at risk, portfolio NPS and the at-risk accounts. */
export function HealthDashboard() {
  const { ta, lang } = useHealthT();
  const ov = useApi(() => healthOverview(), []);
  const view = useMoneyView();
  const nps = useApi(() => npsSummary({ from: yearAgo(), to: isoDay(new Date()) }), []);

  if (ov.error) return <ErrorNotice error={ov.error} onRetry={ov.reload} />;
  if (!ov.data) return <Loading />;
  const o = ov.data;
  // In the home-currency view a band's MRR is one converted figure; per currency when asked or when a rate is missing.
  const home = o.conversion.currency;
  const inHome = (v: number | null | undefined): string[] | null => (view === 'home' && v !== null && v !== undefined && home ? (v ? [formatMoney(v, home, lang)] : []) : null);
  const atRisk = inHome(o.mrr_at_risk_home) ?? moneyLines(o.mrr_at_risk, lang);
  const bandLines = (c: string) => inHome(o.mrr_by_band_home?.[c]) ?? moneyLines(o.mrr_by_band?.[c], lang);
  return (
    <Card mt="lg" data-testid="health-dashboard">
      <Group justify="space-between" mb="sm">
        <Title order={5}>{ta('dashboard.title')}</Title>
        <Anchor component={Link} to="/settings/health-model" size="sm">
          <Group gap={4}>
            <IconAdjustmentsHorizontal size={14} />
            {ta('panel.editModel')}
          </Group>
        </Anchor>
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm">
        {HEALTH_CLASSES.map((c) => (
          <Paper key={c} withBorder p="sm" style={{ borderLeft: `4px solid var(--mantine-color-${HEALTH_COLOR[c]}-6)` }} data-testid={`band-${c}`}>
            <ClassBadge value={c} />
            <Text fz={28} fw={700} mt={4} data-testid={`band-count-${c}`}>
              {o[c].toLocaleString(lang)}
            </Text>
            <Text size="xs" c="dimmed">
              {ta('dashboard.accounts', { count: o[c] })}
            </Text>
            {(bandLines(c).length ? bandLines(c) : [ta('dashboard.noMrr')]).map((l) => (
              <Text key={l} size="sm" fw={500}>
                {l}
              </Text>
            ))}
          </Paper>
        ))}
        <Paper withBorder p="sm" data-testid="mrr-at-risk">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {ta('dashboard.mrrAtRisk')}
          </Text>
          {atRisk.length === 0 ? (
            <Text fz={22} fw={700} c="teal">
              {ta('dashboard.nothingAtRisk')}
            </Text>
          ) : (
            atRisk.map((l) => (
              <Text key={l} fz={atRisk.length > 1 ? 18 : 22} fw={700} c="red">
                {l}
              </Text>
            ))
          )}
          <Text size="xs" c="dimmed">
            {ta('dashboard.mrrAtRiskHint')}
          </Text>
          {view === 'home' && !!o.mrr_at_risk_home && <RatesUsed conversion={o.conversion} />}
          {o.unscored > 0 && (
            <Text size="xs" c="dimmed" mt={4}>
              {ta('dashboard.unscored', { count: o.unscored })}
            </Text>
          )}
          {o.no_data > 0 && (
            <Text size="xs" c="dimmed" mt={4} data-testid="band-no-data">
              {ta('dashboard.noData', { count: o.no_data })}
            </Text>
          )}
        </Paper>
        <Paper withBorder p="sm" data-testid="portfolio-nps">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {ta('dashboard.nps')}
          </Text>
          <NpsValue summary={nps.data} testId="portfolio-nps-value" />
          <Text size="xs" c="dimmed">
            {ta('dashboard.npsHint', { count: nps.data?.responses ?? 0 })}
          </Text>
        </Paper>
      </SimpleGrid>
      <Title order={6} mt="md" mb={4}>
        {ta('dashboard.atRisk')}
      </Title>
      {o.at_risk.length === 0 ? (
        <Text size="sm" c="dimmed">
          {ta('dashboard.atRiskNone')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table fz="sm" highlightOnHover verticalSpacing={6} data-testid="at-risk-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{ta('dashboard.colAccount')}</Table.Th>
                <Table.Th>{ta('dashboard.colOwner')}</Table.Th>
                <Table.Th ta="right">{ta('dashboard.colScore')}</Table.Th>
                <Table.Th>{ta('dashboard.colEngagement')}</Table.Th>
                <Table.Th ta="right">{ta('dashboard.colMrr')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {o.at_risk.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/accounts/${a.id}`} size="sm" fw={500}>
                      {a.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{a.owner || '—'}</Table.Td>
                  <Table.Td ta="right">{a.health_score === null ? '—' : fmt1(a.health_score, lang)}</Table.Td>
                  <Table.Td>
                    <TrendBadge value={a.engagement_class} />
                  </Table.Td>
                  <Table.Td ta="right">{formatMoney(a.mrr, a.currency, lang)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
