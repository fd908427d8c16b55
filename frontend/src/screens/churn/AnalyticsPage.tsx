import { useMemo, useState } from 'react';
import { Card, Group, SegmentedControl, SimpleGrid, Text } from '@mantine/core';
import { churnSettings, cohorts, metrics, retentionCurve, type MemberSet, type PeriodQuery } from '../../api/churn';
import { useApi } from '../../api/useApi';
import { formatDate, formatNumber } from '../../format/money';
import { ErrorNotice, Loading, PageHeader } from '../../shell/Page';
import { ConversionAlert, RatesUsed, setMoneyView, useMoneyView } from '../../shell/Conversion';
import { BreakdownCard, ReasonsCard } from './AnalyticsBreakdowns';
import { CohortCard, CurveCard } from './AnalyticsCurves';
import { KpiCard, MembersModal, SET_OF, figureCards } from './AnalyticsFigures';
import { ChurnTabs } from './ChurnTabs';
import { today } from './ChurnForm';
import { DAYS_PER_MONTH, TENURE_ORDER } from './format';
import { useChurnT } from './i18n';
import { DateField } from '../../shell/DateField';

function shiftDate(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1 + months, d));
  return dt.toISOString().slice(0, 10);
}

/** HOME is the currency picker's value for the portfolio's figures in the home currency. */
const HOME = '__home';

