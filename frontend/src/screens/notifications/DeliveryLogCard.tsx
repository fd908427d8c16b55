import { Fragment, useEffect, useState } from 'react';
import { ActionIcon, Badge, Button, Card, Group, Pagination, Stack, Table, Text, Title } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconRefresh } from '@tabler/icons-react';
import { listDeliveries, type Delivery } from '../../api/notifications';
import { useApi } from '../../api/useApi';
import { ErrorNotice } from '../../shell/Page';
import { useNotifyT } from './i18n';

const PAGE = 10;

const statusColor: Record<Delivery['status'], string> = { pending: 'yellow', delivered: 'teal', failed: 'red' };

/** DeliveryLogCard lists what was sent, newest first: status, the receiver's answer and every attempt. */
export function DeliveryLogCard() {
  const { ta, lang } = useNotifyT();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const log = useApi(() => listDeliveries({ limit: PAGE, offset: (page - 1) * PAGE }), [page]);
  const when = (iso?: string | null) => (iso ? new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso)) : '—');
  const statusLabel = (s: Delivery['status']) => ta(s === 'pending' ? 'log.statusPending' : s === 'delivered' ? 'log.statusDelivered' : 'log.statusFailed');
  const reload = log.reload;

  // Pending deliveries change on their own: look again every few seconds.
  useEffect(() => {
    const timer = setInterval(reload, 5000);
    return () => clearInterval(timer);
  }, [reload]);

  const items = log.data?.items ?? [];
  return (
    <Card data-testid="delivery-log" style={{ gridColumn: '1 / -1' }}>
      <Group justify="space-between" mb="sm">
        <Title order={5}>{ta('log.title')}</Title>
        <Button size="xs" variant="subtle" leftSection={<IconRefresh size={14} />} onClick={reload} data-testid="delivery-log-refresh">
          {ta('log.refresh')}
        </Button>
      </Group>
      {log.error && <ErrorNotice error={log.error} onRetry={reload} />}
      {log.data && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {ta('log.empty')}
        </Text>
      )}
      {items.length > 0 && (
        <Stack gap="xs">
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing={4} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th aria-label={ta('log.showAttempts')} />
                  <Table.Th>{ta('log.event')}</Table.Th>
                  <Table.Th>{ta('log.endpoint')}</Table.Th>
                  <Table.Th>{ta('log.status')}</Table.Th>
                  <Table.Th>{ta('log.attempts')}</Table.Th>
                  <Table.Th>{ta('log.response')}</Table.Th>
                  <Table.Th>{ta('log.next')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((d) => (
                  <Fragment key={d.id}>
                    <Table.Tr data-testid="delivery-row" data-status={d.status}>
                      <Table.Td>
                        <ActionIcon variant="subtle" size="sm" aria-label={ta('log.showAttempts')} aria-expanded={open === d.id} onClick={() => setOpen(open === d.id ? null : d.id)} data-testid="delivery-expand">
                          {open === d.id ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                        </ActionIcon>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{ta(`event.${d.event_type}`)}</Text>
                        <Text size="xs" c="dimmed">
                          {when(d.created_at)}
                        </Text>
                      </Table.Td>
                      <Table.Td>{d.endpoint_name}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={statusColor[d.status]}>
                          {statusLabel(d.status)}
                        </Badge>
                      </Table.Td>
                      <Table.Td data-testid="delivery-attempts">{d.attempts}</Table.Td>
                      <Table.Td>{d.response_code ? `HTTP ${d.response_code}` : d.attempts > 0 ? ta('log.noResponse') : '—'}</Table.Td>
                      <Table.Td>{when(d.next_attempt_at)}</Table.Td>
                    </Table.Tr>
                    {open === d.id && (
                      <Table.Tr>
                        <Table.Td colSpan={7}>
                          <Stack gap={4} data-testid="delivery-attempt-log">
                            {d.log.map((a, i) => (
                              <Text key={i} size="xs" ff="monospace" data-testid="delivery-attempt">
                                {ta('log.attempt', { n: i + 1 })} · {when(a.attempted_at)} · {a.response_code ? `HTTP ${a.response_code}` : ta('log.noResponse')} · {a.duration_ms} ms
                                {a.error && a.error !== `HTTP ${a.response_code}` ? ` · ${a.error}` : ''}
                                {a.response_body ? ` · ${a.response_body}` : ''}
                              </Text>
                            ))}
                          </Stack>
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {ta('log.total', { count: log.data?.total ?? 0 })}
            </Text>
            {(log.data?.total ?? 0) > PAGE && <Pagination size="sm" total={Math.ceil((log.data?.total ?? 0) / PAGE)} value={page} onChange={setPage} />}
          </Group>
        </Stack>
      )}
    </Card>
  );
}
