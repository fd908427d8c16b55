import { useState } from 'react';
import { Alert, Button, Divider, Group, Kbd, Modal, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { z } from 'zod';
import { listContacts } from '../../api/contacts';
import { fieldErrorsFor, toApiError } from '../../api/errors';
import { CHANNELS, createReferral, deleteReferral, updateReferral, type Referral } from '../../api/loyalty';
import { useApi } from '../../api/useApi';
import { useConfirm } from '../../shell/modals';
import { notifyError, notifySuccess } from '../../shell/notify';
import { AccountSelect } from './AccountSelect';
import { referralInput, referralValues, type ReferralFormValues } from './format';
import { useLoyaltyT } from './i18n';
import { DateField } from '../../shell/DateField';
import { FormFooter } from '../../shell/FormFooter';

const FIELDS = [
  'referrer_account_id',
  'referrer_contact_id',
  'referred_company',
  'referred_contact',
  'referred_email',
  'referred_on',
  'channel',
  'referrer_reward',
  'newcomer_reward',
  'notes',
] as const;

const email = z.string().trim().email();

/** ReferralFormProps open the form for a new referral (optionally from a referrer) or an existing one. */
export interface ReferralFormProps {
  referral?: Referral;
  prefill?: { accountId: number; accountName: string };
  onClose: () => void;
  onSaved: (r: Referral | null) => void;
}

/** ReferralForm records or edits a referral: who referred whom, when, through which channel, and each side's reward. */
export function ReferralForm({ referral, prefill, onClose, onSaved }: ReferralFormProps) {
  const { ta, t } = useLoyaltyT();
  const confirm = useConfirm();
  const [saving, setSaving] = useState(false);
  const [other, setOther] = useState<string[]>([]);
  const [referrerName, setReferrerName] = useState(referral?.referrer_name ?? prefill?.accountName ?? '');
  const form = useForm<ReferralFormValues>({
    initialValues: referralValues(referral, prefill),
    validate: {
      referrer_account_id: (v) => (v ? null : t('form.required')),
      referred_company: (v) => (v.trim() ? null : t('form.required')),
      referred_on: (v) => (v ? null : t('form.required')),
      referred_email: (v) => (!v.trim() || email.safeParse(v).success ? null : t('form.invalidEmail')),
    },
  });
  const accountId = form.values.referrer_account_id;
  const contacts = useApi(() => (accountId ? listContacts(accountId, { limit: 100 }) : Promise.resolve({ items: [], total: 0 })), [accountId]);

  const submit = form.onSubmit(async (v) => {
    setSaving(true);
    setOther([]);
    try {
      const input = referralInput(v);
      const saved = referral ? await updateReferral(referral.id, input) : await createReferral(input);
      notifySuccess(ta(referral ? 'form.updated' : 'form.created', { company: saved.referred_company }));
      onSaved(saved);
    } catch (err) {
      const e = toApiError(err);
      const { errors, rest } = fieldErrorsFor(e, FIELDS);
      form.setErrors(errors);
      const msgs = Object.entries(rest).map(([k, m]) => `${k}: ${m}`);
      if (!e.hasFieldErrors) msgs.push(e.message);
      setOther(msgs);
    } finally {
      setSaving(false);
    }
  });

  const remove = async () => {
    if (!referral) return;
    const ok = await confirm({ title: ta('form.deleteTitle'), body: ta('form.deleteBody', { company: referral.referred_company }), confirmLabel: t('common.delete'), danger: true });
    if (!ok) return;
    try {
      await deleteReferral(referral.id);
      notifySuccess(ta('form.deleted'));
      onSaved(null);
    } catch (err) {
      notifyError(ta('form.deleteFailed'), err);
    }
  };

  return (
    <Modal opened onClose={onClose} title={referral ? ta('form.editTitle') : ta('form.newTitle')} size="lg" data-testid="referral-form">
      <form
        onSubmit={submit}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void submit();
          }
        }}
      >
        <Stack gap="sm">
          <Text size="xs" fw={600} c="dimmed" tt="uppercase">
            {ta('form.referrer')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <AccountSelect
              label={ta('form.referrerAccount')}
              placeholder={ta('form.searchAccount')}
              value={accountId}
              initialName={referrerName}
              excludeChurned
              onChange={(id, name) => {
                form.setFieldValue('referrer_account_id', id);
                form.setFieldValue('referrer_contact_id', null);
                setReferrerName(name);
              }}
              error={form.errors.referrer_account_id}
              withAsterisk
              data-autofocus={!prefill && !referral ? true : undefined}
              data-testid="referrer-account"
              nothingFoundMessage={ta('form.noAccounts')}
            />
            <Select
              label={ta('form.referrerContact')}
              placeholder={accountId ? ta('form.pickContact') : ta('form.pickAccountFirst')}
              disabled={!accountId}
              data={(contacts.data?.items ?? []).map((c) => ({ value: String(c.id), label: c.email ? `${c.name} · ${c.email}` : c.name }))}
              value={form.values.referrer_contact_id ? String(form.values.referrer_contact_id) : null}
              onChange={(v) => form.setFieldValue('referrer_contact_id', v ? Number(v) : null)}
              clearable
              searchable
              nothingFoundMessage={ta('form.noContacts')}
              error={form.errors.referrer_contact_id}
              data-testid="referrer-contact"
            />
          </SimpleGrid>
          <Divider />
          <Text size="xs" fw={600} c="dimmed" tt="uppercase">
            {ta('form.referred')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={ta('form.company')}
              withAsterisk
              data-autofocus={prefill ? true : undefined}
              {...form.getInputProps('referred_company')}
              data-testid="referred-company"
            />
            <TextInput label={ta('form.contact')} {...form.getInputProps('referred_contact')} data-testid="referred-contact" />
            <TextInput label={ta('form.email')} type="email" {...form.getInputProps('referred_email')} data-testid="referred-email" />
            <Group grow align="flex-start">
              <DateField label={ta('form.date')} withAsterisk {...form.getInputProps('referred_on')} data-testid="referred-on" />
              <Select
                label={ta('form.channel')}
                data={CHANNELS.map((c) => ({ value: c, label: ta(`channel.${c}`) }))}
                allowDeselect={false}
                {...form.getInputProps('channel')}
                data-testid="referral-channel"
              />
            </Group>
          </SimpleGrid>
          <Divider />
          <Text size="xs" fw={600} c="dimmed" tt="uppercase">
            {ta('form.rewards')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={ta('form.referrerReward')} placeholder={ta('form.referrerRewardExample')} {...form.getInputProps('referrer_reward')} data-testid="referrer-reward" />
            <TextInput label={ta('form.newcomerReward')} placeholder={ta('form.newcomerRewardExample')} {...form.getInputProps('newcomer_reward')} data-testid="newcomer-reward" />
          </SimpleGrid>
          <Textarea label={ta('form.notes')} autosize minRows={2} maxRows={6} {...form.getInputProps('notes')} />
          {other.length > 0 && (
            <Alert color="red" p="xs">
              {other.map((m) => (
                <Text key={m} size="sm">
                  {m}
                </Text>
              ))}
            </Alert>
          )}
          <FormFooter
            mt="xs"
            hint={
              <Group gap="xs">
                {referral && (
                  <Button variant="subtle" color="red" onClick={remove} data-testid="referral-delete">
                    {t('common.delete')}
                  </Button>
                )}
                <Text size="xs" c="dimmed" visibleFrom="sm">
                  <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> {ta('form.saveHint')}
                </Text>
              </Group>
            }
            submitLabel={referral ? t('common.save') : ta('form.create')}
            onCancel={onClose}
            saving={saving}
            submitTestId="referral-save"
          />
        </Stack>
      </form>
    </Modal>
  );
}
