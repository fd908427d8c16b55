import { Chart } from '../../shell/Chart';
import { Card, Group, SegmentedControl, Table, Text, Title, useComputedColorScheme } from '@mantine/core';
import { mix, readableTextOn, toHex } from '../../shell/contrast';
import type { Curves } from '../../api/churn';
import { DAYS_PER_MONTH, formatPercent } from './format';
import { useChurnT } from './i18n';

const CURVE_COLORS = ['#4b70ca', '#e8590c', '#0ca678', '#ae3ec9', '#f59f00', '#1098ad', '#e64980'];

export function CurveCard({ curves, groupBy, onGroupBy }: { curves?: Curves; groupBy: string; onGroupBy: (g: string) => void }) {
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
      <Chart option={option} height={320} title={tc('analytics.curve')} description={option.aria.label.description} data-testid="retention-curve" />
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

export function CohortCard({ rows }: { rows: { month: string; size: number; retained: number[] }[] }) {
  const { tc } = useChurnT();
  const dark = useComputedColorScheme('light') === 'dark';
  const width = Math.max(0, ...rows.map((r) => r.retained.length));
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
        <CohortTable rows={rows} width={width} dark={dark} />
      )}
    </Card>
  );
}

function CohortTable({ rows, width, dark }: { rows: { month: string; size: number; retained: number[] }[]; width: number; dark: boolean }) {
  const { tc } = useChurnT();
  return (
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
              <Table.Th scope="row" fw={600} style={{ whiteSpace: 'nowrap' }}>
                {c.month}
              </Table.Th>
              <Table.Td ta="right" c="dimmed">
                {c.size}
              </Table.Td>
              {Array.from({ length: width }, (_, i) => {
                const v = c.retained[i];
                return v === undefined ? (
                  <Table.Td key={i} />
                ) : (
                  <Table.Td key={i} ta="center" style={{ ...heatCell(v, dark), borderRadius: 3, minWidth: 40, whiteSpace: 'nowrap' }}>
                    {Math.round(v)}%
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** HEAT is the cohort heat map's colour: the fuller the cohort, the stronger the tint. */
const HEAT = 'rgb(12, 166, 120)';

/**
 * heatCell colours one cohort cell: a tint of HEAT over the card (white, or
 * dark grey in dark mode) as strong as the share retained, with black or
 * white text, whichever contrasts more with that tint.
 */
export function heatCell(pct: number, dark: boolean): { background: string; color: string } {
  const weight = 0.08 + (Math.min(100, Math.max(0, pct)) / 100) * 0.72;
  const background = toHex(mix(HEAT, dark ? '#2e2e2e' : '#ffffff', weight));
  return { background, color: readableTextOn(background) };
}
