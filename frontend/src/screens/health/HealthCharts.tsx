import { Chart } from '../../shell/Chart';
import { SimpleGrid, Text, Title } from '@mantine/core';
import type { AccountHealth, HealthModel } from '../../api/health';
import { fmt1, shortDay } from './format';
import { useHealthT } from './i18n';

/** HealthCharts draws the weekly health history against the model's cut-offs, and the weekly usage. */
export function HealthCharts({ health, model }: { health: AccountHealth; model?: HealthModel }) {
  const { ta, lang } = useHealthT();
  const weeks = health.history.map((h) => shortDay(h.week, lang));
  const last = health.history[health.history.length - 1];
  const historyLabel = last ? ta('charts.historyAria', { count: health.history.length, score: fmt1(last.score, lang) }) : '';
  const history = {
    backgroundColor: 'transparent',
    aria: { enabled: true, label: { description: historyLabel } },
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: weeks, boundaryGap: false, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [
      {
        name: ta('charts.score'),
        type: 'line',
        data: health.history.map((h) => h.score),
        smooth: true,
        symbolSize: 5,
        itemStyle: { color: '#4b70ca' },
        markArea: model
          ? {
              silent: true,
              data: [
                [{ yAxis: model.good_from, itemStyle: { color: 'rgba(18,184,134,0.08)' } }, { yAxis: 100 }],
                [{ yAxis: 0, itemStyle: { color: 'rgba(250,82,82,0.08)' } }, { yAxis: model.poor_below }],
              ],
            }
          : undefined,
        markLine: model
          ? {
              silent: true,
              symbol: 'none',
              lineStyle: { type: 'dashed' },
              label: { formatter: '{b}', position: 'insideEndTop' },
              data: [
                { name: ta('charts.goodFrom', { value: model.good_from }), yAxis: model.good_from, lineStyle: { color: '#12b886' } },
                { name: ta('charts.poorBelow', { value: model.poor_below }), yAxis: model.poor_below, lineStyle: { color: '#fa5252' } },
              ],
            }
          : undefined,
      },
    ],
  };
  // Every week of the window is drawn: weeks without a snapshot as zero (they
  // count as zero), and the weeks not reported yet marked apart (left out).
  const usageWeeks = health.usage.map((u) => shortDay(u.week, lang));
  const pending = health.usage.filter((u) => u.status === 'pending');
  const missing = health.usage.filter((u) => u.status === 'missing');
  const value = (u: AccountHealth['usage'][number], v: number) => (u.status === 'pending' ? null : v);
  const usage = {
    backgroundColor: 'transparent',
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [ta('usage.activeUsers'), ta('usage.logins'), ta('usage.keyFeatureUses')] },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: usageWeeks, axisLabel: { hideOverlap: true } },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      {
        name: ta('usage.activeUsers'),
        type: 'bar',
        data: health.usage.map((u) =>
          u.status === 'missing'
            ? { value: 0, itemStyle: { color: '#adb5bd' }, label: { show: true, position: 'top', formatter: '0', color: '#868e96' } }
            : value(u, u.active_users),
        ),
        itemStyle: { color: '#4b70ca' },
        barMaxWidth: 12,
        markArea: pending.length
          ? {
              silent: true,
              itemStyle: { color: 'rgba(134,142,150,0.12)' },
              label: { show: true, position: 'insideTop', color: '#868e96', fontSize: 10 },
              data: [[{ name: ta('charts.pending'), xAxis: shortDay(pending[0]!.week, lang) }, { xAxis: shortDay(pending[pending.length - 1]!.week, lang) }]],
            }
          : undefined,
      },
      { name: ta('usage.logins'), type: 'line', yAxisIndex: 1, data: health.usage.map((u) => value(u, u.logins)), showSymbol: false, itemStyle: { color: '#e8590c' } },
      { name: ta('usage.keyFeatureUses'), type: 'line', yAxisIndex: 1, data: health.usage.map((u) => value(u, u.key_feature_uses)), showSymbol: false, itemStyle: { color: '#12b886' } },
    ],
  };
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <div>
        <Title order={6} mb={4}>
          {ta('charts.history')}
        </Title>
        {health.history.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="health-history-empty">
            {ta('charts.noHistory')}
          </Text>
        ) : (
          <Chart option={history} height={220} title={ta('charts.history')} description={historyLabel} data-testid="health-history-chart" />
        )}
      </div>
      <div>
        <Title order={6} mb={4}>
          {ta('charts.usage')}
        </Title>
        {health.usage.length === 0 ? (
          <Text size="sm" c="dimmed">
            {ta('charts.noUsage')}
          </Text>
        ) : (
          <div data-testid="health-usage-chart" data-pending={pending.map((u) => u.week).join(' ')} data-missing={missing.map((u) => u.week).join(' ')}>
            <Chart option={usage} height={220} title={ta('charts.usage')} />
            <Text size="xs" c="dimmed" data-testid="usage-window-note">
              {ta('charts.windowNote', { date: shortDay(health.window_end, lang) })}
              {pending.length > 0 && ' ' + ta('charts.pendingNote', { count: pending.length })}
              {missing.length > 0 && ' ' + ta('charts.missingNote', { count: missing.length })}
            </Text>
          </div>
        )}
      </div>
    </SimpleGrid>
  );
}