/** AnalyticsPage shows why customers leave, how fast, and what it costs, every figure with its formula and the accounts it counts. */
export function AnalyticsPage() {
  const { tc, t, lang } = useChurnT();
  const now = today();
  const [period, setPeriod] = useState<Required<PeriodQuery>>({ from: shiftDate(now, -12), to: now, as_of: now });
  const [preset, setPreset] = useState('12');
  const [groupBy, setGroupBy] = useState('');
  const [memberSet, setMemberSet] = useState<MemberSet | null>(null);
  const [currency, setCurrency] = useState('');
  const view = useMoneyView();
  const m = useApi(() => metrics(period), [period.from, period.to, period.as_of]);
  const curve = useApi(() => retentionCurve({ as_of: period.as_of, group_by: (groupBy || undefined) as 'segment' | 'plan' | 'channel' | undefined }), [period.as_of, groupBy]);
  const coh = useApi(() => cohorts({ as_of: period.as_of }), [period.as_of]);
  const settings = useApi(() => churnSettings(), []);
  const months = useMemo(() => (Date.parse(period.to) - Date.parse(period.from)) / 864e5 / DAYS_PER_MONTH, [period.from, period.to]);

  const applyPreset = (p: string) => {
    setPreset(p);
    const to = period.to;
    const from = p === 'ytd' ? `${to.slice(0, 4)}-01-01` : shiftDate(to, -Number(p));
    setPeriod((x) => ({ ...x, from }));
  };
  const setDate = (k: keyof PeriodQuery, v: string) => {
    if (!v) return;
    setPreset('');
    setPeriod((x) => ({ ...x, [k]: v }));
  };

  // Money is in the home currency unless the reader asked for one currency (or none is set).
  const homeCur = m.data?.home.conversion.currency ?? '';
  const homeOn = view === 'home' && homeCur !== '';
  const homeIn = homeOn ? homeCur : '';
  const pickCurrency = (v: string) => {
    if (v === HOME) return setMoneyView('home');
    setMoneyView('each');
    setCurrency(v);
  };
  const b = m.data?.breakdowns;
  const tenure = b ? [...b.tenure].sort((x, y) => TENURE_ORDER.indexOf(x.key) - TENURE_ORDER.indexOf(y.key)) : [];
  return (
    <>
      <PageHeader title={tc('analytics.title')} subtitle={tc('analytics.subtitle')} />
      <ChurnTabs value="analytics" />
      <Card mb="md" padding="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <DateField label={tc('log.from')} value={period.from} onChange={(v) => setDate('from', v)} w={150} data-testid="period-from" />
          <DateField label={tc('log.to')} value={period.to} onChange={(v) => setDate('to', v)} w={150} data-testid="period-to" />
          <DateField label={tc('analytics.asOf')} description={undefined} value={period.as_of} onChange={(v) => setDate('as_of', v)} w={150} data-testid="period-as-of" />
          <SegmentedControl
            value={preset}
            onChange={applyPreset}
            data={[
              { value: '3', label: tc('analytics.preset3') },
              { value: '6', label: tc('analytics.preset6') },
              { value: '12', label: tc('analytics.preset12') },
              { value: 'ytd', label: tc('analytics.presetYtd') },
            ]}
          />
          {m.data && (
            <Text size="sm" c="dimmed" ml="auto" data-testid="customers-line">
              {tc('analytics.customers', { ...m.data.customers })}
            </Text>
          )}
        </Group>
      </Card>
      {m.error && <ErrorNotice error={m.error} onRetry={m.reload} />}
      {!m.data && !m.error && <Loading />}
      {m.data && (
        <>
          {homeOn && (m.data.revenue.length > 1 || homeCur !== '') && <ConversionAlert conversion={m.data.home.conversion} />}
          {(m.data.revenue.length > 1 || homeCur !== '') && (
            <Group gap="xs" mb="xs" justify="flex-end">
              <Text size="xs" c="dimmed">
                {tc('analytics.revenueIn')}
              </Text>
              <SegmentedControl
                size="xs"
                value={homeOn ? HOME : currency || m.data.revenue[0]?.currency || HOME}
                onChange={pickCurrency}
                data={[...(homeCur ? [{ value: HOME, label: t('money.view.home', { currency: homeCur }) }] : []), ...m.data.revenue.map((r) => ({ value: r.currency, label: r.currency }))]}
                data-testid="revenue-currency"
              />
            </Group>
          )}
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} mb="md" data-testid="kpi-grid">
            {figureCards(m.data, currency, homeOn).map((c) => (
              <KpiCard
                key={c.id}
                f={c.figure}
                currency={c.currency}
                home={c.home}
                tc={tc}
                lang={lang}
                months={months}
                onMembers={SET_OF[c.figure.key] ? () => setMemberSet(SET_OF[c.figure.key]!) : undefined}
              />
            ))}
          </SimpleGrid>
          {homeOn && m.data.home.revenue && (
            <Group mt={-8} mb="md">
              <RatesUsed conversion={m.data.home.conversion} />
            </Group>
          )}
          <SimpleGrid cols={{ base: 1, lg: 2 }} mb="md">
            <ReasonsCard reasons={b!.reason} settings={settings.data} home={homeIn} />
            {curve.error ? <ErrorNotice error={curve.error} onRetry={curve.reload} /> : <CurveCard curves={curve.data} groupBy={groupBy} onGroupBy={setGroupBy} />}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2, xl: 4 }}>
            <BreakdownCard title={tc('analytics.byTenure')} slices={tenure} name={(k) => tc(`bucket.${k}`, { defaultValue: k })} testId="breakdown-tenure" home={homeIn} />
            <BreakdownCard title={tc('analytics.byEngagement')} slices={b!.engagement} name={(k) => tc(`engagement.${k}`, { defaultValue: k })} testId="breakdown-engagement" home={homeIn} />
            <BreakdownCard title={tc('analytics.byPlan')} slices={b!.plan} name={(k) => k} testId="breakdown-plan" home={homeIn} />
            <BreakdownCard title={tc('analytics.bySegment')} slices={b!.segment} name={(k) => t(`segment.${k}` as never, { defaultValue: k })} testId="breakdown-segment" home={homeIn} />
          </SimpleGrid>
        </>
      )}
      {coh.error ? <ErrorNotice error={coh.error} onRetry={coh.reload} /> : <CohortCard rows={coh.data?.cohorts ?? []} />}
      <Text size="xs" c="dimmed" mt="sm">
        {m.data ? tc('analytics.footnote', { from: formatDate(m.data.from, lang), to: formatDate(m.data.to, lang), asOf: formatDate(m.data.as_of, lang), n: formatNumber(m.data.customers.start, lang) }) : ''}
      </Text>
      <MembersModal set={memberSet} period={period} onSet={setMemberSet} onClose={() => setMemberSet(null)} settings={settings.data} />
    </>
  );
}
