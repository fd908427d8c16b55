import { useSyncExternalStore } from 'react';
import { Alert, Anchor, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Conversion } from '../api/money';
import { formatDate } from '../format/money';

/** MoneyView is how portfolio money is shown: one home-currency figure, or one figure per currency. */
export type MoneyView = 'home' | 'each';

const VIEW_KEY = 'churndesk.moneyView';
const listeners = new Set<() => void>();

function readView(): MoneyView {
  return localStorage.getItem(VIEW_KEY) === 'each' ? 'each' : 'home';
}

/** setMoneyView switches every money figure on screen between the home currency and per currency. */
export function setMoneyView(v: MoneyView) {
  localStorage.setItem(VIEW_KEY, v);
  listeners.forEach((l) => l());
}

/** useMoneyView is the chosen money view, shared by every screen and remembered on this computer. */
export function useMoneyView(): MoneyView {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    readView,
    () => 'home',
  );
}

/** MoneyViewToggle switches between the home-currency figure and the per-currency view. */
export function MoneyViewToggle({ home }: { home: string }) {
  const { t } = useTranslation();
  const view = useMoneyView();
  return (
    <SegmentedControl
      size="xs"
      value={view}
      onChange={(v) => setMoneyView(v as MoneyView)}
      aria-label={t('money.view.label')}
      data={[
        { value: 'home', label: home ? t('money.view.home', { currency: home }) : t('money.view.homeUnset') },
        { value: 'each', label: t('money.view.each') },
      ]}
      data-testid="money-view"
    />
  );
}

/** RatesUsed names the rates a home-currency figure was converted with. */
export function RatesUsed({ conversion }: { conversion: Conversion }) {
  const { t, i18n } = useTranslation();
  if (!conversion.currency || conversion.rates.length === 0) return null;
  const list = conversion.rates
    .map((r) => t('money.rate', { currency: r.currency, rate: r.rate.toLocaleString(i18n.language, { maximumFractionDigits: 6 }), home: conversion.currency, date: formatDate(r.date, i18n.language) }))
    .join(' · ');
  return (
    <Text size="xs" c="dimmed" data-testid="rates-used">
      {t('money.ratesUsed', { list })}
    </Text>
  );
}

/** ConversionAlert says which currencies could not be converted, naming each one; nothing when all were. */
export function ConversionAlert({ conversion }: { conversion: Conversion }) {
  const { t, i18n } = useTranslation();
  if (conversion.warnings.length === 0) return null;
  return (
    <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title={t('money.warnTitle')} data-testid="conversion-alert" mb="md">
      <Stack gap={4}>
        {conversion.warnings.map((w) => (
          <Text size="sm" key={w.code + w.currency} data-currency={w.currency}>
            {w.code === 'no_home_currency'
              ? t('money.noHome')
              : t('money.missingRate', { currency: w.currency, home: conversion.currency, date: formatDate(w.date, i18n.language) })}
          </Text>
        ))}
        <Anchor component={Link} to="/settings" size="sm">
          {t('money.openSettings')}
        </Anchor>
      </Stack>
    </Alert>
  );
}
