import { Card, Group, Badge, Stack, Title } from '@mantine/core';
import { owners as listOwners, recentFirings, tasks } from '../../api/care';
import { useApi } from '../../api/useApi';
import type { AccountPanelProps } from '../../shell/area';
import { ErrorNotice } from '../../shell/Page';
import { usePaging } from '../../shell/PagedTable';
import { FiringLog } from './FiringLog';
import { TaskTable } from './TaskTable';
import { useCareT } from './i18n';
import dayjs from 'dayjs';

/** TasksPanel lists an account's open tasks (paged on the server) and its trigger firings. */
export function TasksPanel({ account }: AccountPanelProps) {
  const { ta } = useCareT();
  const paging = usePaging(10);
  const list = useApi(() => tasks({ account_id: account.id, limit: paging.pageSize, offset: paging.offset }), [account.id, paging.pageSize, paging.offset]);
  const firings = useApi(() => recentFirings({ account_id: account.id, limit: 20 }), [account.id]);
  const owners = useApi(() => listOwners(), []);
  const reload = () => {
    list.reload();
    firings.reload();
  };
  return (
    <Stack>
      <Card data-testid="account-tasks">
        <Group justify="space-between" mb="xs">
          <Title order={5}>{ta('panelTitle')}</Title>
          <Badge>{list.data?.total ?? '…'}</Badge>
        </Group>
        {list.error && <ErrorNotice error={list.error} onRetry={list.reload} />}
        <TaskTable
          items={list.data?.items ?? []}
          total={list.data?.total ?? 0}
          paging={paging}
          fetching={list.loading}
          today={dayjs().format('YYYY-MM-DD')}
          owners={owners.data?.items ?? []}
          onChange={reload}
          showAccount={false}
        />
      </Card>
      <Card data-testid="account-firings">
        <Title order={5} mb="xs">
          {ta('firings')}
        </Title>
        {firings.error && <ErrorNotice error={firings.error} onRetry={firings.reload} />}
        {firings.data && <FiringLog items={firings.data.items} showAccount={false} empty={ta('noFirings')} />}
      </Card>
    </Stack>
  );
}
