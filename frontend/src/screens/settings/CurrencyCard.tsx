import { useEffect, useState } from 'react';
import { ActionIcon, Alert, Button, Card, FileButton, Group, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconFileImport, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../../api/errors';
import { deleteRate, importRates, ratesTable, saveRate, setHomeCurrency } from '../../api/money';
import { useApi } from '../../api/useApi';
import { formatDate } from '../../format/money';
import { ErrorNotice } from '../../shell/Page';
import { notifyError, notifySuccess } from '../../shell/notify';
import { DateField } from '../../shell/DateField';

/** rowProblems turns import errors keyed "rows[N].field" into lines that name the row and the field. */
export function rowProblems(fields: Record<string, string>): { row: number; field: string; message: string }[] {
  return Object.entries(fields)
    .map(([key, message]) => {
      const m = /^rows\[(\d+)\](?:\.(\w+))?$/.exec(key);
      return m ? { row: Number(m[1]), field: m[2] ?? '', message } : { row: 0, field: key, message };
    })
    .sort((a, b) => a.row - b.row || a.field.localeCompare(b.field));
}

/** CurrencyCard sets the home currency and keeps the exchange rates table: typed in one by one or imported from CSV. */
export function CurrencyCard() {
  const { t, i18n } = useTranslation();
  const table = useApi(() => ratesTable(), []);
  const [home, setHome] = useState('');
  const [currency, setCurrency] = useState('');
  const [date, setDate] = useState('');
  const [rate, setRate] = useState<number | string>('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [importErrors, setImportErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (table.data) setHome(table.data.home);
  }, [table.data]);
  const current = table.data?.home ?? '';

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } finally {
      setBusy(false);
    }
  };
  const saveHome = () =>
    run(async () => {
      try {
        await setHomeCurrency(home.trim().toUpperCase());
        setErrors({});
        notifySuccess(t('money.card.homeSaved', { currency: home.trim().toUpperCase() }));
        table.reload();
      } catch (err) {
        setErrors({ home: toApiError(err).fields.currency ?? '' });
        notifyError(t('money.card.failed'), err);
      }
    });
  const add = () =>
    run(async () => {
      try {
        await saveRate({ currency: currency.trim().toUpperCase(), date, rate: Number(rate) });
        setErrors({});
        setCurrency('');
        setRate('');
        notifySuccess(t('money.card.saved'));
        table.reload();
      } catch (err) {
        setErrors(toApiError(err).fields);
        notifyError(t('money.card.failed'), err);
      }
    });
  const remove = (id: number) =>
    run(async () => {
      try {
        await deleteRate(id);
        notifySuccess(t('money.card.deleted'));
        table.reload();
      } catch (err) {
        notifyError(t('money.card.failed'), err);
      }
    });
  const upload = (file: File | null) =>
    file &&
    run(async () => {
      try {
        const res = await importRates(await file.text());
        setImportErrors({});
        notifySuccess(t('money.card.imported', { count: res.written }));
        table.reload();
      } catch (err) {
        const e = toApiError(err);
        setImportErrors(Object.keys(e.fields).length ? e.fields : { csv: e.message });
      }
    });

  return (
    <Card data-testid="currency-card">
      <Title order={5} mb="xs">
        {t('money.card.title')}
      </Title>
      <Text size="xs" c="dimmed" mb="md">
        {t('money.card.hint')}
      </Text>
      {table.error && <ErrorNotice error={table.error} onRetry={table.reload} />}
      <Stack>
        <Group align="flex-end" gap="xs">
          <TextInput label={t('money.card.home')} value={home} maxLength={3} w={120} onChange={(e) => setHome(e.currentTarget.value)} error={errors.home} data-testid="home-currency" />
          <Button variant="light" onClick={saveHome} loading={busy} disabled={!home.trim() || home.trim().toUpperCase() === current} data-testid="home-currency-save">
            {t('money.card.setHome')}
          </Button>
        </Group>
        {current === '' ? (
          <Text size="sm" c="dimmed">
            {t('money.card.homeFirst')}
          </Text>
        ) : (
          <>
            {(table.data?.rates.length ?? 0) === 0 ? (
              <Text size="sm" c="dimmed">
                {t('money.card.none')}
              </Text>
            ) : (
              <Table fz="sm" verticalSpacing={4} data-testid="rates-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('money.card.currency')}</Table.Th>
                    <Table.Th>{t('money.card.date')}</Table.Th>
                    <Table.Th ta="right">{t('money.card.rateHint', { home: current })}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {table.data?.rates.map((r) => (
                    <Table.Tr key={r.id} data-rate={`${r.currency}-${r.date}`}>
                      <Table.Td fw={600}>{r.currency}</Table.Td>
                      <Table.Td>{formatDate(r.date, i18n.language)}</Table.Td>
                      <Table.Td ta="right">{r.rate.toLocaleString(i18n.language, { maximumFractionDigits: 6 })}</Table.Td>
                      <Table.Td ta="right">
                        <ActionIcon variant="subtle" color="gray" size="sm" aria-label={t('common.delete')} onClick={() => remove(r.id)}>
                          <IconTrash size={14} />
                        </ActionIcon>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            <Group align="flex-start" gap="xs" wrap="wrap">
              <TextInput label={t('money.card.currency')} value={currency} maxLength={3} w={90} onChange={(e) => setCurrency(e.currentTarget.value)} error={errors.currency} data-testid="rate-currency" />
              <DateField label={t('money.card.date')} value={date} w={150} onChange={(v) => setDate(v)} error={errors.date} data-testid="rate-date" />
              <NumberInput
                label={t('money.card.rate')}
                description={t('money.card.rateHint', { home: current })}
                value={rate}
                onChange={setRate}
                decimalScale={6}
                min={0}
                w={150}
                error={errors.rate}
                data-testid="rate-value"
              />
              <Button mt={24} onClick={add} loading={busy} disabled={!currency || !date || rate === ''} data-testid="rate-add">
                {t('money.card.add')}
              </Button>
            </Group>
            <div>
              <FileButton onChange={upload} accept=".csv,text/csv,text/plain">
                {(props) => (
                  <Button {...props} variant="default" leftSection={<IconFileImport size={16} />} loading={busy} data-testid="rates-import">
                    {t('money.card.import')}
                  </Button>
                )}
              </FileButton>
              <Text size="xs" c="dimmed" mt={4}>
                {t('money.card.importHint')}
              </Text>
            </div>
            {Object.keys(importErrors).length > 0 && (
              <Alert color="red" title={t('money.card.importFailed')} data-testid="rates-import-errors">
                <Stack gap={2}>
                  {rowProblems(importErrors).map((p) => (
                    <Text size="sm" key={`${p.row}-${p.field}`}>
                      {p.row ? t('money.card.rowField', { row: p.row, field: p.field || '—', message: p.message }) : p.message}
                    </Text>
                  ))}
                </Stack>
              </Alert>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}
