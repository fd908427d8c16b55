import { useState } from 'react';
import { Alert, Group, Modal, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ApiError, fieldErrorsFor, toApiError } from '../../api/errors';
import { convertReferral, type Referral } from '../../api/loyalty';
import { majorToMinor } from '../../format/money';
import { notifySuccess } from '../../shell/notify';
import { AccountSelect } from './AccountSelect';
import { convertValues, newAccountInput, type ConvertValues } from './format';
import { useLoyaltyT } from './i18n';
import { DateField } from '../../shell/DateField';
import { FormFooter } from '../../shell/FormFooter';

const CURRENCIES = ['EUR', 'USD', 'PLN', 'GBP', 'CHF', 'SEK', 'CZK'];
const ACCOUNT_FIELDS = ['name', 'domain', 'segment', 'plan', 'mrr', 'currency', 'contract_start', 'status', 'owner'] as const;

/** ConvertModal converts a referral: it creates the new customer's account or links one that already exists. */
export function ConvertModal({ referral, onClose, onConverted }: { referral: Referral; onClose: () => void; onConverted: (r: Referral) => void }) {
  const { ta, t } = useLoyaltyT();
  const [mode, setMode] = useState<'create' | 'link'>('create');
  const [linkId, setLinkId] = useState<number | null>(null);
  const [linkError, setLinkError] = useState<string>();
  const [other, setOther] = useState<string>();
  const [saving, setSaving] = useState(false);
  const form = useForm<ConvertValues>({
    initialValues: convertValues(referral),
    validate: {
      name: (v) => (v.trim() ? null : t('form.required')),
      contract_start: (v) => (v ? null : t('form.required')),
    },
  });

  const done = (r: Referral) => {
    notifySuccess(ta('convert.done', { company: referral.referred_company }));
    onConverted(r);
  };
  const fail = (err: unknown) => {
    const e = toApiError(err);
    const prefixed = Object.fromEntries(Object.entries(e.fields).map(([k, m]) => [k.replace(/^new_account\./, ''), m]));
    const { errors, rest } = fieldErrorsFor(new ApiError(e.status, e.code, e.message, prefixed), ACCOUNT_FIELDS);
    form.setErrors(errors);
    if (rest.account_id) setLinkError(rest.account_id);
    const left = Object.entries(rest).filter(([k]) => k !== 'account_id');
    setOther(left.length ? left.map(([k, m]) => `${k}: ${m}`).join('; ') : e.hasFieldErrors ? undefined : e.message);
  };

  const submitCreate = form.onSubmit(async (v) => {
    setSaving(true);
    setOther(undefined);
    try {
      done(await convertReferral(referral.id, { new_account: newAccountInput(v, majorToMinor) }));
    } catch (err) {
      fail(err);
    } finally {
      setSaving(false);
    }
  });
  const submitLink = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!linkId) {
      setLinkError(t('form.required'));
      return;
    }
    setSaving(true);
    setOther(undefined);
    try {
      done(await convertReferral(referral.id, { account_id: linkId }));
    } catch (err) {
      fail(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={ta('convert.title', { company: referral.referred_company })} size="lg" data-testid="convert-modal">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {ta('convert.hint')}
        </Text>
        <SegmentedControl
          value={mode}
          onChange={(v) => setMode(v as 'create' | 'link')}
          data={[
            { value: 'create', label: ta('convert.create') },
            { value: 'link', label: ta('convert.link') },
          ]}
          data-testid="convert-mode"
        />
        {mode === 'create' ? (
          <form onSubmit={submitCreate}>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label={t('form.fields.name')} withAsterisk data-autofocus {...form.getInputProps('name')} data-testid="convert-name" />
                <TextInput label={t('form.fields.domain')} placeholder={t('form.placeholders.domain')} {...form.getInputProps('domain')} />
                <Select
                  label={t('form.fields.segment')}
                  data={(['smb', 'mid_market', 'enterprise'] as const).map((s) => ({ value: s, label: t(`segment.${s}`) }))}
                  allowDeselect={false}
                  {...form.getInputProps('segment')}
                />
                <Select
                  label={t('form.fields.status')}
                  data={(['trial', 'onboarding', 'active'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))}
                  allowDeselect={false}
                  {...form.getInputProps('status')}
                />
                <TextInput label={t('form.fields.plan')} placeholder={t('form.placeholders.plan')} {...form.getInputProps('plan')} />
                <Group grow align="flex-start">
                  <NumberInput label={t('form.fields.mrr')} min={0} decimalScale={2} thousandSeparator=" " {...form.getInputProps('mrr')} data-testid="convert-mrr" />
                  <Select label={t('form.fields.currency')} data={CURRENCIES} searchable allowDeselect={false} {...form.getInputProps('currency')} />
                </Group>
                <DateField label={t('form.fields.contract_start')} withAsterisk {...form.getInputProps('contract_start')} />
                <TextInput label={t('form.fields.owner')} placeholder={t('form.placeholders.owner')} {...form.getInputProps('owner')} />
              </SimpleGrid>
              {other && (
                <Alert color="red" p="xs">
                  <Text size="sm">{other}</Text>
                </Alert>
              )}
              <FormFooter color="teal" submitLabel={ta('convert.createSubmit')} onCancel={onClose} saving={saving} submitTestId="convert-submit" />
            </Stack>
          </form>
        ) : (
          <form onSubmit={submitLink}>
            <Stack gap="sm">
              <AccountSelect
                label={ta('convert.existing')}
                placeholder={ta('form.searchAccount')}
                value={linkId}
                initialName={referral.referred_company}
                onChange={(id) => {
                  setLinkId(id);
                  setLinkError(undefined);
                }}
                error={linkError}
                data-autofocus
                data-testid="convert-account"
                nothingFoundMessage={ta('form.noAccounts')}
              />
              {other && (
                <Alert color="red" p="xs">
                  <Text size="sm">{other}</Text>
                </Alert>
              )}
              <FormFooter color="teal" submitLabel={ta('convert.linkSubmit')} onCancel={onClose} saving={saving} submitTestId="convert-link-submit" />
            </Stack>
          </form>
        )}
      </Stack>
    </Modal>
  );
}
