import { useState } from 'react';
import { ActionIcon, Anchor, Badge, Button, Card, Group, Menu, Select, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconCalendarPause, IconCheck, IconMail, IconPhone, IconPlayerPlay, IconUserShare, IconUsers, IconChecklist } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { evaluateTriggers, recentFirings, tasks, updateTask, type Task } from '../../api/care';
import { useApi } from '../../api/useApi';
import { EmptyState, ErrorNotice, Loading, PageHeader } from '../../shell/Page';
import { notifyError, notifySuccess } from '../../shell/notify';
import { formatDate } from '../../format/money';

/** RECENT_SHOWN is how many recent firings show before "show all". */
const RECENT_SHOWN = 8;

const KIND_ICON = { call: IconPhone, email: IconMail, meeting: IconUsers, task: IconChecklist } as const;

/** groupByOwner groups tasks under their owners, owners sorted by name. */
export function groupByOwner(items: Task[]): [string, Task[]][] {
  const groups = new Map<string, Task[]>();
  for (const t of items) groups.set(t.owner || '', [...(groups.get(t.owner || '') ?? []), t]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

function TaskRow({ task, today, onChange }: { task: Task; today: string; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const [owner, setOwner] = useState('');
  const Icon = KIND_ICON[task.kind];
  const act = async (body: Parameters<typeof updateTask>[1], message: string) => {
    try {
      await updateTask(task.id, body);
      notifySuccess(message);
      onChange();
    } catch (err) {
      notifyError(t('today.failed'), err);
    }
  };
  const tomorrow = dayjs().add(1, 'day').format('YYYY-MM-DD');
  const nextWeek = dayjs().add(7, 'day').format('YYYY-MM-DD');
  return (
    <Table.Tr data-testid={`task-${task.id}`}>
      <Table.Td w={32}>
        <Icon size={18} stroke={1.6} />
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={500}>
          {task.title}
        </Text>
        <Text size="xs" c="dimmed">
          <Anchor component={Link} to={`/accounts/${task.account_id}`} size="xs">
            {task.account_name}
          </Anchor>{' '}
          · {t(`today.trigger.${task.trigger}` as never)} · {task.reason}
        </Text>
      </Table.Td>
      <Table.Td w={130}>
        <Badge color={task.due_on < today ? 'red' : 'orange'} variant="light" data-testid="due">
          {task.due_on < today ? t('today.overdueSince', { date: formatDate(task.due_on, i18n.language) }) : t('today.dueToday')}
        </Badge>
      </Table.Td>
      <Table.Td w={120}>
        <Group gap={4} wrap="nowrap">
          <Tooltip label={t('today.done')}>
            <ActionIcon variant="light" color="teal" onClick={() => act({ status: 'done' }, t('today.doneMsg'))} data-testid={`done-${task.id}`} aria-label={t('today.done')}>
              <IconCheck size={16} />
            </ActionIcon>
          </Tooltip>
          <Menu withinPortal>
            <Menu.Target>
              <ActionIcon variant="light" aria-label={t('today.snooze')}>
                <IconCalendarPause size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => act({ status: 'snoozed', snoozed_until: tomorrow }, t('today.snoozedMsg', { date: formatDate(tomorrow, i18n.language) }))}>{t('today.tomorrow')}</Menu.Item>
              <Menu.Item onClick={() => act({ status: 'snoozed', snoozed_until: nextWeek }, t('today.snoozedMsg', { date: formatDate(nextWeek, i18n.language) }))}>{t('today.nextWeek')}</Menu.Item>
            </Menu.Dropdown>
          </Menu>
          <Menu withinPortal closeOnItemClick={false}>
            <Menu.Target>
              <ActionIcon variant="light" aria-label={t('today.reassign')}>
                <IconUserShare size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown p="xs">
              <Group gap={4}>
                <TextInput size="xs" placeholder={t('today.newOwner')} value={owner} onChange={(e) => setOwner(e.currentTarget.value)} />
                <Button size="xs" disabled={!owner.trim()} onClick={() => act({ owner: owner.trim() }, t('today.reassignedMsg', { owner }))}>
                  {t('today.reassign')}
                </Button>
              </Group>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** TodayPage is the morning inbox: open tasks due today or overdue, grouped by owner. */
export function TodayPage() {
  const { t, i18n } = useTranslation();
  const today = dayjs().format('YYYY-MM-DD');
  const [owner, setOwner] = useState<string | null>(null);
  const list = useApi(() => tasks({ due_by: today, owner: owner ?? undefined, limit: 500 }), [owner]);
  const owners = useApi(() => tasks({ due_by: today, limit: 500 }), []);
  const firings = useApi(() => recentFirings(), []);
  const [running, setRunning] = useState(false);
  const [showAll, setShowAll] = useState(false);
  const run = async () => {
    setRunning(true);
    try {
      const res = await evaluateTriggers();
      notifySuccess(t('today.ran', { count: res.created }));
      list.reload();
      firings.reload();
    } catch (err) {
      notifyError(t('today.failed'), err);
    } finally {
      setRunning(false);
    }
  };
  const ownerNames = [...new Set((owners.data?.items ?? []).map((x) => x.owner).filter(Boolean))].sort();
  return (
    <>
      <PageHeader
        title={t('today.title')}
        subtitle={t('today.subtitle')}
        actions={
          <>
            <Select placeholder={t('today.anyOwner')} data={ownerNames} value={owner} onChange={setOwner} clearable w={200} />
            <Button leftSection={<IconPlayerPlay size={16} />} onClick={run} loading={running} data-testid="run-triggers">
              {t('today.run')}
            </Button>
          </>
        }
      />
      {list.error && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.items.length === 0 && (
        <Card>
          <EmptyState icon={IconChecklist} title={t('today.emptyTitle')} body={t('today.emptyBody')} />
        </Card>
      )}
      <Stack>
        {groupByOwner(list.data?.items ?? []).map(([who, items]) => (
          <Card key={who} data-testid="owner-group">
            <Group justify="space-between" mb="xs">
              <Title order={5}>{who || t('today.noOwner')}</Title>
              <Badge>{items.length}</Badge>
            </Group>
            <Table verticalSpacing="xs">
              <Table.Tbody>
                {items.map((task) => (
                  <TaskRow key={task.id} task={task} today={today} onChange={list.reload} />
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        ))}
        <Card>
          <Title order={5} mb="xs">
            {t('today.recent')}
          </Title>
          {firings.data?.items.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('today.noRecent')}
            </Text>
          )}
          {(firings.data?.items ?? []).slice(0, showAll ? undefined : RECENT_SHOWN).map((f, i) => (
            <Text size="sm" key={i} py={2}>
              <Text span size="xs" c="dimmed" mr={6}>
                {formatDate(dayjs(f.fired_at).format('YYYY-MM-DD'), i18n.language)}
              </Text>
              <Badge variant="light" mr={6}>
                {t(`today.trigger.${f.trigger}` as never)}
              </Badge>
              <Anchor component={Link} to={`/accounts/${f.account_id}`}>
                {f.account_name}
              </Anchor>{' '}
              · {f.reason}
            </Text>
          ))}
          {(firings.data?.items.length ?? 0) > RECENT_SHOWN && (
            <Button variant="subtle" size="xs" mt="xs" onClick={() => setShowAll((v) => !v)}>
              {showAll ? t('today.showFewer') : t('today.showAll', { count: firings.data?.items.length })}
            </Button>
          )}
        </Card>
      </Stack>
    </>
  );
}
