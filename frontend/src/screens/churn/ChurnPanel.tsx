import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { IconRefresh, IconUserMinus } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { churnSettings, listChurn, reactivate } from '../../api/churn';
import { fieldErrorsFor, toApiError } from '../../api/errors';
import { useApi } from '../../api/useApi';
import { formatDate, formatMoney, majorToMinor, minorToMajor } from '../../format/money';
import { notifyError, notifySuccess } from '../../shell/notify';
import type { AccountPanelProps } from '../../shell/area';
import { ChurnForm, today } from './ChurnForm';
import { PreventableBadge } from './badges';
import { reasonLabel } from './format';
import { useChurnT } from './i18n';
import { DateField } from '../../shell/DateField';

/** ChurnPanel shows an account's churn records on its page, logs a churn with the exit interview, or reactivates a churned account. */
export function ChurnPanel({ account, onChanged }: AccountPanelProps) {
  const { tc, t, lang } = useChurnT();
  const navigate = useNavigate();
  const settings = useApi(() => churnSettings(), []);
  const records = useApi(() => listChurn({ account_id: account.id, limit: 50 }), [account.id, account.status]);
  const [logging, setLogging] = useState(false);
  const [reactivating, setReactivating] = useState(false);
  const [date, setDate] = useState(today());
  const [mrr, setMrr] = useState<number | string>(minorToMajor(account.mrr, account.currency));
  const [errors, setErrors] = useState<{ date?: string; mrr?: string }>({});
  const churned = account.status === 'churned';

  const back = async () => {
    setErrors({});
    try {
      await reactivate(account.id, date, majorToMinor(Number(mrr || 0), account.currency));
      notifySuccess(tc('panel.reactivated', { name: account.name }));
      setReactivating(false);
      onChanged();
    } catch (err) {
      setErrors(fieldErrorsFor(toApiError(err), ['date', 'mrr'] as const).errors);
      notifyError(tc('panel.reactivateFailed'), err);
    }
  };

  const items = records.data?.items ?? [];
  return (
    <Card data-testid="churn-panel">
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <Title order={5}>{tc('panel.title')}</Title>
          {items.length > 0 && <Badge color="gray">{items.length}</Badge>}
        </Group>
        {churned ? (
          <Button size="xs" variant="light" leftSection={<IconRefresh size={14} />} onClick={() => setReactivating((v) => !v)} data-testid="reactivate-open">
            {tc('panel.reactivate')}
          </Button>
        ) : (
          <Button size="xs" color="red" variant="light" leftSection={<IconUserMinus size={14} />} onClick={() => setLogging(true)} data-testid="log-churn">
            {tc('panel.log')}
          </Button>
        )}
      </Group>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {records.loading ? t('common.loading') : tc('panel.none')}
        </Text>
      ) : (
        <Table fz="sm" verticalSpacing={6} data-testid="churn-panel-records">
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/churn/${r.id}`} size="sm">
                    {formatDate(r.churn_date, lang)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{reasonLabel(settings.data, r.reason, lang)}</Table.Td>
                <Table.Td>
                  <PreventableBadge preventable={r.preventable} tc={tc} />
                </Table.Td>
                <Table.Td ta="right">{formatMoney(r.mrr_lost, r.currency, lang)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {churned && reactivating && (
        <Stack gap="xs" mt="md">
          <Text size="sm" c="dimmed">
            {tc('panel.reactivateHint')}
          </Text>
          <Group align="flex-start">
            <DateField label={tc('panel.reactivateOn')} value={date} onChange={(v) => setDate(v)} error={errors.date} data-testid="reactivate-date" />
            <NumberInput label={tc('panel.newMrr', { currency: account.currency })} value={mrr} onChange={setMrr} min={0} decimalScale={2} w={160} error={errors.mrr} />
            <Button mt={25} onClick={back} data-testid="reactivate-submit">
              {tc('panel.reactivateConfirm')}
            </Button>
          </Group>
        </Stack>
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
