import { ActionIcon, Anchor, Badge, Group, Menu, Text, Tooltip } from '@mantine/core';
import { IconCalendarPause, IconCheck, IconChecklist, IconMail, IconPhone, IconUsers } from '@tabler/icons-react';
import { Link } from 'react-router';
import dayjs from 'dayjs';
import { updateTask, type Task } from '../../api/care';
import { formatDate } from '../../format/money';
import { PagedTable, type Paging } from '../../shell/PagedTable';
import { notifyError, notifySuccess } from '../../shell/notify';
import { OwnerPicker } from './OwnerPicker';
import { useCareT } from './i18n';

const KIND_ICON = { call: IconPhone, email: IconMail, meeting: IconUsers, task: IconChecklist } as const;

/** TaskActions are a task's buttons: done, snooze, reassign. */
function TaskActions({ task, owners, onChange }: { task: Task; owners: string[]; onChange: () => void }) {
  const { t, lang } = useCareT();
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
          <Menu.Item onClick={() => act({ status: 'snoozed', snoozed_until: tomorrow }, t('today.snoozedMsg', { date: formatDate(tomorrow, lang) }))}>{t('today.tomorrow')}</Menu.Item>
          <Menu.Item onClick={() => act({ status: 'snoozed', snoozed_until: nextWeek }, t('today.snoozedMsg', { date: formatDate(nextWeek, lang) }))}>{t('today.nextWeek')}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <OwnerPicker owners={owners} current={task.owner} onPick={(owner) => act({ owner }, t('today.reassignedMsg', { owner }))} />
    </Group>
  );
}

/** TaskTableProps: one server page of tasks and what the table needs around it. */
export interface TaskTableProps {
  items: Task[];
  total: number;
  paging: Paging;
  fetching: boolean;
  /** today is the team's today (YYYY-MM-DD), for the due badges. */
  today: string;
  owners: string[];
  onChange: () => void;
  /** showAccount adds the account's name under each title (off on an account's own page). */
  showAccount?: boolean;
  testId?: string;
}

/** TaskTable is a server-paged table of tasks with their actions. */
export function TaskTable({ items, total, paging, fetching, today, owners, onChange, showAccount = true, testId }: TaskTableProps) {
  const { ta, t, lang } = useCareT();
  return (
    <PagedTable<Task>
      paging={paging}
      total={total}
      fetching={fetching}
      records={items}
      idAccessor="id"
      minHeight={items.length ? undefined : 120}
      noRecordsText={ta('groupEmpty')}
      data-testid={testId}
      customRowAttributes={(task) => ({ 'data-testid': `task-${task.id}` })}
      columns={[
        {
          accessor: 'kind',
          title: '',
          width: 40,
          render: (task) => {
            const Icon = KIND_ICON[task.kind];
            return <Icon size={18} stroke={1.6} aria-label={task.kind} />;
          },
        },
        {
          accessor: 'title',
          title: ta('colTask'),
          render: (task) => (
            <>
              <Text size="sm" fw={500}>
                {task.title}
              </Text>
              <Text size="xs" c="dimmed">
                {showAccount && (
                  <>
                    <Anchor component={Link} to={`/accounts/${task.account_id}`} size="xs" underline="always">
                      {task.account_name}
                    </Anchor>{' '}
                    ·{' '}
                  </>
                )}
                {t(`today.trigger.${task.trigger}` as never)} · {task.reason}
              </Text>
            </>
          ),
        },
        { accessor: 'owner', title: ta('colOwner'), width: 150, render: (task) => task.owner || t('today.noOwner') },
        {
          accessor: 'due_on',
          title: ta('colDue'),
          width: 190,
          render: (task) => (
            <Badge color={task.due_on < today ? 'red' : task.due_on === today ? 'orange' : 'blue'} variant="light" data-testid="due">
              {task.due_on === today ? t('today.dueToday') : ta('dueOn', { date: formatDate(task.due_on, lang) })}
            </Badge>
          ),
        },
        { accessor: 'actions', title: '', width: 120, render: (task) => <TaskActions task={task} owners={owners} onChange={onChange} /> },
      ]}
    />
  );
}
