import { useState } from 'react';
import { ActionIcon, Button, Card, Group, HoverCard, Modal, SegmentedControl, SimpleGrid, Table, Text, TextInput, Title, useComputedColorScheme } from '@mantine/core';
import { IconArrowLeft, IconInfoCircle, IconList } from '@tabler/icons-react';
import ReactECharts from 'echarts-for-react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { churnSettings, cohorts, members, metrics, retentionCurve, type Figure, type PeriodQuery } from '../../api/churn';
import { useApi } from '../../api/useApi';
import { formatMoney } from '../../format/money';
import { ErrorNotice, Loading, PageHeader } from '../../shell/Page';
import { label } from './ChurnForm';

type MemberSet = 'start' | 'end' | 'new' | 'lost' | 'preventable' | 'unavoidable';

const SET_OF: Record<string, MemberSet> = { crr: 'end', logo_churn: 'lost', preventable_share: 'preventable', unavoidable_share: 'unavoidable', preventable_rate: 'preventable', unavoidable_rate: 'unavoidable' };

/** formatFigure shows a figure's value in its unit. */
export function formatFigure(f: Figure, currency: string, lang: string): string {
  if (f.value === null || f.value === undefined) return '—';
  if (f.unit === 'money') return formatMoney(f.value, currency, lang);
  if (f.unit === 'percent') return `${f.value.toFixed(1)} %`;
  return String(f.value);
}

function FigureCard({ f, currency, onMembers }: { f: Figure; currency: string; onMembers?: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Card padding="md" data-testid={`figure-${f.key}${currency ? '-' + currency : ''}`}>
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" c="dimmed">
          {t(`figures.${f.key}` as never)}
          {currency ? ` (${currency})` : ''}
        </Text>
        <Group gap={2}>
          <HoverCard width={340} shadow="md" withinPortal>
            <HoverCard.Target>
              <ActionIcon variant="subtle" size="sm" aria-label={t('churn.formula')}>
                <IconInfoCircle size={16} />
              </ActionIcon>
            </HoverCard.Target>
            <HoverCard.Dropdown>
              <Text size="sm" fw={600}>
                {f.formula}
              </Text>
              {Object.entries(f.inputs).map(([k, v]) => (
                <Text key={k} size="xs" c="dimmed">
                  {k} = {v}
                </Text>
              ))}
            </HoverCard.Dropdown>
          </HoverCard>
          {onMembers && (
            <ActionIcon variant="subtle" size="sm" aria-label={t('churn.showAccounts')} onClick={onMembers}>
              <IconList size={16} />
            </ActionIcon>
          )}
        </Group>
      </Group>
      <Text fz={26} fw={700}>
        {formatFigure(f, currency, i18n.language)}
      </Text>
    </Card>
  );
}

