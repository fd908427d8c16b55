import { useState } from 'react';
import { ActionIcon, Badge, Button, Grid, Group, NumberInput, Select, Stack, Table, Text, Textarea, Title, Tooltip } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { listContacts } from '../../api/contacts';
import { fieldErrorsFor, toApiError } from '../../api/errors';
import { addNps, deleteNps, type NpsPoint, type NpsSummary } from '../../api/health';
import { useApi } from '../../api/useApi';
import { formatDate } from '../../format/money';
import { useConfirm } from '../../shell/modals';
import { notifyError, notifySuccess } from '../../shell/notify';
import { fmt1, isoDay, npsCategory, NPS_COLOR } from './format';
import { useHealthT } from './i18n';
import { DateField } from '../../shell/DateField';

type Field = 'score' | 'comment' | 'contact_id' | 'responded_on';
const FIELDS: readonly Field[] = ['score', 'comment', 'contact_id', 'responded_on'];

/** NpsValue shows an NPS figure with its sign, coloured by where it stands. */
export function NpsValue({ summary, testId, size = 28 }: { summary?: NpsSummary; testId?: string; size?: number }) {
  const { ta, lang } = useHealthT();
  if (!summary) return <Text c="dimmed">…</Text>;
  if (summary.responses === 0)
    return (
      <Text fz={size} fw={700} c="dimmed" data-testid={testId}>
        {ta('nps.noValue')}
      </Text>
    );
  const v = summary.nps;
  return (
    <Tooltip label={summary.formula} withArrow>
      <Text fz={size} fw={700} c={v >= 30 ? 'teal' : v >= 0 ? 'yellow.7' : 'red'} data-testid={testId}>
        {(v > 0 ? '+' : v < 0 ? '−' : '') + fmt1(Math.abs(v), lang)}
      </Text>
    </Tooltip>
  );
}

/** NpsSection lists an account's NPS answers, shows its NPS and records a new answer. */
export function NpsSection({ accountId, answers, summary, onChanged }: { accountId: number; answers: NpsPoint[]; summary?: NpsSummary; onChanged: () => void }) {
  const { ta, t, lang } = useHealthT();
  const confirm = useConfirm();
  const contacts = useApi(() => listContacts(accountId, { limit: 200 }), [accountId]);
  const [score, setScore] = useState<number | string>('');
  const [comment, setComment] = useState('');
  const [contact, setContact] = useState<string | null>(null);
  const [date, setDate] = useState(isoDay(new Date()));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [saving, setSaving] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const n = typeof score === 'number' ? score : Number.NaN;
    if (!Number.isInteger(n) || n < 0 || n > 10) {
      setErrors({ score: ta('nps.scoreRange') });
      return;
    }
    setSaving(true);
    setErrors({});
    try {
      await addNps(accountId, { score: n, comment: comment.trim(), contact_id: contact ? Number(contact) : null, responded_on: date });
      notifySuccess(ta('nps.saved', { score: n }));
      setScore('');
      setComment('');
      setContact(null);
      onChanged();
    } catch (err) {
      const { errors: fe } = fieldErrorsFor(toApiError(err), FIELDS);
      setErrors(fe);
      notifyError(ta('nps.saveFailed'), err);
    } finally {
      setSaving(false);
    }
  };

  const remove = async (a: NpsPoint) => {
    const ok = await confirm({
      title: ta('nps.deleteTitle'),
      body: ta('nps.deleteBody', { score: a.score, date: formatDate(a.responded_on, lang) }),
      confirmLabel: t('common.delete'),
      danger: true,
    });
    if (!ok) return;
    try {
      await deleteNps(a.id);
      notifySuccess(ta('nps.deleted'));
      onChanged();
    } catch (err) {
      notifyError(ta('nps.deleteFailed'), err);
    }
  };

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Group gap="lg" mb="sm" align="flex-end">
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {ta('nps.accountNps')}
            </Text>
            <NpsValue summary={summary} testId="account-nps" />
          </div>
          {summary && summary.responses > 0 && (
            <Group gap={6} mb={6}>
              <Badge color="teal">{ta('nps.promoters', { count: summary.promoters })}</Badge>
              <Badge color="yellow">{ta('nps.passives', { count: summary.passives })}</Badge>
              <Badge color="red">{ta('nps.detractors', { count: summary.detractors })}</Badge>
            </Group>
          )}
        </Group>
        {answers.length === 0 ? (
          <Text size="sm" c="dimmed">
            {ta('nps.none')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={360} mah={320}>
            <Table fz="sm" verticalSpacing={6} data-testid="nps-answers" stickyHeader>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{ta('nps.date')}</Table.Th>
                  <Table.Th>{ta('nps.score')}</Table.Th>
                  <Table.Th>{ta('nps.comment')}</Table.Th>
                  <Table.Th w={40} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {answers.map((a) => (
                  <Table.Tr key={a.id} data-testid="nps-answer">
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(a.responded_on, lang)}</Table.Td>
                    <Table.Td>
                      <Badge color={NPS_COLOR[npsCategory(a.score)]} title={ta(`nps.${npsCategory(a.score)}`)}>
                        {a.score}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{a.comment || <Text span c="dimmed">{t('common.notSet')}</Text>}</Table.Td>
                    <Table.Td>
                      <ActionIcon variant="subtle" color="red" onClick={() => remove(a)} aria-label={ta('nps.delete')}>
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <form onSubmit={submit} data-testid="nps-form" noValidate>
          <Title order={6} mb="xs">
            {ta('nps.add')}
          </Title>
          <Stack gap="xs">
            <Group grow align="flex-start">
              <NumberInput
                label={ta('nps.score')}
                description={ta('nps.scoreHint')}
                min={0}
                max={10}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="strict"
                value={score}
                onChange={setScore}
                error={errors.score}
                required
                data-testid="nps-score"
              />
              <DateField
                label={ta('nps.date')}
                description={ta('nps.dateHint')}
                value={date}
                onChange={(v) => setDate(v)}
                error={errors.responded_on}
                required
                data-testid="nps-date"
              />
            </Group>
            <Select
              label={ta('nps.contact')}
              placeholder={ta('nps.contactNone')}
              data={(contacts.data?.items ?? []).map((c) => ({ value: String(c.id), label: c.email ? `${c.name} · ${c.email}` : c.name }))}
              value={contact}
              onChange={setContact}
              clearable
              searchable
              nothingFoundMessage={ta('nps.noContacts')}
              error={errors.contact_id}
              data-testid="nps-contact"
            />
            <Textarea
              label={ta('nps.comment')}
              autosize
              minRows={2}
              maxRows={6}
              maxLength={4000}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              error={errors.comment}
              data-testid="nps-comment"
            />
            <Group justify="flex-end">
              <Button type="submit" leftSection={<IconPlus size={16} />} loading={saving} data-testid="nps-submit">
                {ta('nps.addButton')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Grid.Col>
    </Grid>
  );
}
