import { useState } from 'react';
import { Anchor, Button, Card, Group, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconUserMinus } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { listChurn, reactivate } from '../../api/churn';
import { useApi } from '../../api/useApi';
import { formatMoney, majorToMinor } from '../../format/money';
import { notifyError, notifySuccess } from '../../shell/notify';
import type { AccountPanelProps } from '../accounts/panels';
import { ChurnForm } from './ChurnForm';

/** ChurnPanel shows an account's churn records and logs a churn or reactivates. */
export function ChurnPanel({ account, onChanged }: AccountPanelProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const records = useApi(() => listChurn({ account_id: account.id, limit: 20 }), [account.id, account.status]);
  const [logging, setLogging] = useState(false);
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [mrr, setMrr] = useState<number | string>(0);
  const back = async () => {
    try {
      await reactivate(account.id, date, majorToMinor(Number(mrr || 0), account.currency));
      notifySuccess(t('churn.reactivated', { name: account.name }));
      onChanged();
    } catch (err) {
      notifyError(t('churn.saveFailed'), err);
    }
  };
  return (
    <Card>
      <Group justify="space-between" mb="sm">
        <Title order={5}>{t('churn.panel')}</Title>
        {account.status !== 'churned' && (
          <Button size="xs" color="red" variant="light" leftSection={<IconUserMinus size={14} />} onClick={() => setLogging(true)} data-testid="log-churn">
            {t('churn.log')}
          </Button>
        )}
      </Group>
      <Stack gap={4}>
        {(records.data?.items ?? []).map((r) => (
          <Text size="sm" key={r.id}>
            <Anchor component={Link} to={`/churn/${r.id}`}>
              {r.churn_date}
            </Anchor>{' '}
            · {r.reason} · {formatMoney(r.mrr_lost, r.currency, i18n.language)}
          </Text>
        ))}
        {records.data?.total === 0 && (
          <Text size="sm" c="dimmed">
            {t('churn.noRecords')}
          </Text>
        )}
      </Stack>
      {account.status === 'churned' && (
        <Group mt="sm" align="flex-end">
          <TextInput type="date" label={t('churn.reactivateOn')} value={date} onChange={(e) => setDate(e.currentTarget.value)} />
          <NumberInput label={t('form.fields.mrr')} description={account.currency} value={mrr} onChange={setMrr} min={0} decimalScale={2} w={140} />
          <Button variant="light" onClick={back}>
            {t('churn.reactivate')}
          </Button>
        </Group>
      )}
      {logging && (
        <ChurnForm
          account={account}
          onClose={() => setLogging(false)}
          onSaved={(r) => {
            setLogging(false);
            onChanged();
            navigate(`/churn/${r.id}`);
          }}
        />
      )}
    </Card>
  );
}
