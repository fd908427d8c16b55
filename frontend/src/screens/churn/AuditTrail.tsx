import { Badge, Card, Group, Table, Text, Timeline, Title } from '@mantine/core';
import { IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import type { AuditEntry, ChurnSettings } from '../../api/churn';
import { trailValue } from './format';
import { useChurnT } from './i18n';

const ICON = { create: IconPlus, update: IconEdit, delete: IconTrash } as const;
const COLOR = { create: 'teal', update: 'blue', delete: 'red' } as const;

/** FIELD_ORDER lists the fields in the order the form shows them. */
const FIELD_ORDER = [
  'churn_date', 'reason', 'preventable', 'voluntary', 'reason_detail', 'competitor', 'mrr_lost', 'currency', 'contract_start', 'tenure_days',
  'engagement_class', 'engagement_weeks', 'health_score', 'health_class', 'exit_interview_date', 'interviewer', 'answers', 'quotes', 'lessons',
  'would_return', 'follow_up_on', 'offer_made',
];

function order(a: string, b: string) {
  const ia = FIELD_ORDER.indexOf(a);
  const ib = FIELD_ORDER.indexOf(b);
  return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
}

/** AuditTrail lists every create, change and delete of a churn record, newest first, each with who, when, and field: old → new. */
export function AuditTrail({ entries, settings, currency }: { entries: AuditEntry[]; settings?: ChurnSettings; currency: string }) {
  const { tc, lang } = useChurnT();
  const ctx = { settings, lang, tc, currency };
  const when = (at: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
  return (
    <Card data-testid="audit-trail">
      <Title order={5} mb="md">
        {tc('record.audit')}
      </Title>
      {entries.length === 0 && (
        <Text size="sm" c="dimmed">
          {tc('record.auditEmpty')}
        </Text>
      )}
      <Timeline bulletSize={24} lineWidth={2}>
        {[...entries].reverse().map((e) => {
          const Icon = ICON[e.action];
          // A create lists every field it set; show only those with a value, the computed ones last.
          const fields = Object.keys(e.changes)
            .filter((f) => e.action !== 'create' || trailValue(f, e.changes[f]!.new, ctx) !== '—')
            .filter((f) => e.action === 'update' || !['engagement_weeks', 'answers', 'quotes', 'lessons'].includes(f))
            .sort(order);
          return (
            <Timeline.Item
              key={e.id}
              bullet={<Icon size={13} />}
              color={COLOR[e.action]}
              title={
                <Group gap="xs">
                  <Badge color={COLOR[e.action]} size="sm">
                    {tc(`record.action.${e.action}`)}
                  </Badge>
                  <Text size="sm" fw={600}>
                    {e.actor || tc('record.someone')}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {when(e.at)}
                  </Text>
                </Group>
              }
              data-testid="audit-entry"
            >
              {e.action === 'update' ? (
                <Table fz="xs" withRowBorders={false} verticalSpacing={2} mt={4}>
                  <Table.Tbody>
                    {fields.map((f) => (
                      <Table.Tr key={f} data-testid={`audit-change-${f}`}>
                        <Table.Td fw={600} w={170} style={{ verticalAlign: 'top' }}>
                          {tc(`fields.${f}`, { defaultValue: f })}
                        </Table.Td>
                        <Table.Td>
                          <Text span size="xs" c="dimmed" td="line-through">
                            {trailValue(f, e.changes[f]!.old, ctx)}
                          </Text>
                          {' → '}
                          <Text span size="xs" fw={500}>
                            {trailValue(f, e.changes[f]!.new, ctx)}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              ) : (
                <Text size="xs" c="dimmed" mt={4}>
                  {fields
                    .slice(0, 6)
                    .map((f) => `${tc(`fields.${f}`, { defaultValue: f })}: ${trailValue(f, e.action === 'create' ? e.changes[f]!.new : e.changes[f]!.old, ctx)}`)
                    .join(' · ')}
                </Text>
              )}
            </Timeline.Item>
          );
        })}
      </Timeline>
    </Card>
  );
}
