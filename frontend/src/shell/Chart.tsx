import ReactECharts from 'echarts-for-react';
import { useComputedColorScheme } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeChart, type ChartOption } from './chartText';

/** ChartProps are a chart's option, size and what it is about. */
export interface ChartProps {
  option: ChartOption & Record<string, unknown>;
  height: number;
  /** title names the chart; the description of its data follows it. */
  title: string;
  /** description, when given, is said before the figures read from the option. */
  description?: string;
  /** echartsTheme false keeps the option's own colours in dark mode (it sets them itself). */
  echartsTheme?: boolean;
  'data-testid'?: string;
  'data-pending'?: string;
  'data-missing'?: string;
}

/**
 * Chart draws an ECharts option as an image with a text alternative
 * (role="img" and an aria-label naming the chart and listing its figures),
 * in the app's colour scheme.
 */
export function Chart({ option, height, title, description, echartsTheme = true, ...rest }: ChartProps) {
  const { t, i18n } = useTranslation();
  const dark = useComputedColorScheme('light') === 'dark';
  const lang = i18n.resolvedLanguage ?? 'en';
  const figures = describeChart(option, '', lang, {
    series: (name, points) => t('a11y.chartSeries', { name, points }),
    point: (label, value) => t('a11y.chartPoint', { label, value }),
    more: (count) => t('a11y.chartMore', { count }),
  });
  const label = [title, description, figures].filter(Boolean).join('. ');
  return (
    <div role="img" aria-label={label} {...rest}>
      <ReactECharts option={option} notMerge theme={echartsTheme && dark ? 'dark' : undefined} style={{ height }} />
    </div>
  );
}
