import { SimpleGrid, Title } from '@mantine/core';
import type { RiskBacktest } from '../../api/risk';
import type { AreaT } from '../../i18n/area';
import { Chart } from '../../shell/Chart';
import { num } from './format';

// ECharts cannot read CSS variables: Mantine's indigo 6 and orange 6.
const MODEL = '#4c6ef5';
const HEALTH = '#fd7e14';

const axis = (name: string, max?: number) => ({
  type: 'value' as const,
  name,
  nameLocation: 'middle' as const,
  nameGap: 32,
  min: 0,
  max,
});

/** RocChart draws the backtest's ROC curves, the model's beside the health score's on the same split, with the coin's diagonal. */
export function RocChart({ bt, ta, lang }: { bt: RiskBacktest; ta: AreaT; lang: string }) {
  const model = ta('backtest.model');
  const health = ta('backtest.health');
  const option = {
    animation: false,
    legend: { data: [model, health], top: 0 },
    grid: { left: 56, right: 16, top: 36, bottom: 48 },
    tooltip: { trigger: 'item' as const },
    xAxis: axis(ta('charts.fpr'), 1),
    yAxis: axis(ta('charts.tpr'), 1),
    series: [
      { name: model, type: 'line', showSymbol: false, color: MODEL, data: bt.roc.map((p) => [p.fpr, p.tpr]) },
      { name: health, type: 'line', showSymbol: false, color: HEALTH, data: bt.health.roc.map((p) => [p.fpr, p.tpr]) },
      {
        name: ta('charts.coin'),
        type: 'line',
        silent: true,
        tooltip: { show: false },
        showSymbol: false,
        lineStyle: { type: 'dashed' as const, color: '#adb5bd', width: 1 },
        data: [
          [0, 0],
          [1, 1],
        ],
      },
    ],
  };
  return (
    <Chart
      option={option}
      height={300}
      echartsTheme={false}
      title={ta('charts.roc')}
      description={ta('charts.rocSays', { model: num(bt.auc, lang, 3), health: num(bt.health.auc, lang, 3) })}
      data-testid="bt-roc-chart"
    />
  );
}

/** CalibrationChart draws, per decile of predicted risk, the mean predicted churn beside the share that churned. */
export function CalibrationChart({ bt, ta }: { bt: RiskBacktest; ta: AreaT }) {
  const predicted = ta('backtest.predicted');
  const observed = ta('backtest.observed');
  const option = {
    animation: false,
    legend: { data: [predicted, observed], top: 0 },
    grid: { left: 56, right: 16, top: 36, bottom: 48 },
    tooltip: { trigger: 'axis' as const },
    xAxis: { type: 'category' as const, name: ta('charts.decile'), nameLocation: 'middle' as const, nameGap: 32, data: bt.calibration.map((d) => String(d.decile)) },
    yAxis: axis(ta('charts.churnPct')),
    series: [
      { name: predicted, type: 'bar', color: MODEL, data: bt.calibration.map((d) => Math.round(d.predicted * 1000) / 10) },
      { name: observed, type: 'bar', color: HEALTH, data: bt.calibration.map((d) => Math.round(d.observed * 1000) / 10) },
    ],
  };
  return (
    <Chart
      option={option}
      height={300}
      echartsTheme={false}
      title={ta('charts.calibration')}
      description={ta('charts.calibrationSays')}
      data-testid="bt-calibration-chart"
    />
  );
}

/** BacktestCharts are the ROC and calibration charts side by side. */
export function BacktestCharts({ bt, ta, lang }: { bt: RiskBacktest; ta: AreaT; lang: string }) {
  return (
    <>
      <Title order={6} mt="md" mb="xs">
        {ta('charts.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <RocChart bt={bt} ta={ta} lang={lang} />
        <CalibrationChart bt={bt} ta={ta} />
      </SimpleGrid>
    </>
  );
}
