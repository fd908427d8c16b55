import { useState } from 'react';
import { Badge, Blockquote, Button, Card, Grid, Group, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { IconArrowLeft, IconPencil, IconTrash } from '@tabler/icons-react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { getAccount } from '../../api/accounts';
import { churnAudit, churnSettings, deleteChurn, getChurn } from '../../api/churn';
import { useApi } from '../../api/useApi';
import { formatMoney } from '../../format/money';
import { HEALTH_COLOR } from '../../theme';
import { useConfirm } from '../../shell/modals';
import { ErrorNotice, Loading } from '../../shell/Page';
import { notifyError, notifySuccess } from '../../shell/notify';
import { ChurnForm, label } from './ChurnForm';
import { tenure } from './ChurnLogPage';

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** ChurnRecordPage shows one lost customer: why, what it cost, what they said, and every change made to the record. */
export function ChurnRecordPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'en';
  const { id } = useParams();
  const navigate = useNavigate();
  const confirm = useConfirm();
  const recordId = Number(id);
  const rec = useApi(() => getChurn(recordId), [recordId]);
  const audit = useApi(() => churnAudit(recordId), [recordId]);
  const settings = useApi(() => churnSettings(), []);
  const account = useApi(() => (rec.data ? getAccount(rec.data.account_id) : Promise.resolve(undefined)), [rec.data?.account_id]);
  const [editing, setEditing] = useState(false);
  if (rec.error) return <ErrorNotice error={rec.error} onRetry={rec.reload} />;
  if (!rec.data) return <Loading />;
  const r = rec.data;
  const reason = settings.data?.reasons.find((x) => x.key === r.reason);
  const question = (key: string) => {
    const q = settings.data?.questions.find((x) => x.key === key);
    return q ? label(q.labels, lang) : key;
  };
  const remove = async () => {
    if (!(await confirm({ title: t('churn.deleteTitle'), body: t('churn.deleteBody'), confirmLabel: t('common.delete'), danger: true }))) return;
    try {
      await deleteChurn(r.id);
      notifySuccess(t('churn.deleted'));
      navigate('/churn');
    } catch (err) {
      notifyError(t('churn.saveFailed'), err);
    }
  };
  return (
    <>
      <Button variant="subtle" px={0} mb="sm" leftSection={<IconArrowLeft size={16} />} onClick={() => navigate('/churn')}>
        {t('churn.backToLog')}
      </Button>
      <Group justify="space-between" align="flex-start" mb="lg">
        <div>
          <Title order={2} data-testid="churn-account">
            {r.account_name}
          </Title>
          <Group gap="xs" mt={4}>
            <Badge size="lg" data-testid="churn-record-reason">
              {reason ? label(reason.labels, lang) : r.reason}
            </Badge>
            <Badge color={r.preventable ? 'orange' : 'gray'}>{r.preventable ? t('churn.preventable') : t('churn.unavoidable')}</Badge>
            <Badge color={r.voluntary ? 'blue' : 'grape'}>{r.voluntary ? t('churn.voluntary') : t('churn.involuntary')}</Badge>
            <Text c="dimmed" size="sm">
              {r.churn_date}
            </Text>
          </Group>
        </div>
        <Group>
          <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)} disabled={!account.data} data-testid="edit-churn">
            {t('common.edit')}
          </Button>
          <Button color="red" variant="light" leftSection={<IconTrash size={16} />} onClick={remove}>
            {t('common.delete')}
          </Button>
        </Group>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card>
            <Title order={5} mb="sm">
              {t('churn.frozen')}
            </Title>
            <Stack gap="xs">
              <Text size="sm">
                {t('churn.cols.tenure')}: <b>{tenure(r.tenure_days, t as never)}</b> ({r.tenure_days} d, {r.contract_start} → {r.churn_date})
              </Text>
              <Text size="sm">
                {t('churn.cols.engagement')}: <b>{r.engagement_class || '—'}</b>
              </Text>
              {r.engagement_weeks.length > 0 && (
                <Text size="xs" c="dimmed">
                  {t('churn.weeks')}: {r.engagement_weeks.join(' · ')}
                </Text>
              )}
              <Text size="sm">
                {t('churn.cols.health')}:{' '}
                {r.health_class ? <Badge color={HEALTH_COLOR[r.health_class]}>{r.health_score?.toFixed(1)}</Badge> : '—'}
              </Text>
              <Text size="sm">
                {t('churn.cols.mrrLost')}: <b>{formatMoney(r.mrr_lost, r.currency, lang)}</b>
              </Text>
              {r.competitor && (
                <Text size="sm">
                  {t('churn.fields.competitor')}: <b>{r.competitor}</b>
                </Text>
              )}
              {r.reason_detail && <Text size="sm">{r.reason_detail}</Text>}
            </Stack>
          </Card>
          <Card mt="md">
            <Title order={5} mb="sm">
              {t('churn.winBack')}
            </Title>
            <Text size="sm">
              {t('churn.fields.would_return')}: <b>{r.would_return ? t(`churn.${r.would_return}` as never) : '—'}</b>
            </Text>
            <Text size="sm">
              {t('churn.fields.follow_up_on')}: <b>{r.follow_up_on ?? '—'}</b>
            </Text>
            <Text size="sm">
              {t('churn.fields.offer_made')}: <b>{r.offer_made || '—'}</b>
            </Text>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Card>
              <Title order={5} mb="sm">
                {t('churn.interview')} {r.exit_interview_date ? `· ${r.exit_interview_date} · ${r.interviewer}` : ''}
              </Title>
              {r.quotes.map((q, i) => (
                <Blockquote key={i} color="brand" p="sm" mb="sm" data-testid="churn-quote">
                  {q}
                </Blockquote>
              ))}
              {Object.entries(r.answers).map(([k, a]) => (
                <div key={k} style={{ marginBottom: 8 }}>
                  <Text size="xs" c="dimmed" fw={600}>
                    {question(k)}
                  </Text>
                  <Text size="sm">{a}</Text>
                </div>
              ))}
              <Text size="xs" c="dimmed" fw={600} mt="sm">
                {t('churn.fields.lessons')}
              </Text>
              <Text size="sm">{r.lessons || '—'}</Text>
            </Card>
            <Card data-testid="audit-trail">
              <Title order={5} mb="sm">
                {t('churn.audit')}
              </Title>
              {audit.data && (
                <Timeline bulletSize={14} lineWidth={2}>
                  {[...audit.data.items].reverse().map((e) => (
                    <Timeline.Item key={e.id} title={`${t(`churn.action.${e.action}`)} · ${e.actor} · ${new Date(e.at).toLocaleString(lang)}`}>
                      {e.action === 'update' && (
                        <Table fz="xs" withRowBorders={false}>
                          <Table.Tbody>
                            {Object.entries(e.changes).map(([field, c]) => (
                              <Table.Tr key={field}>
                                <Table.Td fw={600}>{field}</Table.Td>
                                <Table.Td c="dimmed">{show(c.old)}</Table.Td>
                                <Table.Td>→ {show(c.new)}</Table.Td>
                              </Table.Tr>
                            ))}
                          </Table.Tbody>
                        </Table>
                      )}
                    </Timeline.Item>
                  ))}
                </Timeline>
              )}
            </Card>
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
