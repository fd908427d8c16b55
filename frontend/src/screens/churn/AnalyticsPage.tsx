import { useMemo, useState } from 'react';
import {
  ActionIcon,
  Anchor,
  Button,
  Card,
  Code,
  Group,
  Modal,
  Popover,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
  useComputedColorScheme,
} from '@mantine/core';
import { IconInfoCircle, IconUsers } from '@tabler/icons-react';
import ReactECharts from 'echarts-for-react';
import { Link, useNavigate } from 'react-router';
import {
  MEMBER_SETS,
  churnSettings,
  cohorts,
  members,
  metrics,
  retentionCurve,
  type ChurnSettings,
  type Curves,
  type Figure,
  type MemberSet,
  type Metrics,
  type PeriodQuery,
  type Slice,
} from '../../api/churn';
import { useApi } from '../../api/useApi';
import { formatDate, formatMoney, formatNumber, minorToMajor } from '../../format/money';
import { ErrorNotice, Loading, PageHeader } from '../../shell/Page';
import { ChurnTabs } from './ChurnTabs';
import { today } from './ChurnForm';
import { DAYS_PER_MONTH, TENURE_ORDER, formatFigure, formatInput, formatPercent, reasonLabel, substitution } from './format';
import { useChurnT, type ChurnT } from './i18n';

function shiftDate(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1 + months, d));
  return dt.toISOString().slice(0, 10);
}

/** SET_OF names the customer set each figure counts, for "show accounts". */
const SET_OF: Record<string, MemberSet> = {
  crr: 'end',
  logo_churn: 'lost',
  preventable_share: 'preventable',
  unavoidable_share: 'unavoidable',
  gross_revenue_churn: 'lost',
  grr: 'lost',
  nrr: 'start',
  clv: 'start',
};

interface CardFigure {
  id: string;
  figure: Figure;
  currency: string;
}

