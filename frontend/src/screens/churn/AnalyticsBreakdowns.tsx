import { Chart } from '../../shell/Chart';
import { Card, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useNavigate } from 'react-router';
import type { ChurnSettings, Slice } from '../../api/churn';
import { formatMoney, minorToMajor } from '../../format/money';
import { reasonLabel } from './format';
import { useChurnT } from './i18n';

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

/** sliceMoney is a slice's MRR lost: one home-currency figure when home is set and it converts, else per currency. */
function sliceMoney(s: Slice, home: string, lang: string): string {
  if (home && s.mrr_lost_home !== null && s.mrr_lost_home !== undefined) return s.mrr_lost_home ? formatMoney(s.mrr_lost_home, home, lang) : '—';
  return moneyList(s.mrr_lost, lang);
}

export function ReasonsCard({ reasons, settings, home = '' }: { reasons: Slice[]; settings?: ChurnSettings; home?: string }) {
  const { tc, lang } = useChurnT();
  const navigate = useNavigate();
  // The money bars are in the home currency when every reason converts, else in the currency with the most MRR lost.
  const inHome = !!home && reasons.every((r) => r.mrr_lost_home !== null);
  const cur = inHome ? home : mainCurrency(reasons);
  const lostIn = (r: Slice) => (inHome ? (r.mrr_lost_home ?? 0) : (r.mrr_lost[cur] ?? 0));
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
        data: rows.map((r) => (cur ? minorToMajor(lostIn(r), cur) : 0)),
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
          <Chart option={option} height={Math.max(220, 60 + reasons.length * 38)} title={tc('analytics.byReason')} description={option.aria.label.description} data-testid="reasons-chart" />
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
                  <Table.Td ta="right" data-testid={`reason-mrr-${r.key}`}>
                    {sliceMoney(r, home, lang)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Card>
  );
}

export function BreakdownCard({ title, slices, name, testId, home = '' }: { title: string; slices: Slice[]; name: (key: string) => string; testId: string; home?: string }) {
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
              {sliceMoney(s, home, lang)}
            </Text>
          </div>
        ))}
      </Stack>
    </Card>
  );
}

