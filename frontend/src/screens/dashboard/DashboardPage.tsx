import { useState, type ReactNode } from 'react';
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconDatabaseImport, IconFileImport, IconPlus, IconUsers, type Icon } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { loadDemo, summary } from '../../api/system';
import { useApi } from '../../api/useApi';
import { formatMoney } from '../../format/money';
import { STATUS_COLOR } from '../../theme';
import { STATUSES } from '../../api/types';
import { ErrorNotice, Loading, PageHeader } from '../../shell/Page';
import { ConversionAlert, MoneyViewToggle, RatesUsed, useMoneyView } from '../../shell/Conversion';
import { notifyError, notifySuccess } from '../../shell/notify';
import { dashboardPanels } from './panels';

/** DashboardPage shows the portfolio's counts, or the first-run choices on an empty database. */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const sum = useApi(() => summary(), []);
  const [loading, setLoading] = useState(false);
  const view = useMoneyView();

  const loadSample = async () => {
    setLoading(true);
    try {
      const res = await loadDemo(200, 1);
      notifySuccess(t('dashboard.demoLoaded', { accounts: res.accounts, contacts: res.contacts }));
      sum.reload();
    } catch (err) {
      notifyError(t('dashboard.demoFailed'), err);
    } finally {
      setLoading(false);
    }
  };

  if (sum.error) return <ErrorNotice error={sum.error} onRetry={sum.reload} />;
  if (!sum.data) return <Loading />;
  const s = sum.data;

  if (s.accounts === 0) {
    return (
      <>
        <PageHeader title={t('dashboard.firstRun.title')} subtitle={t('dashboard.firstRun.body')} />
        <SimpleGrid cols={{ base: 1, md: 3 }} data-testid="first-run">
          <FirstRunCard
            icon={IconFileImport}
            color="grape"
            name="import"
            action={
              <Button variant="light" color="grape" onClick={() => navigate('/import')} data-testid="first-run-import">
                {t('dashboard.firstRun.importButton')}
              </Button>
            }
          />
          <FirstRunCard
            icon={IconDatabaseImport}
            name="sample"
            action={
              <Button onClick={loadSample} loading={loading} data-testid="load-demo">
                {t('dashboard.firstRun.sampleButton')}
              </Button>
            }
          />
          <FirstRunCard
            icon={IconPlus}
            color="teal"
            name="add"
            action={
              <Button variant="light" color="teal" onClick={() => navigate('/accounts?new=1')}>
                {t('dashboard.firstRun.addButton')}
              </Button>
            }
          />
        </SimpleGrid>
      </>
    );
  }

  const currencies = Object.entries(s.mrr_by_currency)
    .filter(([, v]) => v !== 0)
    .sort((a, b) => b[1] - a[1]);
  // One figure in the home currency when every currency converts; per currency on request or when one cannot.
  const showHome = view === 'home' && s.mrr_home !== null && currencies.length > 0;
  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        subtitle={t('dashboard.subtitle')}
        actions={
          <Button variant="light" leftSection={<IconUsers size={16} />} onClick={() => navigate('/accounts')}>
            {t('dashboard.viewAccounts')}
          </Button>
        }
      />
      {view === 'home' && (currencies.length > 1 || (currencies.length > 0 && s.conversion.currency !== '')) && <ConversionAlert conversion={s.conversion} />}
      <SimpleGrid cols={{ base: 1, sm: 3 }} mb="lg">
        <Card>
          <Text size="sm" c="dimmed">
            {t('dashboard.accounts')}
          </Text>
          <Text fz={32} fw={700} data-testid="summary-accounts">
            {s.accounts.toLocaleString(i18n.language)}
          </Text>
        </Card>
        <Card data-testid="summary-mrr">
          <Group justify="space-between" gap={4} wrap="wrap" align="flex-start">
            <Text size="sm" c="dimmed">
              {t('dashboard.mrr')}
            </Text>
            {currencies.length > 1 && <MoneyViewToggle home={s.conversion.currency} />}
          </Group>
          {currencies.length === 0 ? (
            <Text c="dimmed">{t('dashboard.noMrr')}</Text>
          ) : showHome ? (
            <Text fz={32} fw={700} data-testid="summary-mrr-home">
              {formatMoney(s.mrr_home ?? 0, s.conversion.currency, i18n.language)}
            </Text>
          ) : (
            <Stack gap={0}>
              {currencies.map(([cur, minor]) => (
                <Text key={cur} fz={currencies.length > 1 ? 20 : 32} fw={700} data-testid={`summary-mrr-${cur}`}>
                  {formatMoney(minor, cur, i18n.language)}
                </Text>
              ))}
            </Stack>
          )}
          {showHome && <RatesUsed conversion={s.conversion} />}
          <Text size="xs" c="dimmed">
            {t('dashboard.mrrNote')}
          </Text>
        </Card>
        <Card>
          <Text size="sm" c="dimmed">
            {t('dashboard.owners')}
          </Text>
          <Text fz={32} fw={700}>
            {s.owners}
          </Text>
        </Card>
      </SimpleGrid>
      <Card>
        <Title order={5} mb="sm">
          {t('dashboard.byStatus')}
        </Title>
        <Group gap="lg">
          {STATUSES.map((st) => (
            <Group key={st} gap={6}>
              <Badge color={STATUS_COLOR[st]} size="lg">
                {t(`status.${st}`)}
              </Badge>
              <Text fw={600}>{s.by_status[st] ?? 0}</Text>
            </Group>
          ))}
        </Group>
      </Card>
      {dashboardPanels.map((Panel, i) => (
        <Panel key={i} />
      ))}
    </>
  );
}

/** FirstRunCard is one way to start on an empty database: import, sample data or a first account. */
function FirstRunCard({ icon: IconCmp, color, name, action }: { icon: Icon; color?: string; name: 'import' | 'sample' | 'add'; action: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Card padding="xl">
      <ThemeIcon size={44} radius="md" variant="light" color={color}>
        <IconCmp size={24} />
      </ThemeIcon>
      <Title order={4} mt="md">
        {t(`dashboard.firstRun.${name}Title`)}
      </Title>
      <Text c="dimmed" size="sm" mt={6} mb="lg">
        {t(`dashboard.firstRun.${name}Body`)}
      </Text>
      {action}
    </Card>
  );
}
