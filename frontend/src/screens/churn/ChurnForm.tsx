import { useRef, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Button,
  Divider,
  Group,
  Input,
  Kbd,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconX } from '@tabler/icons-react';
import { z } from 'zod';
import { churnSettings, logChurn, updateChurn, type ChurnInput, type ChurnRecord, type ChurnSettings } from '../../api/churn';
import { fieldErrorsFor, toApiError } from '../../api/errors';
import { useApi } from '../../api/useApi';
import type { Account } from '../../api/types';
import { majorToMinor, minorToMajor } from '../../format/money';
import { notifyError, notifySuccess } from '../../shell/notify';
import { labelOf, reasonDefaults } from './format';
import { useChurnT } from './i18n';
import { DateField } from '../../shell/DateField';
import { FormFooter } from '../../shell/FormFooter';

/** ChurnFormValues are the form's fields; MRR is in major units while typing. */
export interface ChurnFormValues {
  churn_date: string;
  reason: string;
  preventable: boolean;
  voluntary: boolean;
  reason_detail: string;
  competitor: string;
  mrr_lost: number | string;
  exit_interview_date: string;
  interviewer: string;
  answers: Record<string, string>;
  quotes: string[];
  lessons: string;
  would_return: '' | 'yes' | 'no' | 'maybe';
  follow_up_on: string;
  offer_made: string;
  language: 'en' | 'ru' | 'pl';
}

const FIELDS = [
  'churn_date',
  'reason',
  'preventable',
  'voluntary',
  'reason_detail',
  'competitor',
  'mrr_lost',
  'exit_interview_date',
  'interviewer',
  'answers',
  'quotes',
  'lessons',
  'would_return',
  'follow_up_on',
  'offer_made',
  'language',
] as const;

/** today is the local calendar day as YYYY-MM-DD. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** valuesOf fills the form from a record being edited, or with sensible defaults for a new churn of account. */
export function valuesOf(account: Pick<Account, 'mrr' | 'currency' | 'owner'>, record?: ChurnRecord, uiLang = 'en'): ChurnFormValues {
  const lang = (['en', 'ru', 'pl'].includes(uiLang) ? uiLang : 'en') as ChurnFormValues['language'];
  if (!record) {
    return {
      churn_date: today(),
      reason: '',
      // Nothing is preselected: the switches take the chosen reason's defaults.
      preventable: false,
      voluntary: false,
      reason_detail: '',
      competitor: '',
      mrr_lost: minorToMajor(account.mrr, account.currency),
      exit_interview_date: today(),
      interviewer: account.owner ?? '',
      answers: {},
      quotes: [''],
      lessons: '',
      would_return: '',
      follow_up_on: '',
      offer_made: '',
      language: lang,
    };
  }
  return {
    churn_date: record.churn_date,
    reason: record.reason,
    preventable: record.preventable,
    voluntary: record.voluntary,
    reason_detail: record.reason_detail,
    competitor: record.competitor,
    mrr_lost: minorToMajor(record.mrr_lost, record.currency),
    exit_interview_date: record.exit_interview_date ?? '',
    interviewer: record.interviewer,
    answers: { ...record.answers },
    quotes: record.quotes.length ? [...record.quotes] : [''],
    lessons: record.lessons,
    would_return: (['yes', 'no', 'maybe'].includes(record.would_return) ? record.would_return : '') as ChurnFormValues['would_return'],
    follow_up_on: record.follow_up_on ?? '',
    offer_made: record.offer_made,
    language: 'en',
  };
}

/** toInput turns the form's values into the API's input: MRR in minor units, empty optional fields left out. */
export function toInput(v: ChurnFormValues, currency: string, creating: boolean): ChurnInput {
  const opt = (s: string) => (s.trim() ? s.trim() : undefined);
  const answers = Object.fromEntries(Object.entries(v.answers).filter(([, a]) => a.trim()).map(([k, a]) => [k, a.trim()]));
  const mrr = typeof v.mrr_lost === 'number' ? v.mrr_lost : v.mrr_lost.trim() === '' ? undefined : Number(v.mrr_lost);
  return {
    churn_date: v.churn_date,
    reason: v.reason,
    preventable: v.preventable,
    voluntary: v.voluntary,
    reason_detail: v.reason_detail.trim(),
    competitor: v.competitor.trim(),
    mrr_lost: mrr === undefined || Number.isNaN(mrr) ? undefined : majorToMinor(mrr, currency),
    exit_interview_date: opt(v.exit_interview_date),
    interviewer: v.interviewer.trim(),
    answers,
    quotes: v.quotes.map((q) => q.trim()).filter(Boolean),
    lessons: v.lessons.trim(),
    would_return: v.would_return || undefined,
    follow_up_on: opt(v.follow_up_on),
    offer_made: v.offer_made.trim(),
    language: creating ? v.language : undefined,
  };
}

