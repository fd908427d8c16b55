import { useState } from 'react';
import { Button, Group, Modal, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { getHotkeyHandler } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { churnSettings, logChurn, updateChurn, type ChurnInput, type ChurnRecord, type ChurnSettings } from '../../api/churn';
import { fieldErrorsFor, toApiError } from '../../api/errors';
import { useApi } from '../../api/useApi';
import type { Account } from '../../api/types';
import { majorToMinor, minorToMajor } from '../../format/money';
import { notifyError, notifySuccess } from '../../shell/notify';

/** label picks a reason's or question's text in the interface language. */
export function label(l: { en: string; ru: string; pl: string }, lang: string): string {
  return (lang === 'ru' ? l.ru : lang === 'pl' ? l.pl : l.en) || l.en;
}

/** reasonDefaults are the preventable and voluntary defaults a reason brings. */
export function reasonDefaults(settings: ChurnSettings | undefined, key: string): { preventable: boolean; voluntary: boolean } {
  const r = settings?.reasons.find((x) => x.key === key);
  return { preventable: r?.preventable ?? true, voluntary: r?.voluntary ?? true };
}

interface Values {
  churn_date: string;
  reason: string;
  reason_detail: string;
  competitor: string;
  preventable: boolean;
  voluntary: boolean;
  mrr_lost: number | string;
  exit_interview_date: string;
  interviewer: string;
  answers: Record<string, string>;
  quotes: string;
  lessons: string;
  would_return: string;
  follow_up_on: string;
  offer_made: string;
  language: string;
}

const FIELDS = ['churn_date', 'reason', 'reason_detail', 'competitor', 'mrr_lost', 'exit_interview_date', 'interviewer', 'quotes', 'lessons', 'would_return', 'follow_up_on', 'offer_made'] as const;

/** ChurnForm logs a churn with its exit interview, or edits a churn record. */
export function ChurnForm({ account, record, onClose, onSaved }: { account: Account; record?: ChurnRecord; onClose: () => void; onSaved: (r: ChurnRecord) => void }) {
  const { t, i18n } = useTranslation();
  const settings = useApi(() => churnSettings(), []);
  const [saving, setSaving] = useState(false);
  const today = new Date().toISOString().slice(0, 10);
  const form = useForm<Values>({
    initialValues: {
      churn_date: record?.churn_date ?? today,
      reason: record?.reason ?? '',
      reason_detail: record?.reason_detail ?? '',
      competitor: record?.competitor ?? '',
      preventable: record?.preventable ?? true,
      voluntary: record?.voluntary ?? true,
      mrr_lost: minorToMajor(record?.mrr_lost ?? account.mrr, account.currency),
      exit_interview_date: record?.exit_interview_date ?? today,
      interviewer: record?.interviewer ?? account.owner,
      answers: record?.answers ?? {},
      quotes: (record?.quotes ?? []).join('\n'),
      lessons: record?.lessons ?? '',
      would_return: record?.would_return ?? '',
      follow_up_on: record?.follow_up_on ?? '',
      offer_made: record?.offer_made ?? '',
      language: 'en',
    },
    validate: { reason: (v) => (v ? null : t('form.required')), churn_date: (v) => (v ? null : t('form.required')) },
  });

  const chooseReason = (key: string | null) => {
    if (!key) return;
    const d = reasonDefaults(settings.data, key);
    form.setValues({ reason: key, preventable: d.preventable, voluntary: d.voluntary });
  };

  const submit = form.onSubmit(async (v) => {
    setSaving(true);
    const opt = (s: string) => (s.trim() ? s.trim() : undefined);
    const input: ChurnInput = {
      churn_date: v.churn_date,
      reason: v.reason,
      reason_detail: opt(v.reason_detail),
      competitor: opt(v.competitor),
      preventable: v.preventable,
      voluntary: v.voluntary,
      mrr_lost: majorToMinor(Number(v.mrr_lost || 0), account.currency),
      exit_interview_date: opt(v.exit_interview_date),
      interviewer: opt(v.interviewer),
      answers: Object.fromEntries(Object.entries(v.answers).filter(([, a]) => a.trim())),
      quotes: v.quotes.split('\n').map((q) => q.trim()).filter(Boolean),
      lessons: opt(v.lessons),
      would_return: (opt(v.would_return) as ChurnInput['would_return']) ?? undefined,
      follow_up_on: opt(v.follow_up_on),
      offer_made: opt(v.offer_made),
      language: record ? undefined : (v.language as ChurnInput['language']),
    };
    try {
      const saved = record ? await updateChurn(record.id, input) : await logChurn(account.id, input);
      notifySuccess(t(record ? 'churn.updated' : 'churn.logged', { name: account.name }));
      onSaved(saved);
    } catch (err) {
      const { errors } = fieldErrorsFor(toApiError(err), FIELDS);
      form.setErrors(errors);
      notifyError(t('churn.saveFailed'), err);
    } finally {
      setSaving(false);
    }
  });

  const lang = i18n.resolvedLanguage ?? 'en';
  const reasons = (settings.data?.reasons ?? []).map((r) => ({ value: r.key, label: label(r.labels, lang) }));
  return (
    <Modal opened onClose={onClose} size="xl" title={t(record ? 'churn.editTitle' : 'churn.logTitle', { name: account.name })} data-testid="churn-form">
      <form onSubmit={submit} onKeyDown={getHotkeyHandler([['mod+Enter', () => submit()]])} noValidate>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput type="date" label={t('churn.fields.churn_date')} withAsterisk {...form.getInputProps('churn_date')} data-autofocus />
            <Select label={t('churn.fields.reason')} withAsterisk data={reasons} searchable {...form.getInputProps('reason')} onChange={chooseReason} data-testid="churn-reason" />
            <NumberInput label={t('churn.fields.mrr_lost')} description={account.currency} decimalScale={2} min={0} {...form.getInputProps('mrr_lost')} />
          </SimpleGrid>
          <Group>
            <Switch label={t('churn.fields.preventable')} {...form.getInputProps('preventable', { type: 'checkbox' })} data-testid="churn-preventable" />
            <Switch label={t('churn.fields.voluntary')} {...form.getInputProps('voluntary', { type: 'checkbox' })} />
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('churn.fields.reason_detail')} {...form.getInputProps('reason_detail')} />
            <TextInput label={t('churn.fields.competitor')} {...form.getInputProps('competitor')} />
          </SimpleGrid>
          <Text fw={600} size="sm" mt="xs">
            {t('churn.interview')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput type="date" label={t('churn.fields.exit_interview_date')} {...form.getInputProps('exit_interview_date')} />
            <TextInput label={t('churn.fields.interviewer')} {...form.getInputProps('interviewer')} />
            {!record && (
              <Select
                label={t('churn.fields.language')}
                data={[{ value: 'en', label: 'English' }, { value: 'ru', label: 'Русский' }, { value: 'pl', label: 'Polski' }]}
                allowDeselect={false}
                {...form.getInputProps('language')}
              />
            )}
          </SimpleGrid>
          {(settings.data?.questions ?? []).map((q) => (
            <Textarea
              key={q.key}
              label={label(q.labels, lang)}
              autosize
              minRows={1}
              value={form.values.answers[q.key] ?? ''}
              onChange={(e) => form.setFieldValue('answers', { ...form.values.answers, [q.key]: e.currentTarget.value })}
              data-testid={`answer-${q.key}`}
            />
          ))}
          <Textarea label={t('churn.fields.quotes')} description={t('churn.quotesHint')} autosize minRows={2} {...form.getInputProps('quotes')} data-testid="churn-quotes" />
          <Textarea label={t('churn.fields.lessons')} autosize minRows={2} {...form.getInputProps('lessons')} data-testid="churn-lessons" />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <div>
              <Text size="sm" fw={500} mb={4}>
                {t('churn.fields.would_return')}
              </Text>
              <SegmentedControl
                data={[{ value: '', label: '—' }, { value: 'yes', label: t('churn.yes') }, { value: 'maybe', label: t('churn.maybe') }, { value: 'no', label: t('churn.no') }]}
                {...form.getInputProps('would_return')}
              />
            </div>
            <TextInput type="date" label={t('churn.fields.follow_up_on')} {...form.getInputProps('follow_up_on')} />
            <TextInput label={t('churn.fields.offer_made')} {...form.getInputProps('offer_made')} />
          </SimpleGrid>
          <Group justify="space-between" mt="sm">
            <Text size="xs" c="dimmed">
              {t('churn.saveHint')}
            </Text>
            <Group>
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={saving} data-testid="churn-submit">
                {t('common.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
