import { Anchor, Card, Group, Paper, Progress, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconAdjustmentsHorizontal, IconChartLine, IconListDetails, IconMoodSmile, IconPencilPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { accountHealth, healthModel, npsSummary } from '../../api/health';
import { useApi } from '../../api/useApi';
import type { AccountPanelProps } from '../../shell/area';
import { ErrorNotice, Loading } from '../../shell/Page';
import { formatDate } from '../../format/money';
import { ClassBadge, TrendBadge } from './badges';
import { Breakdown } from './Breakdown';
import { HealthCharts } from './HealthCharts';
import { NpsSection, NpsValue } from './NpsSection';
import { UsageForm } from './UsageForm';
import { cardState, daysBetween, fmt1, formatSlope, isoDay } from './format';
import { useHealthT } from './i18n';

function Stat({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="xs" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={2}>
        {label}
      </Text>
      {children}
    </Paper>
  );
}

/** HealthPanel shows an account's health on its page: score and band, breakdown, engagement, history and usage charts, payment signals, NPS and manual usage entry. */
export function HealthPanel({ account }: AccountPanelProps) {
  const { ta, lang } = useHealthT();
  const h = useApi(() => accountHealth(account.id), [account.id, account.updated_at]);
  const model = useApi(() => healthModel(), []);
  const nps = useApi(() => npsSummary({ account_id: account.id }), [account.id]);
  const reload = () => {
    h.reload();
    nps.reload();
  };

  const today = isoDay(new Date());
  const card = cardState(account.card_expiry_month, account.card_expiry_year, today);
  const overdueDays = account.overdue_since ? daysBetween(account.overdue_since, today) : null;

  let body: ReactNode;
  if (h.error) body = <ErrorNotice error={h.error} onRetry={h.reload} />;
  else if (!h.data) body = <Loading />;
  else {
    const d = h.data;
    const recency = d.login_recency_days;
    body = (
      <>
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs" mb="md">
          <Stat label={ta('panel.score')}>
            <Group gap="xs" align="center">
              {d.live.class !== 'no_data' && (
                <Text fz={26} fw={700} lh={1.1} data-testid="health-score">
                  {fmt1(d.live.score, lang)}
                </Text>
              )}
              <ClassBadge value={d.live.class} size="lg" testId="health-class" />
            </Group>
            <Text size="xs" c="dimmed">
              {ta('panel.scoreHint')}
            </Text>
          </Stat>
          <Stat label={ta('panel.trend')}>
            <TrendBadge value={d.trend.class} testId="health-trend" />
            <Text size="xs" c="dimmed" mt={4} data-testid="health-slope">
              {formatSlope(d.trend, lang, ta)}
            </Text>
          </Stat>
          <Stat label={ta('panel.loginRecency')} testId="health-login">
            <Text fw={600} c={recency !== null && recency >= 21 ? 'red' : undefined}>
              {recency === null ? ta('panel.neverLogged') : recency <= 0 ? ta('panel.today') : ta('panel.daysAgo', { count: recency })}
            </Text>
            {d.last_login_at && (
              <Text size="xs" c="dimmed">
                {formatDate(d.last_login_at.slice(0, 10), lang)}
              </Text>
            )}
          </Stat>
          <Stat label={ta('panel.seats')} testId="health-seats">
            <Text fw={600}>{d.seat_utilisation_pct === null ? ta('measure.none') : ta('measure.pct', { value: fmt1(d.seat_utilisation_pct, lang) })}</Text>
            <Progress value={Math.min(100, d.seat_utilisation_pct ?? 0)} size="sm" mt={4} aria-hidden />
          </Stat>
          <Stat label={ta('panel.payment')} testId="health-payment">
            {account.payment_status === 'overdue' ? (
              <Text fw={600} c="red">
                {account.overdue_since ? ta('panel.overdueSince', { date: formatDate(account.overdue_since, lang), count: overdueDays ?? 0 }) : ta('panel.overdue')}
              </Text>
            ) : (
              <Text fw={600} c="teal">
                {ta('panel.paid')}
              </Text>
            )}
            <Text size="xs" c={card?.state === 'expired' ? 'red' : card?.state === 'soon' ? 'orange' : 'dimmed'} data-testid="health-card">
              {!card
                ? ta('panel.noCard')
                : card.state === 'expired'
                  ? ta('panel.cardExpired', { date: `${String(account.card_expiry_month).padStart(2, '0')}/${account.card_expiry_year}` })
                  : ta(card.state === 'soon' ? 'panel.cardSoon' : 'panel.cardOk', { date: `${String(account.card_expiry_month).padStart(2, '0')}/${account.card_expiry_year}`, count: card.daysLeft })}
            </Text>
          </Stat>
          <Stat label={ta('nps.accountNps')}>
            <NpsValue summary={nps.data} size={22} testId="account-nps-summary" />
            <Text size="xs" c="dimmed">
              {ta('nps.answers', { count: nps.data?.responses ?? 0 })}
            </Text>
          </Stat>
        </SimpleGrid>
        <Tabs defaultValue="breakdown" keepMounted={false}>
          <Tabs.List mb="sm">
            <Tabs.Tab value="breakdown" leftSection={<IconListDetails size={14} />}>
              {ta('panel.tabBreakdown')}
            </Tabs.Tab>
            <Tabs.Tab value="charts" leftSection={<IconChartLine size={14} />} data-testid="health-tab-charts">
              {ta('panel.tabCharts')}
            </Tabs.Tab>
            <Tabs.Tab value="nps" leftSection={<IconMoodSmile size={14} />} data-testid="health-tab-nps">
              {ta('panel.tabNps')}
            </Tabs.Tab>
            <Tabs.Tab value="usage" leftSection={<IconPencilPlus size={14} />} data-testid="health-tab-usage">
              {ta('panel.tabUsage')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="breakdown">
            <Breakdown score={d.live} />
          </Tabs.Panel>
          <Tabs.Panel value="charts">
            <HealthCharts health={d} model={model.data?.model} />
          </Tabs.Panel>
          <Tabs.Panel value="nps">
            <NpsSection accountId={account.id} answers={d.nps} summary={nps.data} onChanged={reload} />
          </Tabs.Panel>
          <Tabs.Panel value="usage">
            <UsageForm accountId={account.id} health={d} onSaved={reload} />
          </Tabs.Panel>
        </Tabs>
      </>
    );
  }

  return (
    <Card data-testid="health-panel">
      <Group justify="space-between" mb="sm">
        <Title order={5}>{ta('panel.title')}</Title>
        <Anchor component={Link} to="/settings/health-model" size="sm">
          <Group gap={4}>
            <IconAdjustmentsHorizontal size={14} />
            {ta('panel.editModel')}
          </Group>
        </Anchor>
      </Group>
      <Stack gap={0}>{body}</Stack>
    </Card>
  );
}
