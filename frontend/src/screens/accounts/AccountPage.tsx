import { useState } from 'react';
import { Badge, Button, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconPencil, IconTrash, IconUserQuestion } from '@tabler/icons-react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { deleteAccount, getAccount } from '../../api/accounts';
import { useApi } from '../../api/useApi';
import type { Account } from '../../api/types';
import { formatDate, formatMoney } from '../../format/money';
import { STATUS_COLOR } from '../../theme';
import { useConfirm } from '../../shell/modals';
import { EmptyState, ErrorNotice, Loading } from '../../shell/Page';
import { notifyError, notifySuccess } from '../../shell/notify';
import { AccountForm } from './AccountForm';
import { ContactsSection } from './ContactsSection';
import { accountPanels } from './panels';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

/** AccountPage shows one account: its fields, contacts and the panels other areas add. */
export function AccountPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const confirm = useConfirm();
  const accountId = Number(id);
  const acc = useApi(() => getAccount(accountId), [accountId]);
  const [editing, setEditing] = useState(false);

  if (acc.error?.status === 404) {
    return (
      <EmptyState
        icon={IconUserQuestion}
        title={t('account.notFound')}
        body={t('account.notFoundBody')}
        action={<Button onClick={() => navigate('/accounts')}>{t('account.backToList')}</Button>}
      />
    );
  }
  if (acc.error) return <ErrorNotice error={acc.error} onRetry={acc.reload} />;
  if (!acc.data) return <Loading />;
  const a: Account = acc.data;
  const none = t('common.notSet');

  const remove = async () => {
    const ok = await confirm({
      title: t('account.deleteTitle', { name: a.name }),
      body: t('account.deleteBody', { count: a.contacts_count }),
      confirmLabel: t('account.deleteConfirm'),
      danger: true,
    });
    if (!ok) return;
    try {
      await deleteAccount(a.id);
      notifySuccess(t('accounts.deleted', { name: a.name }));
      navigate('/accounts');
    } catch (err) {
      notifyError(t('accounts.deleteFailed'), err);
    }
  };

  return (
    <>
      <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={() => navigate('/accounts')} mb="sm" px={0}>
        {t('account.backToList')}
      </Button>
      <Group justify="space-between" align="flex-start" mb="lg">
        <div>
          <Group gap="sm">
            <Title order={2} data-testid="account-name">
              {a.name}
            </Title>
            <Badge color={STATUS_COLOR[a.status]} size="lg">
              {t(`status.${a.status}`)}
            </Badge>
          </Group>
          <Text c="dimmed" size="sm">
            {[a.domain, t(`segment.${a.segment}`), a.industry].filter(Boolean).join(' · ')}
          </Text>
        </div>
        <Group>
          <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)} data-testid="edit-account">
            {t('account.edit')}
          </Button>
          <Button color="red" variant="light" leftSection={<IconTrash size={16} />} onClick={remove} data-testid="delete-account">
            {t('account.delete')}
          </Button>
        </Group>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card>
            <Title order={5} mb="sm">
              {t('account.commercial')}
            </Title>
            <Stack gap="sm">
              <Field label={t('form.fields.mrr')}>
                <span data-testid="account-mrr">{formatMoney(a.mrr, a.currency, i18n.language)}</span>
              </Field>
              <Field label={t('form.fields.plan')}>{a.plan || none}</Field>
              <Field label={t('form.fields.seats')}>{a.seats}</Field>
              <Field label={t('form.fields.contract_start')}>{formatDate(a.contract_start, i18n.language)}</Field>
              <Field label={t('form.fields.renewal_date')}>{a.renewal_date ? formatDate(a.renewal_date, i18n.language) : none}</Field>
              {a.trial_ends_on && (
                <Field label={t('form.fields.trial_ends_on')}>
                  <span data-testid="account-trial-ends">{formatDate(a.trial_ends_on, i18n.language)}</span>
                </Field>
              )}
              <Field label={t('form.fields.owner')}>{a.owner || none}</Field>
              <Field label={t('form.fields.loyalty_tier')}>{a.loyalty_tier || none}</Field>
            </Stack>
          </Card>
          <Card mt="md">
            <Title order={5} mb="sm">
              {t('account.billing')}
            </Title>
            <Stack gap="sm">
              <Field label={t('form.fields.payment_status')}>
                {t(`payment.${a.payment_status}`)}
                {a.overdue_since ? ` (${t('account.overdueSince', { date: formatDate(a.overdue_since, i18n.language) })})` : ''}
              </Field>
              <Field label={t('account.cardExpiry')}>
                {a.card_expiry_month && a.card_expiry_year ? `${String(a.card_expiry_month).padStart(2, '0')}/${a.card_expiry_year}` : none}
              </Field>
              <Field label={t('account.crm')}>{a.crm_source ? `${a.crm_source} · ${a.external_id}` : none}</Field>
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            {accountPanels.map((Panel, i) => (
              <Panel key={i} account={a} onChanged={acc.reload} />
            ))}
            <ContactsSection accountId={a.id} onChanged={acc.reload} />
          </Stack>
        </Grid.Col>
      </Grid>
      {editing && (
        <AccountForm
          account={a}
          opened
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            acc.reload();
          }}
        />
      )}
    </>
  );
}
