import { useState } from 'react';
import { Anchor, Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { IconDoorExit } from '@tabler/icons-react';
import { Link } from 'react-router';
import { fieldErrorsFor, toApiError } from '../../api/errors';
import { LETTER_LANGS, listOffboarding, openIntent, type LetterLang } from '../../api/offboarding';
import { useApi } from '../../api/useApi';
import { formatDate } from '../../format/money';
import type { AccountPanelProps } from '../../shell/area';
import { notifyError, notifySuccess } from '../../shell/notify';
import { isoDay } from './logic';
import { KindBadge, OverdueBadge, ProgressCell, useReasons } from './parts';
import { useOffT } from './i18n';
import { DateField } from '../../shell/DateField';
import { FormFooter } from '../../shell/FormFooter';

const FIELDS = ['date', 'reason', 'language'] as const;

/** OffboardingPanel shows an account's offboarding checklists, or lets a live account's customer announce they intend to leave. */
export function OffboardingPanel({ account, onChanged }: AccountPanelProps) {
  const { ta, t, lang } = useOffT();
  const { settings, label } = useReasons();
  const list = useApi(() => listOffboarding({ account_id: account.id, status: 'all', limit: 10 }), [account.id, account.status]);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<string | null>(null);
  const [date, setDate] = useState(isoDay(new Date()));
  const [language, setLanguage] = useState<LetterLang>((LETTER_LANGS as readonly string[]).includes(lang) ? (lang as LetterLang) : 'en');
  const [errors, setErrors] = useState<Partial<Record<(typeof FIELDS)[number], string>>>({});
  const [saving, setSaving] = useState(false);

  const items = list.data?.items ?? [];
  const hasOpen = items.some((c) => !c.completed_at);
  const live = account.status !== 'churned';

  const submit = async () => {
    setErrors({});
    if (!date) {
      setErrors({ date: ta('panel.dateRequired') });
      return;
    }
    setSaving(true);
    try {
      await openIntent(account.id, { date, reason: reason ?? undefined, language });
      notifySuccess(ta('panel.opened', { name: account.name }));
      setOpen(false);
      list.reload();
      onChanged();
    } catch (err) {
      setErrors(fieldErrorsFor(toApiError(err), FIELDS).errors);
      notifyError(ta('panel.openFailed'), err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card data-testid="offboarding-panel">
      <Group justify="space-between" mb="sm">
        <Title order={5}>{ta('panel.title')}</Title>
        {live && !hasOpen && !open && (
          <Button size="xs" variant="light" color="orange" leftSection={<IconDoorExit size={14} />} onClick={() => setOpen(true)} data-testid="intent-open">
            {ta('panel.intent')}
          </Button>
        )}
      </Group>
      {list.loading && !list.data ? (
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      ) : items.length === 0 ? (
        !open && (
          <Text size="sm" c="dimmed" data-testid="offboarding-none">
            {live ? ta('panel.noneLive') : ta('panel.none')}
          </Text>
        )
      ) : (
        <Stack gap="sm" data-testid="offboarding-panel-list">
          {items.map((c) => (
            <Group key={c.id} justify="space-between" wrap="wrap" gap="sm">
              <Stack gap={2}>
                <Group gap="xs">
                  <Anchor component={Link} to={`/offboarding/${c.id}`} size="sm" fw={600} data-testid={`panel-checklist-${c.id}`}>
                    {ta('panel.checklist', { date: formatDate(c.start_date, lang) })}
                  </Anchor>
                  <KindBadge kind={c.kind} />
                </Group>
                <Text size="xs" c="dimmed">
                  {label(c.reason)}
                  {c.completed_at ? ' · ' + ta('checklist.closedOn', { date: formatDate(c.completed_at, lang) }) : ''}
                </Text>
              </Stack>
              <Group gap="sm">
                <ProgressCell progress={c.progress} w={120} testId={`panel-progress-${c.id}`} />
                {c.progress.overdue > 0 && <OverdueBadge count={c.progress.overdue} />}
              </Group>
            </Group>
          ))}
        </Stack>
      )}
      {open && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
          data-testid="intent-form"
        >
          <Stack gap="xs" mt="sm">
            <Text size="sm" c="dimmed">
              {ta('panel.intentHint')}
            </Text>
            <Group align="flex-start" wrap="wrap">
              <Select
                label={ta('panel.reason')}
                placeholder={ta('reasons.unknown')}
                data={(settings?.reasons ?? []).map((r) => ({ value: r.key, label: label(r.key) }))}
                value={reason}
                onChange={setReason}
                clearable
                searchable
                w={240}
                error={errors.reason}
                data-testid="intent-reason"
              />
              <DateField label={ta('panel.date')} value={date} onChange={(v) => setDate(v)} error={errors.date} required w={160} data-testid="intent-date" />
              <Select
                label={ta('panel.language')}
                data={LETTER_LANGS.map((l) => ({ value: l, label: ta(`langs.${l}`) }))}
                value={language}
                onChange={(v) => v && setLanguage(v as LetterLang)}
                allowDeselect={false}
                w={140}
                error={errors.language}
                data-testid="intent-language"
              />
            </Group>
            <FormFooter size="sm" color="orange" submitLabel={ta('panel.create')} onCancel={() => setOpen(false)} saving={saving} submitTestId="intent-submit" />
          </Stack>
        </form>
      )}
    </Card>
  );
}
