import { useState } from 'react';
import { Divider, Modal, NumberInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { createAccount, updateAccount } from '../../api/accounts';
import { fieldErrorsFor, toApiError } from '../../api/errors';
import { SEGMENTS, STATUSES, type Account, type AccountInput, type AccountStatus } from '../../api/types';
import { majorToMinor, minorToMajor } from '../../format/money';
import { notifyError, notifySuccess } from '../../shell/notify';
import { DateField } from '../../shell/DateField';
import { FormFooter } from '../../shell/FormFooter';

/** FormValues are what the account form edits; MRR is in major units here. */
export interface FormValues {
  name: string;
  domain: string;
  industry: string;
  segment: string;
  plan: string;
  mrr: number | string;
  currency: string;
  seats: number | string;
  contract_start: string;
  renewal_date: string;
  trial_ends_on: string;
  owner: string;
  status: string;
  crm_source: string;
  external_id: string;
  payment_status: string;
  overdue_since: string;
  card_expiry_month: number | string;
  card_expiry_year: number | string;
}

const FIELDS = [
  'name', 'domain', 'industry', 'segment', 'plan', 'mrr', 'currency', 'seats', 'contract_start', 'renewal_date', 'trial_ends_on', 'owner',
  'status', 'crm_source', 'external_id', 'payment_status', 'overdue_since', 'card_expiry_month', 'card_expiry_year',
] as const;

const CURRENCIES = ['EUR', 'USD', 'PLN', 'GBP', 'CHF', 'SEK', 'CZK'];

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** valuesOf fills the form from an account, or with defaults for a new one. */
export function valuesOf(a?: Account): FormValues {
  return {
    name: a?.name ?? '',
    domain: a?.domain ?? '',
    industry: a?.industry ?? '',
    segment: a?.segment ?? 'smb',
    plan: a?.plan ?? '',
    mrr: a ? minorToMajor(a.mrr, a.currency) : 0,
    currency: a?.currency ?? 'EUR',
    seats: a?.seats ?? 0,
    contract_start: a?.contract_start ?? today(),
    renewal_date: a?.renewal_date ?? '',
    trial_ends_on: a?.trial_ends_on ?? '',
    owner: a?.owner ?? '',
    status: a?.status ?? 'active',
    crm_source: a?.crm_source ?? '',
    external_id: a?.external_id ?? '',
    payment_status: a?.payment_status ?? 'ok',
    overdue_since: a?.overdue_since ?? '',
    card_expiry_month: a?.card_expiry_month ?? '',
    card_expiry_year: a?.card_expiry_year ?? '',
  };
}

/**
 * statusChoices are the statuses the form may set: only a churn record makes
 * an account churned and only a reactivation brings it back, so a live
 * account offers the live statuses and a churned one keeps its status.
 */
export function statusChoices(a?: Account): AccountStatus[] {
  return a?.status === 'churned' ? ['churned'] : STATUSES.filter((s) => s !== 'churned');
}

const optionalNumber = (v: number | string): number | undefined => (v === '' || v === null ? undefined : Number(v));

/** toInput turns form values into the API's body; MRR goes to minor units. */
export function toInput(v: FormValues): AccountInput {
  const opt = (s: string) => (s.trim() === '' ? undefined : s.trim());
  return {
    name: v.name.trim(),
    domain: opt(v.domain),
    industry: opt(v.industry),
    segment: v.segment as AccountInput['segment'],
    plan: opt(v.plan),
    mrr: majorToMinor(Number(v.mrr || 0), v.currency),
    currency: v.currency,
    seats: optionalNumber(v.seats),
    contract_start: v.contract_start,
    renewal_date: opt(v.renewal_date),
    trial_ends_on: opt(v.trial_ends_on),
    owner: opt(v.owner),
    status: v.status as AccountInput['status'],
    crm_source: opt(v.crm_source),
    external_id: opt(v.external_id),
    payment_status: v.payment_status as AccountInput['payment_status'],
    overdue_since: v.payment_status === 'overdue' ? opt(v.overdue_since) : undefined,
    card_expiry_month: optionalNumber(v.card_expiry_month),
    card_expiry_year: optionalNumber(v.card_expiry_year),
  };
}

/** AccountForm creates or edits an account in a modal; the server's field errors land under their inputs. */
export function AccountForm({ account, opened, onClose, onSaved }: { account?: Account; opened: boolean; onClose: () => void; onSaved: (a: Account) => void }) {
  const { t } = useTranslation();
  const [saving, setSaving] = useState(false);
  const schema = z.object({
    name: z.string().trim().min(1, t('form.required')),
    contract_start: z.string().min(1, t('form.required')),
    currency: z.string().min(3, t('form.required')),
  });
  const form = useForm<FormValues>({
    initialValues: valuesOf(account),
    validate: (values) => {
      const res = schema.safeParse(values);
      if (res.success) return {};
      return Object.fromEntries(res.error.issues.map((i) => [String(i.path[0]), i.message]));
    },
  });

  const submit = form.onSubmit(async (values) => {
    setSaving(true);
    try {
      const saved = account ? await updateAccount(account.id, toInput(values)) : await createAccount(toInput(values));
      notifySuccess(t(account ? 'accounts.updated' : 'accounts.created', { name: saved.name }));
      onSaved(saved);
    } catch (err) {
      const apiErr = toApiError(err);
      const { errors, rest } = fieldErrorsFor(apiErr, FIELDS);
      form.setErrors(errors);
      if (Object.keys(errors).length === 0 || Object.keys(rest).length > 0) {
        notifyError(t('accounts.saveFailed'), err);
      }
    } finally {
      setSaving(false);
    }
  });

  const f = (k: keyof FormValues) => ({ ...form.getInputProps(k), 'data-testid': `field-${k}` });
  return (
    <Modal opened={opened} onClose={onClose} title={t(account ? 'form.editTitle' : 'form.newTitle')} size="xl" data-testid="account-form">
      <form onSubmit={submit} noValidate>
        <Divider label={t('form.sectionCompany')} labelPosition="left" mb="sm" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('form.fields.name')} withAsterisk {...f('name')} />
          <TextInput label={t('form.fields.domain')} placeholder={t('form.placeholders.domain')} {...f('domain')} />
          <TextInput label={t('form.fields.industry')} {...f('industry')} />
          <Select label={t('form.fields.segment')} data={SEGMENTS.map((s) => ({ value: s, label: t(`segment.${s}`) }))} allowDeselect={false} {...f('segment')} />
          <TextInput label={t('form.fields.owner')} placeholder={t('form.placeholders.owner')} {...f('owner')} />
          <Select
            label={t('form.fields.status')}
            data={statusChoices(account).map((s) => ({ value: s, label: t(`status.${s}`) }))}
            allowDeselect={false}
            disabled={account?.status === 'churned'}
            description={account?.status === 'churned' ? t('form.statusChurnedHint') : undefined}
            {...f('status')}
          />
        </SimpleGrid>
        <Divider label={t('form.sectionCommercial')} labelPosition="left" my="sm" />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('form.fields.plan')} placeholder={t('form.placeholders.plan')} {...f('plan')} />
          <NumberInput label={t('form.fields.mrr')} description={t('form.fields.mrrHint', { currency: form.values.currency })} decimalScale={2} {...f('mrr')} />
          <Select label={t('form.fields.currency')} data={CURRENCIES} searchable allowDeselect={false} {...f('currency')} />
          <NumberInput label={t('form.fields.seats')} allowDecimal={false} {...f('seats')} />
          <DateField label={t('form.fields.contract_start')} withAsterisk {...f('contract_start')} />
          <DateField label={t('form.fields.renewal_date')} {...f('renewal_date')} />
          <DateField label={t('form.fields.trial_ends_on')} {...f('trial_ends_on')} />
        </SimpleGrid>
        <Divider label={t('form.sectionBilling')} labelPosition="left" my="sm" />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('form.fields.payment_status')}
            data={[{ value: 'ok', label: t('payment.ok') }, { value: 'overdue', label: t('payment.overdue') }]}
            allowDeselect={false}
            {...f('payment_status')}
          />
          {form.values.payment_status === 'overdue' && <DateField label={t('form.fields.overdue_since')} {...f('overdue_since')} />}
          <NumberInput label={t('form.fields.card_expiry_month')} min={1} max={12} allowDecimal={false} {...f('card_expiry_month')} />
          <NumberInput label={t('form.fields.card_expiry_year')} allowDecimal={false} {...f('card_expiry_year')} />
          <TextInput label={t('form.fields.crm_source')} {...f('crm_source')} />
          <TextInput label={t('form.fields.external_id')} {...f('external_id')} />
        </SimpleGrid>
        <FormFooter mt="xl" submitLabel={t(account ? 'form.save' : 'form.create')} onCancel={onClose} saving={saving} submitTestId="account-submit" />
      </form>
    </Modal>
  );
}