/** applyReason sets the reason and, from the reason list, its preventable and voluntary defaults. */
export function applyReason(v: ChurnFormValues, key: string, settings: ChurnSettings | undefined): ChurnFormValues {
  const d = reasonDefaults(settings, key);
  return d ? { ...v, reason: key, preventable: d.preventable, voluntary: d.voluntary } : { ...v, reason: key };
}

const required = z.string().trim().min(1);

interface ChurnFormProps {
  account: Pick<Account, 'id' | 'name' | 'mrr' | 'currency' | 'owner'>;
  record?: ChurnRecord;
  onClose: () => void;
  onSaved: (r: ChurnRecord) => void;
}

/** ChurnForm logs an account's churn with the exit interview, or edits a churn record. Enter (Ctrl+Enter in text areas) saves. */
export function ChurnForm({ account, record, onClose, onSaved }: ChurnFormProps) {
  const { tc, t, lang } = useChurnT();
  const settings = useApi(() => churnSettings(), []);
  const [saving, setSaving] = useState(false);
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const quoteRefs = useRef<(HTMLTextAreaElement | null)[]>([]);
  const creating = !record;
  const currency = record?.currency ?? account.currency;
  const form = useForm<ChurnFormValues>({
    initialValues: valuesOf(account, record, lang),
    validate: {
      churn_date: (v) => (required.safeParse(v).success ? null : t('form.required')),
      reason: (v) => (required.safeParse(v).success ? null : t('form.required')),
    },
  });

  const submit = form.onSubmit(async (v) => {
    setSaving(true);
    setOtherErrors([]);
    try {
      const input = toInput(v, currency, creating);
      const saved = record ? await updateChurn(record.id, input) : await logChurn(account.id, input);
      notifySuccess(tc(record ? 'form.updated' : 'form.logged', { name: account.name }));
      onSaved(saved);
    } catch (err) {
      const e = toApiError(err);
      const { errors, rest } = fieldErrorsFor(e, FIELDS);
      form.setErrors(errors);
      const others = Object.entries(rest).map(([k, m]) => `${k}: ${m}`);
      if (!e.hasFieldErrors) others.push(e.message);
      setOtherErrors(others);
      notifyError(tc('form.saveFailed'), err);
    } finally {
      setSaving(false);
    }
  });

  const onKeyDown = (e: React.KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  };

  const chooseReason = (key: string | null) => {
    if (!key) return;
    form.setValues(applyReason(form.getValues(), key, settings.data));
  };

  const addQuote = () => {
    form.insertListItem('quotes', '');
    const next = form.getValues().quotes.length;
    setTimeout(() => quoteRefs.current[next - 1]?.focus(), 0);
  };

  const reasons = (settings.data?.reasons ?? []).map((r) => ({ value: r.key, label: labelOf(r.labels, lang) }));
  const questions = settings.data?.questions ?? [];

  return (
    <Modal
      opened
      onClose={onClose}
      size={880}
      title={<Text fw={650}>{tc(record ? 'form.editTitle' : 'form.logTitle', { name: account.name })}</Text>}
      data-testid="churn-form"
    >
      <form onSubmit={submit} onKeyDown={onKeyDown} noValidate>
        <Stack gap="sm">
          {otherErrors.length > 0 && (
            <Alert color="red" data-testid="churn-form-errors">
              {otherErrors.map((m) => (
                <Text size="sm" key={m}>
                  {m}
                </Text>
              ))}
            </Alert>
          )}
          <Divider label={tc('form.sectionChurn')} labelPosition="left" />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={tc('fields.reason')}
              placeholder={tc('form.pickReason')}
              withAsterisk
              data={reasons}
              searchable
              data-autofocus
              openOnFocus={creating}
              {...form.getInputProps('reason')}
              onChange={chooseReason}
              data-testid="churn-reason"
              comboboxProps={{ withinPortal: true }}
            />
            <DateField label={tc('fields.churn_date')} withAsterisk {...form.getInputProps('churn_date')} data-testid="churn-date" />
            <NumberInput
              label={tc('fields.mrr_lost')}
              decimalScale={2}
              min={0}
              hideControls
              rightSection={<Text size="xs" c="dimmed">{currency}</Text>}
              rightSectionWidth={48}
              thousandSeparator=" "
              {...form.getInputProps('mrr_lost')}
              data-testid="churn-mrr"
            />
          </SimpleGrid>
          <Group gap="xl">
            <Switch label={tc('fields.preventable')} description={tc('form.preventableHint')} {...form.getInputProps('preventable', { type: 'checkbox' })} disabled={!form.values.reason} data-testid="churn-preventable" />
            <Switch label={tc('fields.voluntary')} description={tc('form.voluntaryHint')} {...form.getInputProps('voluntary', { type: 'checkbox' })} disabled={!form.values.reason} data-testid="churn-voluntary" />
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Textarea label={tc('fields.reason_detail')} autosize minRows={1} maxRows={4} {...form.getInputProps('reason_detail')} data-testid="churn-detail" />
            <TextInput label={tc('fields.competitor')} placeholder={tc('form.competitorPlaceholder')} {...form.getInputProps('competitor')} data-testid="churn-competitor" />
          </SimpleGrid>

          <Divider label={tc('form.sectionInterview')} labelPosition="left" mt="xs" />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <DateField label={tc('fields.exit_interview_date')} {...form.getInputProps('exit_interview_date')} />
            <TextInput label={tc('fields.interviewer')} {...form.getInputProps('interviewer')} />
            {creating && (
              <Select
                label={tc('fields.language')}
                description={tc('form.languageHint')}
                data={[
                  { value: 'en', label: 'English' },
                  { value: 'ru', label: 'Русский' },
                  { value: 'pl', label: 'Polski' },
                ]}
                allowDeselect={false}
                {...form.getInputProps('language')}
                data-testid="churn-language"
              />
            )}
          </SimpleGrid>
          {questions.map((q) => (
            <Textarea
              key={q.key}
              label={labelOf(q.labels, lang)}
              autosize
              minRows={1}
              maxRows={6}
              {...form.getInputProps(`answers.${q.key}`)}
              value={form.getValues().answers[q.key] ?? ''}
              data-testid={`answer-${q.key}`}
            />
          ))}
          <Input.Wrapper label={tc('fields.quotes')} description={tc('form.quotesHint')} error={form.errors.quotes}>
            <Stack gap={6} mt={6}>
              {form.getValues().quotes.map((_, i) => (
                <Group key={form.key(`quotes.${i}`)} gap={6} wrap="nowrap" align="flex-start">
                  <Textarea
                    style={{ flex: 1 }}
                    autosize
                    minRows={1}
                    maxRows={4}
                    placeholder={tc('form.quotePlaceholder')}
                    aria-label={tc('form.quoteN', { n: i + 1 })}
                    ref={(el) => {
                      quoteRefs.current[i] = el;
                    }}
                    styles={{ input: { fontStyle: 'italic' } }}
                    {...form.getInputProps(`quotes.${i}`)}
                    data-testid={`churn-quote-${i}`}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    mt={6}
                    aria-label={tc('form.removeQuote')}
                    onClick={() => (form.getValues().quotes.length > 1 ? form.removeListItem('quotes', i) : form.setFieldValue('quotes.0', ''))}
                  >
                    <IconX size={14} />
                  </ActionIcon>
                </Group>
              ))}
              <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={addQuote} w="fit-content" data-testid="add-quote">
                {tc('form.addQuote')}
              </Button>
            </Stack>
          </Input.Wrapper>
          <Textarea label={tc('fields.lessons')} description={tc('form.lessonsHint')} autosize minRows={2} maxRows={8} {...form.getInputProps('lessons')} data-testid="churn-lessons" />

          <Divider label={tc('form.sectionWinBack')} labelPosition="left" mt="xs" />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Input.Wrapper label={tc('fields.would_return')} error={form.errors.would_return}>
              <SegmentedControl
                mt={4}
                fullWidth
                data={[
                  { value: '', label: '—' },
                  { value: 'yes', label: tc('wouldReturn.yes') },
                  { value: 'maybe', label: tc('wouldReturn.maybe') },
                  { value: 'no', label: tc('wouldReturn.no') },
                ]}
                {...form.getInputProps('would_return')}
                data-testid="churn-would-return"
              />
            </Input.Wrapper>
            <DateField label={tc('fields.follow_up_on')} {...form.getInputProps('follow_up_on')} />
            <TextInput label={tc('fields.offer_made')} placeholder={tc('form.offerPlaceholder')} {...form.getInputProps('offer_made')} />
          </SimpleGrid>

          <FormFooter
            sticky
            mt="sm"
            hint={
              <Text size="xs" c="dimmed">
                <Kbd size="xs">Enter</Kbd> / <Kbd size="xs">Ctrl</Kbd>+<Kbd size="xs">Enter</Kbd> {tc('form.saveHint')}
              </Text>
            }
            submitLabel={record ? t('common.save') : tc('form.submitLog')}
            onCancel={onClose}
            saving={saving}
            submitTestId="churn-submit"
          />
        </Stack>
      </form>
    </Modal>
  );
}