/** AnalyticsPage shows why customers leave, how fast, and what it costs — every figure with its formula. */
export function AnalyticsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'en';
  const navigate = useNavigate();
  const dark = useComputedColorScheme('light') === 'dark';
  const today = new Date().toISOString().slice(0, 10);
  const yearAgo = new Date(Date.now() - 365 * 864e5).toISOString().slice(0, 10);
  const [period, setPeriod] = useState<PeriodQuery>({ from: yearAgo, to: today, as_of: today });
  const [groupBy, setGroupBy] = useState<'' | 'segment' | 'plan' | 'channel'>('');
  const [memberSet, setMemberSet] = useState<MemberSet | null>(null);
  const m = useApi(() => metrics(period), [period.from, period.to, period.as_of]);
  const curve = useApi(() => retentionCurve({ as_of: period.as_of, group_by: groupBy || undefined }), [period.as_of, groupBy]);
  const coh = useApi(() => cohorts({ as_of: period.as_of }), [period.as_of]);
  const settings = useApi(() => churnSettings(), []);
  const who = useApi(() => (memberSet ? members({ ...period, set: memberSet }) : Promise.resolve(undefined)), [memberSet, period.from, period.to]);
  const reasonLabel = (key: string) => {
    const r = settings.data?.reasons.find((x) => x.key === key);
    return r ? label(r.labels, lang) : key;
  };
  if (m.error) return <ErrorNotice error={m.error} onRetry={m.reload} />;

  const reasons = m.data?.breakdowns.reason ?? [];
  const reasonsChart = {
    tooltip: { trigger: 'axis' },
    grid: { left: 200, right: 30, top: 20, bottom: 30 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: reasons.map((r) => reasonLabel(r.key)).reverse() },
    series: [{ name: t('churn.lost'), type: 'bar', data: reasons.map((r) => r.count).reverse(), itemStyle: { color: '#e8590c' } }],
  };
  const curveChart = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [...(curve.data?.curves ?? []).map((c) => c.group), ...((curve.data?.curves.length ?? 0) === 1 ? ['95 %'] : [])] },
    grid: { left: 50, right: 20, top: 30, bottom: 40 },
    xAxis: { type: 'value', name: t('churn.tenureDays'), nameLocation: 'middle', nameGap: 25 },
    yAxis: { type: 'value', min: 0, max: 1 },
    series: (curve.data?.curves ?? []).flatMap((c) => {
      const pts = c.points.map((p) => [p.tenure_days, p.survival]);
      const band = c.points.map((p) => [p.tenure_days, p.ci_low, p.ci_high - p.ci_low]);
      const out: object[] = [{ name: c.group, type: 'line', step: 'end', showSymbol: false, data: pts }];
      if ((curve.data?.curves.length ?? 0) === 1) {
        out.push(
          { name: 'low', type: 'line', step: 'end', data: band.map((b) => [b[0], b[1]]), lineStyle: { opacity: 0 }, stack: 'band', symbol: 'none', tooltip: { show: false } },
          { name: '95 %', type: 'line', step: 'end', data: band.map((b) => [b[0], b[2]]), lineStyle: { opacity: 0 }, areaStyle: { opacity: 0.2 }, stack: 'band', symbol: 'none' },
        );
      }
      return out;
    }),
  };

  return (
    <>
      <Button variant="subtle" px={0} mb="sm" leftSection={<IconArrowLeft size={16} />} onClick={() => navigate('/churn')}>
        {t('churn.backToLog')}
      </Button>
      <PageHeader
        title={t('churn.analytics')}
        subtitle={t('churn.analyticsSubtitle')}
        actions={
          <Group gap="xs">
            <TextInput type="date" label={t('churn.from')} value={period.from} onChange={(e) => setPeriod((p) => ({ ...p, from: e.currentTarget.value }))} />
            <TextInput type="date" label={t('churn.to')} value={period.to} onChange={(e) => setPeriod((p) => ({ ...p, to: e.currentTarget.value }))} />
            <TextInput type="date" label={t('churn.asOf')} value={period.as_of} onChange={(e) => setPeriod((p) => ({ ...p, as_of: e.currentTarget.value }))} />
          </Group>
        }
      />
      {!m.data ? (
        <Loading />
      ) : (
        <>
          <Text size="sm" c="dimmed" mb="xs" data-testid="customers">
            {t('churn.customers', { ...m.data.customers })}
          </Text>
          <SimpleGrid cols={{ base: 2, md: 4 }} mb="md">
            {m.data.figures.map((f) => (
              <FigureCard key={f.key} f={f} currency="" onMembers={SET_OF[f.key] ? () => setMemberSet(SET_OF[f.key]!) : undefined} />
            ))}
            <FigureCard f={{ key: 'nps', value: m.data.nps.nps, unit: 'count', formula: m.data.nps.formula, inputs: {} }} currency="" />
            {m.data.revenue.flatMap((r) => r.figures.map((f) => <FigureCard key={r.currency + f.key} f={f} currency={r.currency} />))}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Card>
              <Title order={5} mb="sm">
                {t('churn.byReason')}
              </Title>
              <ReactECharts option={reasonsChart} notMerge theme={dark ? 'dark' : undefined} style={{ height: 320 }} data-testid="reasons-chart" />
              <Table fz="xs" mt="xs" data-testid="reasons-table">
                <Table.Tbody>
                  {reasons.map((r) => (
                    <Table.Tr key={r.key} data-reason={r.key}>
                      <Table.Td>{reasonLabel(r.key)}</Table.Td>
                      <Table.Td ta="right" data-testid={`reason-count-${r.key}`}>
                        {r.count}
                      </Table.Td>
                      <Table.Td ta="right">
                        {Object.entries(r.mrr_lost)
                          .map(([cur, v]) => formatMoney(v, cur, lang))
                          .join(' · ')}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
            <Card>
              <Group justify="space-between" mb="sm">
                <Title order={5}>{t('churn.curve')}</Title>
                <SegmentedControl
                  size="xs"
                  value={groupBy}
                  onChange={(v) => setGroupBy(v as typeof groupBy)}
                  data={[
                    { value: '', label: t('churn.all') },
                    { value: 'segment', label: t('churn.segment') },
                    { value: 'plan', label: t('churn.plan') },
                    { value: 'channel', label: t('churn.channel') },
                  ]}
                />
              </Group>
              <ReactECharts option={curveChart} notMerge theme={dark ? 'dark' : undefined} style={{ height: 320 }} data-testid="retention-curve" />
              <Text size="xs" c="dimmed">
                {curve.data?.formula}
              </Text>
            </Card>
            {(['tenure', 'engagement', 'plan', 'segment'] as const).map((k) => (
              <Card key={k}>
                <Title order={5} mb="sm">
                  {t(`churn.by.${k}`)}
                </Title>
                <Table fz="sm">
                  <Table.Tbody>
                    {m.data!.breakdowns[k].map((s) => (
                      <Table.Tr key={s.key}>
                        <Table.Td>{s.key}</Table.Td>
                        <Table.Td ta="right">{s.count}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Card>
            ))}
          </SimpleGrid>
          <Card mt="md">
            <Title order={5} mb="sm">
              {t('churn.cohorts')}
            </Title>
            <div style={{ overflowX: 'auto' }}>
              <Table fz="xs" withColumnBorders data-testid="cohort-table">
                <Table.Tbody>
                  {(coh.data?.cohorts ?? []).map((c) => (
                    <Table.Tr key={c.month}>
                      <Table.Td fw={600}>{c.month}</Table.Td>
                      <Table.Td c="dimmed">{c.size}</Table.Td>
                      {c.retained.map((v, i) => (
                        <Table.Td key={i} style={{ background: `rgba(12, 122, 118, ${(v / 100) * 0.55})`, textAlign: 'right' }}>
                          {v.toFixed(0)}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          </Card>
        </>
      )}
      <Modal opened={memberSet !== null} onClose={() => setMemberSet(null)} title={t('churn.showAccounts')} size="lg">
        <Text size="sm" c="dimmed" mb="xs">
          {who.data ? t('churn.total', { count: who.data.total }) : ''}
        </Text>
        <Table fz="sm">
          <Table.Tbody>
            {(who.data?.items ?? []).map((x) => (
              <Table.Tr key={`${x.account_id}-${x.from}`} style={{ cursor: 'pointer' }} onClick={() => navigate(`/accounts/${x.account_id}`)}>
                <Table.Td>{x.name}</Table.Td>
                <Table.Td>{x.from}</Table.Td>
                <Table.Td>{x.to ?? ''}</Table.Td>
                <Table.Td>{x.reason ? reasonLabel(x.reason) : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Modal>
    </>
  );
}