function KpiCard({ f, currency, onMembers, tc, lang, months }: { f: Figure; currency: string; onMembers?: () => void; tc: ChurnT; lang: string; months: number }) {
  const formula = lang === 'en' ? f.formula : tc(`formula.${f.key}`, { defaultValue: f.formula, months: months.toFixed(1), currency });
  const sub = substitution(f.key, f.inputs, currency, lang);
  return (
    <Card padding="md" data-testid={`kpi-${f.key}${currency ? '-' + currency : ''}`}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap={4}>
        <Text size="sm" c="dimmed" fw={500} lh={1.3}>
          {tc(`figure.${f.key}`, { defaultValue: f.key })}
          {currency ? ` · ${currency}` : ''}
        </Text>
        <Group gap={0} wrap="nowrap">
          <Popover width={380} shadow="md" position="bottom-end" withArrow>
            <Popover.Target>
              <ActionIcon variant="subtle" color="gray" size="sm" aria-label={tc('analytics.formula')} data-testid={`formula-${f.key}`}>
                <IconInfoCircle size={16} />
              </ActionIcon>
            </Popover.Target>
            <Popover.Dropdown>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={4}>
                {tc('analytics.formula')}
              </Text>
              <Text size="sm" fw={600} mb="xs">
                {formula}
              </Text>
              {sub && (
                <Code block mb="xs">
                  {sub} = {formatFigure(f, currency, lang)}
                </Code>
              )}
              <Table fz="xs" withRowBorders={false} verticalSpacing={2}>
                <Table.Tbody>
                  {Object.entries(f.inputs).map(([k, v]) => (
                    <Table.Tr key={k}>
                      <Table.Td c="dimmed">{tc(`input.${k}`, { defaultValue: k })}</Table.Td>
                      <Table.Td ta="right" fw={600}>
                        {formatInput(k, v, currency, lang)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {onMembers && (
                <Button size="compact-xs" variant="light" mt="xs" leftSection={<IconUsers size={12} />} onClick={onMembers}>
                  {tc('analytics.showAccounts')}
                </Button>
              )}
            </Popover.Dropdown>
          </Popover>
          {onMembers && (
            <Tooltip label={tc('analytics.showAccounts')}>
              <ActionIcon variant="subtle" color="gray" size="sm" aria-label={tc('analytics.showAccounts')} onClick={onMembers} data-testid={`members-${f.key}`}>
                <IconUsers size={16} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </Group>
      <Text fz={26} fw={700} mt={4} data-testid="kpi-value">
        {formatFigure(f, currency, lang)}
      </Text>
      <Text size="xs" c="dimmed" lineClamp={1}>
        {tc(`norm.${f.key}`, { defaultValue: '' })}
      </Text>
    </Card>
  );
}

function MembersModal({ set, period, onSet, onClose, settings }: { set: MemberSet | null; period: PeriodQuery; onSet: (s: MemberSet) => void; onClose: () => void; settings?: ChurnSettings }) {
  const { tc, lang } = useChurnT();
  const who = useApi(() => (set ? members({ ...period, set }) : Promise.resolve(undefined)), [set, period.from, period.to, period.as_of]);
  return (
    <Modal opened={set !== null} onClose={onClose} title={<Text fw={650}>{tc('analytics.membersTitle')}</Text>} size="xl" data-testid="members-modal">
      <SegmentedControl
        fullWidth
        size="xs"
        value={set ?? 'lost'}
        onChange={(v) => onSet(v as MemberSet)}
        data={MEMBER_SETS.map((s) => ({ value: s, label: tc(`set.${s}`) }))}
        mb="sm"
      />
      <Text size="sm" c="dimmed" mb="xs">
        {tc(`setHint.${set ?? 'lost'}`)} {who.data ? '· ' + tc('analytics.membersTotal', { count: who.data.total, shown: who.data.items.length }) : ''}
      </Text>
      {who.error && <ErrorNotice error={who.error} onRetry={who.reload} />}
      {!who.data && !who.error ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={500} maxHeight={420}>
          <Table fz="sm" striped stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{tc('cols.account')}</Table.Th>
                <Table.Th>{tc('analytics.customerFrom')}</Table.Th>
                <Table.Th>{tc('analytics.customerTo')}</Table.Th>
                <Table.Th>{tc('cols.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(who.data?.items ?? []).map((x) => (
                <Table.Tr key={`${x.account_id}-${x.from}`}>
                  <Table.Td>
                    <Anchor component={Link} to={`/accounts/${x.account_id}`} size="sm">
                      {x.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{formatDate(x.from, lang)}</Table.Td>
                  <Table.Td>{x.to ? formatDate(x.to, lang) : '—'}</Table.Td>
                  <Table.Td>{x.reason ? reasonLabel(settings, x.reason, lang) : ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Modal>
  );
}

/** mainCurrency is the currency with the most MRR lost in a breakdown (the chart's money axis uses it). */
export function mainCurrency(slices: Slice[]): string {
  const sum: Record<string, number> = {};
  for (const s of slices) for (const [c, v] of Object.entries(s.mrr_lost)) sum[c] = (sum[c] ?? 0) + v;
  return Object.entries(sum).sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

function moneyList(m: Record<string, number>, lang: string): string {
  const e = Object.entries(m).filter(([, v]) => v);
  return e.length ? e.map(([c, v]) => formatMoney(v, c, lang)).join(' · ') : '—';
}

function ReasonsCard({ reasons, settings, dark }: { reasons: Slice[]; settings?: ChurnSettings; dark: boolean }) {
  const { tc, lang } = useChurnT();
  const navigate = useNavigate();
  const cur = mainCurrency(reasons);
  const rows = [...reasons].reverse();
  const labels = rows.map((r) => reasonLabel(settings, r.key, lang));
  const option = {
    aria: { enabled: true, label: { description: tc('analytics.reasonsAria', { list: reasons.map((r) => `${reasonLabel(settings, r.key, lang)}: ${r.count}`).join('; ') }) } },
    backgroundColor: 'transparent',
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: [tc('analytics.churns'), tc('analytics.mrrLostIn', { currency: cur })] },
    grid: { left: 8, right: 24, top: 48, bottom: 8, containLabel: true },
    xAxis: [
      { type: 'value', minInterval: 1, position: 'bottom', splitLine: { show: true } },
      { type: 'value', position: 'top', splitLine: { show: false }, splitNumber: 3, axisLabel: { formatter: (v: number) => formatMoney(v * 100, cur || 'EUR', lang, { compact: true }) } },
    ],
    yAxis: { type: 'category', data: labels, axisLabel: { width: 190, overflow: 'truncate' } },
    series: [
      { name: tc('analytics.churns'), type: 'bar', xAxisIndex: 0, data: rows.map((r) => r.count), itemStyle: { color: '#4b70ca' }, barMaxWidth: 14 },
      {
        name: tc('analytics.mrrLostIn', { currency: cur }),
        type: 'bar',
        xAxisIndex: 1,
        data: rows.map((r) => (cur ? minorToMajor(r.mrr_lost[cur] ?? 0, cur) : 0)),
        itemStyle: { color: '#e8590c' },
        barMaxWidth: 14,
      },
    ],
  };
  return (
    <Card>
      <Title order={5} mb="xs">
        {tc('analytics.byReason')}
      </Title>
      {reasons.length === 0 ? (
        <Text size="sm" c="dimmed">
          {tc('analytics.noLost')}
        </Text>
      ) : (
        <>
          <div data-testid="reasons-chart" aria-label={option.aria.label.description}>
            <ReactECharts option={option} notMerge theme={dark ? 'dark' : undefined} style={{ height: Math.max(220, 60 + reasons.length * 38) }} />
          </div>
          <Table fz="sm" mt="xs" highlightOnHover data-testid="reasons-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{tc('cols.reason')}</Table.Th>
                <Table.Th ta="right">{tc('analytics.churns')}</Table.Th>
                <Table.Th ta="right">{tc('cols.mrrLost')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {reasons.map((r) => (
                <Table.Tr key={r.key} style={{ cursor: 'pointer' }} onClick={() => navigate(`/churn?reason=${encodeURIComponent(r.key)}`)} data-reason={r.key}>
                  <Table.Td>{reasonLabel(settings, r.key, lang)}</Table.Td>
                  <Table.Td ta="right" data-testid={`reason-count-${r.key}`}>
                    {r.count}
                  </Table.Td>
                  <Table.Td ta="right">{moneyList(r.mrr_lost, lang)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Card>
  );
}

function BreakdownCard({ title, slices, name, testId }: { title: string; slices: Slice[]; name: (key: string) => string; testId: string }) {
  const { tc, lang } = useChurnT();
  const max = Math.max(1, ...slices.map((s) => s.count));
  return (
    <Card data-testid={testId}>
      <Title order={6} mb="sm">
        {title}
      </Title>
      {slices.length === 0 && (
        <Text size="sm" c="dimmed">
          {tc('analytics.noLost')}
        </Text>
      )}
      <Stack gap={8}>
        {slices.map((s) => (
          <div key={s.key}>
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="sm" truncate>
                {name(s.key)}
              </Text>
              <Text size="sm" fw={600}>
                {s.count}
              </Text>
            </Group>
            <Progress value={(s.count / max) * 100} size="sm" color="brand" mt={3} aria-label={`${name(s.key)}: ${s.count}`} />
            <Text size="xs" c="dimmed" mt={2}>
              {moneyList(s.mrr_lost, lang)}
            </Text>
          </div>
        ))}
      </Stack>
    </Card>
  );
}

const CURVE_COLORS = ['#4b70ca', '#e8590c', '#0ca678', '#ae3ec9', '#f59f00', '#1098ad', '#e64980'];

function CurveCard({ curves, dark, groupBy, onGroupBy }: { curves?: Curves; dark: boolean; groupBy: string; onGroupBy: (g: string) => void }) {
  const { tc, t, lang } = useChurnT();
  const list = curves?.curves ?? [];
  const groupName = (g: string) => (g === 'all' ? tc('analytics.allCustomers') : groupBy === 'segment' ? t(`segment.${g}` as never, { defaultValue: g }) : g || '—');
  const month = (d: number) => Math.round((d / DAYS_PER_MONTH) * 10) / 10;
  const series = list.flatMap((c, i) => {
    const color = CURVE_COLORS[i % CURVE_COLORS.length]!;
    const name = `${groupName(c.group)} (${c.customers})`;
    return [
      { name, type: 'line', step: 'end', showSymbol: false, data: c.points.map((p) => [month(p.tenure_days), Math.round(p.survival * 1000) / 10]), lineStyle: { width: 2, color }, itemStyle: { color } },
      {
        name: `${name}-low`,
        type: 'line',
        step: 'end',
        stack: `band-${i}`,
        symbol: 'none',
        data: c.points.map((p) => [month(p.tenure_days), Math.round(p.ci_low * 1000) / 10]),
        lineStyle: { opacity: 0 },
        tooltip: { show: false },
        silent: true,
      },
      {
        name: `${name}-band`,
        type: 'line',
        step: 'end',
        stack: `band-${i}`,
        symbol: 'none',
        data: c.points.map((p) => [month(p.tenure_days), Math.round((p.ci_high - p.ci_low) * 1000) / 10]),
        lineStyle: { opacity: 0 },
        areaStyle: { color, opacity: list.length > 1 ? 0.08 : 0.18 },
        tooltip: { show: false },
        silent: true,
      },
    ];
  });
  const single = list.length === 1 ? list[0] : undefined;
  const at = (m: number) => {
    if (!single) return undefined;
    let s = 1;
    for (const p of single.points) if (p.tenure_days <= m * DAYS_PER_MONTH) s = p.survival;
    return s;
  };
  const option = {
    aria: { enabled: true, label: { description: tc('analytics.curveAria', { list: list.map((c) => `${groupName(c.group)}: ${c.customers}`).join('; ') }) } },
    backgroundColor: 'transparent',
    color: CURVE_COLORS,
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: number) => `${v} %`,
    },
    legend: { top: 0, type: 'scroll', data: list.map((c) => `${groupName(c.group)} (${c.customers})`) },
    grid: { left: 8, right: 24, top: 40, bottom: 30, containLabel: true },
    xAxis: { type: 'value', name: tc('analytics.tenureMonths'), nameLocation: 'middle', nameGap: 26, min: 0 },
    // The axis starts at the band's lowest tens (not always 0) so small differences between groups stay visible.
    yAxis: { type: 'value', min: (v: { min: number }) => Math.max(0, Math.floor((v.min - 5) / 10) * 10), max: 100, axisLabel: { formatter: '{value} %' } },
    series,
  };
  return (
    <Card>
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={5}>{tc('analytics.curve')}</Title>
        <SegmentedControl
          size="xs"
          value={groupBy}
          onChange={onGroupBy}
          data={[
            { value: '', label: tc('analytics.allCustomers') },
            { value: 'segment', label: tc('analytics.bySegmentShort') },
            { value: 'plan', label: tc('analytics.byPlanShort') },
            { value: 'channel', label: tc('analytics.byChannelShort') },
          ]}
          data-testid="curve-group"
        />
      </Group>
      <div data-testid="retention-curve" aria-label={option.aria.label.description}>
        <ReactECharts option={option} notMerge theme={dark ? 'dark' : undefined} style={{ height: 320 }} />
      </div>
      {single && (
        <Group gap="lg" mt="xs">
          {[3, 6, 12, 24].map((m) => (
            <Text size="sm" key={m}>
              <Text span c="dimmed" size="xs">
                {tc('analytics.sAt', { months: m })}
              </Text>{' '}
              <b>{formatPercent((at(m) ?? 1) * 100, lang)}</b>
            </Text>
          ))}
        </Group>
      )}
      <Text size="xs" c="dimmed" mt="xs">
        {lang === 'en' ? curves?.formula : tc('formula.curve', { defaultValue: curves?.formula })}
      </Text>
    </Card>
  );
}

function CohortCard({ rows, dark }: { rows: { month: string; size: number; retained: number[] }[]; dark: boolean }) {
  const { tc } = useChurnT();
  const width = Math.max(0, ...rows.map((r) => r.retained.length));
  const cell = (v: number) => {
    const a = 0.08 + (v / 100) * 0.72;
    return { background: `rgba(12, 166, 120, ${a.toFixed(2)})`, color: a > 0.5 ? '#fff' : dark ? '#e9ecef' : '#212529' };
  };
  return (
    <Card mt="md">
      <Title order={5}>{tc('analytics.cohorts')}</Title>
      <Text size="xs" c="dimmed" mb="sm">
        {tc('analytics.cohortsHint')}
      </Text>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {tc('analytics.noCohorts')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table fz="xs" withRowBorders={false} verticalSpacing={3} horizontalSpacing={4} data-testid="cohort-table" style={{ borderCollapse: 'separate', borderSpacing: 2 }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{tc('analytics.cohort')}</Table.Th>
                <Table.Th ta="right">{tc('analytics.size')}</Table.Th>
                {Array.from({ length: width }, (_, i) => (
                  <Table.Th key={i} ta="center" c="dimmed" fw={500}>
                    {i}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((c) => (
                <Table.Tr key={c.month}>
                  <Table.Td fw={600} style={{ whiteSpace: 'nowrap' }}>
                    {c.month}
                  </Table.Td>
                  <Table.Td ta="right" c="dimmed">
                    {c.size}
                  </Table.Td>
                  {Array.from({ length: width }, (_, i) => {
                    const v = c.retained[i];
                    return v === undefined ? (
                      <Table.Td key={i} />
                    ) : (
                      <Table.Td key={i} ta="center" style={{ ...cell(v), borderRadius: 3, minWidth: 34 }} title={`${c.month} · ${i}: ${v} %`}>
                        {Math.round(v)}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

/** figureCards orders the period's figures for the KPI grid: customer figures, revenue in one currency, NPS, renewals, churn shares. */
export function figureCards(m: Metrics, currency = ''): CardFigure[] {
  const by = (k: string) => m.figures.find((f) => f.key === k);
  const out: CardFigure[] = [];
  const push = (f: Figure | undefined, currency = '') => f && out.push({ id: f.key + currency, figure: f, currency });
  push(by('crr'));
  push(by('logo_churn'));
  // Revenue figures are per currency (never summed across currencies): show the chosen one, else the largest.
  const rev = m.revenue.find((r) => r.currency === currency) ?? m.revenue[0];
  for (const key of ['grr', 'nrr', 'gross_revenue_churn', 'clv']) if (rev) push(rev.figures.find((f) => f.key === key), rev.currency);
  const n = m.nps;
  push({ key: 'nps', value: n.responses ? n.nps : null, unit: 'count', formula: n.formula, inputs: { promoters: n.promoters, passives: n.passives, detractors: n.detractors, responses: n.responses } });
  push(by('renewal_rate'));
  push(by('preventable_share'));
  push(by('unavoidable_share'));
  return out;
}

/** AnalyticsPage shows why customers leave, how fast, and what it costs, every figure with its formula and the accounts it counts. */
export function AnalyticsPage() {
  const { tc, t, lang } = useChurnT();
  const dark = useComputedColorScheme('light') === 'dark';
  const now = today();
  const [period, setPeriod] = useState<Required<PeriodQuery>>({ from: shiftDate(now, -12), to: now, as_of: now });
  const [preset, setPreset] = useState('12');
  const [groupBy, setGroupBy] = useState('');
  const [memberSet, setMemberSet] = useState<MemberSet | null>(null);
  const [currency, setCurrency] = useState('');
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

  const b = m.data?.breakdowns;
  const tenure = b ? [...b.tenure].sort((x, y) => TENURE_ORDER.indexOf(x.key) - TENURE_ORDER.indexOf(y.key)) : [];
  return (
    <>
      <PageHeader title={tc('analytics.title')} subtitle={tc('analytics.subtitle')} />
      <ChurnTabs value="analytics" />
      <Card mb="md" padding="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput type="date" label={tc('log.from')} value={period.from} onChange={(e) => setDate('from', e.currentTarget.value)} w={150} data-testid="period-from" />
          <TextInput type="date" label={tc('log.to')} value={period.to} onChange={(e) => setDate('to', e.currentTarget.value)} w={150} data-testid="period-to" />
          <TextInput type="date" label={tc('analytics.asOf')} description={undefined} value={period.as_of} onChange={(e) => setDate('as_of', e.currentTarget.value)} w={150} data-testid="period-as-of" />
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
          {m.data.revenue.length > 1 && (
            <Group gap="xs" mb="xs" justify="flex-end">
              <Text size="xs" c="dimmed">
                {tc('analytics.revenueIn')}
              </Text>
              <SegmentedControl
                size="xs"
                value={currency || m.data.revenue[0]!.currency}
                onChange={setCurrency}
                data={m.data.revenue.map((r) => r.currency)}
                data-testid="revenue-currency"
              />
            </Group>
          )}
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} mb="md" data-testid="kpi-grid">
            {figureCards(m.data, currency).map((c) => (
              <KpiCard
                key={c.id}
                f={c.figure}
                currency={c.currency}
                tc={tc}
                lang={lang}
                months={months}
                onMembers={SET_OF[c.figure.key] ? () => setMemberSet(SET_OF[c.figure.key]!) : undefined}
              />
            ))}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, lg: 2 }} mb="md">
            <ReasonsCard reasons={b!.reason} settings={settings.data} dark={dark} />
            {curve.error ? <ErrorNotice error={curve.error} onRetry={curve.reload} /> : <CurveCard curves={curve.data} dark={dark} groupBy={groupBy} onGroupBy={setGroupBy} />}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2, xl: 4 }}>
            <BreakdownCard title={tc('analytics.byTenure')} slices={tenure} name={(k) => tc(`bucket.${k}`, { defaultValue: k })} testId="breakdown-tenure" />
            <BreakdownCard title={tc('analytics.byEngagement')} slices={b!.engagement} name={(k) => tc(`engagement.${k}`, { defaultValue: k })} testId="breakdown-engagement" />
            <BreakdownCard title={tc('analytics.byPlan')} slices={b!.plan} name={(k) => k} testId="breakdown-plan" />
            <BreakdownCard title={tc('analytics.bySegment')} slices={b!.segment} name={(k) => t(`segment.${k}` as never, { defaultValue: k })} testId="breakdown-segment" />
          </SimpleGrid>
        </>
      )}
      {coh.error ? <ErrorNotice error={coh.error} onRetry={coh.reload} /> : <CohortCard rows={coh.data?.cohorts ?? []} dark={dark} />}
      <Text size="xs" c="dimmed" mt="sm">
        {m.data ? tc('analytics.footnote', { from: formatDate(m.data.from, lang), to: formatDate(m.data.to, lang), asOf: formatDate(m.data.as_of, lang), n: formatNumber(m.data.customers.start, lang) }) : ''}
      </Text>
      <MembersModal set={memberSet} period={period} onSet={setMemberSet} onClose={() => setMemberSet(null)} settings={settings.data} />
    </>
  );
}
