import { useEffect, useState } from 'react';
import { Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { fieldErrorsFor, toApiError } from '../../api/errors';
import { saveTimeZone, timeZone } from '../../api/system';
import { useApi } from '../../api/useApi';
import { formatDate } from '../../format/money';
import { ErrorNotice } from '../../shell/Page';
import { notifyError, notifySuccess } from '../../shell/notify';

/** zoneNames lists the IANA zones this webview knows, with the current one first when it is missing. */
function zoneNames(current: string): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const all = intl.supportedValuesOf?.('timeZone') ?? [];
  return current && !all.includes(current) ? [current, ...all] : all;
}

/** TimeZoneCard chooses the team's time zone: it decides what today is and which day a login or a due date falls on. */
export function TimeZoneCard() {
  const { t, i18n } = useTranslation();
  const current = useApi(() => timeZone(), []);
  const [zone, setZone] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (current.data) setZone(current.data.zone);
  }, [current.data]);

  const save = async () => {
    setBusy(true);
    try {
      await saveTimeZone(zone);
      setError(undefined);
      notifySuccess(t('timeZone.saved', { zone }));
      current.reload();
    } catch (err) {
      setError(fieldErrorsFor(toApiError(err), ['zone'] as const).errors.zone);
      notifyError(t('timeZone.failed'), err);
    } finally {
      setBusy(false);
    }
  };

  const d = current.data;
  return (
    <Card data-testid="time-zone-card">
      <Title order={5} mb="md">
        {t('timeZone.title')}
      </Title>
      {current.error && <ErrorNotice error={current.error} onRetry={current.reload} />}
      <Stack>
        <Select
          label={t('timeZone.zone')}
          description={t('timeZone.hint')}
          data={zoneNames(zone)}
          value={zone || null}
          onChange={(v) => setZone(v ?? '')}
          searchable
          allowDeselect={false}
          error={error}
          data-testid="time-zone-select"
        />
        {d && (
          <Text size="xs" c="dimmed" data-testid="time-zone-today">
            {t(d.chosen ? 'timeZone.today' : 'timeZone.machine', { date: formatDate(d.today, i18n.resolvedLanguage ?? 'en'), zone: d.machine_zone })}
          </Text>
        )}
        <Group>
          <Button onClick={save} loading={busy} disabled={!zone} data-testid="time-zone-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
