import { useState, type ReactNode } from 'react';
import { Anchor, Badge, Blockquote, Button, Card, Grid, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconFileSearch, IconPencil, IconTrash } from '@tabler/icons-react';
import { Link, useNavigate, useParams } from 'react-router';
import { getAccount } from '../../api/accounts';
import { churnAudit, churnSettings, deleteChurn, getChurn } from '../../api/churn';
import { useApi } from '../../api/useApi';
import { formatDate, formatMoney } from '../../format/money';
import { useConfirm } from '../../shell/modals';
import { EmptyState, ErrorNotice, Loading } from '../../shell/Page';
import { notifyError, notifySuccess } from '../../shell/notify';
import { AuditTrail } from './AuditTrail';
import { ChurnForm } from './ChurnForm';
import { Sparkline } from './Sparkline';
import { EngagementBadge, HealthBadge, PreventableBadge } from './badges';
import { labelOf, reasonLabel, tenureText } from './format';
import { useChurnT } from './i18n';

function Stat({ label, children, hint, testId }: { label: string; children: ReactNode; hint?: ReactNode; testId?: string }) {
  return (
    <Card padding="md" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={6}>
        {label}
      </Text>
      {children}
      {hint && (
        <Text size="xs" c="dimmed" mt={6}>
          {hint}
        </Text>
      )}
    </Card>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </div>
  );
}

/** ChurnRecordPage shows one lost customer: why, what it cost, what they said, the frozen state at churn, and every change to the record. */
export function ChurnRecordPage() {
  const { tc, t, lang } = useChurnT();
  const { id } = useParams();
  const navigate = useNavigate();
  const confirm = useConfirm();
  const recordId = Number(id);
  const rec = useApi(() => getChurn(recordId), [recordId]);
  const audit = useApi(() => churnAudit(recordId), [recordId]);
  const settings = useApi(() => churnSettings(), []);
  const account = useApi(() => (rec.data ? getAccount(rec.data.account_id) : Promise.resolve(undefined)), [rec.data?.account_id]);
  const [editing, setEditing] = useState(false);

  if (rec.error?.status === 404) {
    return (
      <EmptyState
        icon={IconFileSearch}
        title={tc('record.notFound')}
        body={tc('record.notFoundBody')}
        action={<Button onClick={() => navigate('/churn')}>{tc('record.back')}</Button>}
      />
    );
  }
  if (rec.error) return <ErrorNotice error={rec.error} onRetry={rec.reload} />;
  if (!rec.data) return <Loading />;
  const r = rec.data;
  const none = '—';
  const questions = settings.data?.questions ?? [];
  const answered = [
    ...questions.filter((q) => r.answers[q.key]).map((q) => ({ key: q.key, question: labelOf(q.labels, lang), answer: r.answers[q.key]! })),
    ...Object.entries(r.answers)
      .filter(([k]) => !questions.some((q) => q.key === k))
      .map(([k, a]) => ({ key: k, question: k, answer: a })),
  ];

  const remove = async () => {
    const ok = await confirm({ title: tc('record.deleteTitle'), body: tc('record.deleteBody', { name: r.account_name }), confirmLabel: t('common.delete'), danger: true });
    if (!ok) return;
    try {
      await deleteChurn(r.id);
      notifySuccess(tc('record.deleted'));
      navigate('/churn');
    } catch (err) {
      notifyError(tc('record.deleteFailed'), err);
    }
  };

  return (
    <>
      <Button variant="subtle" px={0} mb="sm" leftSection={<IconArrowLeft size={16} />} onClick={() => navigate('/churn')}>
        {tc('record.back')}
      </Button>
      <Group justify="space-between" align="flex-start" mb="lg">
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {tc('record.kicker', { date: formatDate(r.churn_date, lang) })}
          </Text>
          <Title order={2}>
            <Anchor component={Link} to={`/accounts/${r.account_id}`} inherit c="inherit" data-testid="churn-account">
              {r.account_name}
            </Anchor>
          </Title>
          <Group gap="xs" mt={6}>
            <Badge size="lg" color="red" data-testid="churn-record-reason">
              {reasonLabel(settings.data, r.reason, lang)}
            </Badge>
            <PreventableBadge preventable={r.preventable} tc={tc} />
            <Badge color={r.voluntary ? 'blue' : 'grape'}>{r.voluntary ? tc('voluntary') : tc('involuntary')}</Badge>
            {r.competitor && <Badge color="gray">{tc('record.toCompetitor', { name: r.competitor })}</Badge>}
          </Group>
        </div>
        <Group>
          <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)} disabled={!account.data} data-testid="edit-churn">
            {t('common.edit')}
          </Button>
          <Button color="red" variant="light" leftSection={<IconTrash size={16} />} onClick={remove} data-testid="delete-churn">
            {t('common.delete')}
          </Button>
        </Group>
      </Group>

      <SimpleGrid cols={{ base: 2, md: 4 }} mb="md">
        <Stat label={tc('cols.mrrLost')} testId="stat-mrr">
          <Text fz={24} fw={700}>
            {formatMoney(r.mrr_lost, r.currency, lang)}
          </Text>
        </Stat>
        <Stat label={tc('cols.tenure')} hint={tc('record.tenureHint', { start: formatDate(r.contract_start, lang), end: formatDate(r.churn_date, lang), days: r.tenure_days })} testId="stat-tenure">
          <Text fz={24} fw={700}>
            {tenureText(r.tenure_days, tc, r.contract_start, r.churn_date)}
          </Text>
        </Stat>
        <Stat label={tc('cols.engagement')} hint={tc('record.weeksHint')} testId="stat-engagement">
          <Stack gap={6}>
            <EngagementBadge value={r.engagement_class} tc={tc} />
            <Sparkline values={r.engagement_weeks} label={tc('record.weeksLabel', { values: r.engagement_weeks.join(', ') })} width={200} height={30} />
          </Stack>
        </Stat>
        <Stat label={tc('cols.health')} hint={tc('record.frozenHint')} testId="stat-health">
          <HealthBadge score={r.health_score} band={r.health_class} tc={tc} />
        </Stat>
      </SimpleGrid>

      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Card>
              <Group justify="space-between" mb="sm">
                <Title order={5}>{tc('record.interview')}</Title>
                <Text size="xs" c="dimmed">
                  {r.exit_interview_date ? tc('record.interviewBy', { date: formatDate(r.exit_interview_date, lang), who: r.interviewer || none }) : tc('record.noInterview')}
                </Text>
              </Group>
              {r.quotes.length > 0 && (
                <Stack gap="xs" mb="md">
                  {r.quotes.map((q, i) => (
                    <Blockquote key={i} color="brand" p="sm" pl="md" fs="italic" data-testid="churn-quote">
                      {q}
                    </Blockquote>
                  ))}
                </Stack>
              )}
              <Stack gap="sm">
                {answered.map((a) => (
                  <div key={a.key} data-testid={`qa-${a.key}`}>
                    <Text size="sm" fw={600}>
                      {a.question}
                    </Text>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {a.answer}
                    </Text>
                  </div>
                ))}
                {answered.length === 0 && r.quotes.length === 0 && (
                  <Text size="sm" c="dimmed">
                    {tc('record.noAnswers')}
                  </Text>
                )}
              </Stack>
            </Card>
            <Card>
              <Title order={5} mb="sm">
                {tc('fields.lessons')}
              </Title>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={r.lessons ? undefined : 'dimmed'} data-testid="churn-lessons-view">
                {r.lessons || tc('record.noLessons')}
              </Text>
            </Card>
            {audit.error ? <ErrorNotice error={audit.error} onRetry={audit.reload} /> : <AuditTrail entries={audit.data?.items ?? []} settings={settings.data} currency={r.currency} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <Card>
              <Title order={5} mb="sm">
                {tc('record.details')}
              </Title>
              <Stack gap="sm">
                <Field label={tc('fields.reason_detail')}>{r.reason_detail || none}</Field>
                <Field label={tc('fields.competitor')}>{r.competitor || none}</Field>
                <SimpleGrid cols={2}>
                  <Field label={tc('fields.churn_date')}>{formatDate(r.churn_date, lang)}</Field>
                  <Field label={tc('fields.contract_start')}>{formatDate(r.contract_start, lang)}</Field>
                  <Field label={tc('log.owner')}>{r.owner || none}</Field>
                  <Field label={tc('record.planSegment')}>{[r.plan, r.segment ? t(`segment.${r.segment}` as never, { defaultValue: r.segment }) : ''].filter(Boolean).join(' · ') || none}</Field>
                </SimpleGrid>
              </Stack>
            </Card>
            <Card>
              <Title order={5} mb="sm">
                {tc('form.sectionWinBack')}
              </Title>
              <SimpleGrid cols={2}>
                <Field label={tc('fields.would_return')}>{r.would_return ? tc(`wouldReturn.${r.would_return}`) : none}</Field>
                <Field label={tc('fields.follow_up_on')}>{r.follow_up_on ? formatDate(r.follow_up_on, lang) : none}</Field>
              </SimpleGrid>
              <Stack mt="sm">
                <Field label={tc('fields.offer_made')}>{r.offer_made || none}</Field>
              </Stack>
            </Card>
            <Text size="xs" c="dimmed">
              {tc('record.stamp', {
                created: new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(new Date(r.created_at)),
                createdBy: r.created_by || tc('record.someone'),
                updated: new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(r.updated_at)),
                updatedBy: r.updated_by || tc('record.someone'),
              })}
            </Text>
          </Stack>
        </Grid.Col>
      </Grid>
      {editing && account.data && (
        <ChurnForm
          account={account.data}
          record={r}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            rec.reload();
            audit.reload();
          }}
        />
      )}
    </>
  );
}
