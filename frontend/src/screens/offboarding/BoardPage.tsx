import { useMemo } from 'react';
import { Button, Card, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconChecklist, IconSettings } from '@tabler/icons-react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { facets } from '../../api/accounts';
import { listOffboarding, type BoardQuery, type OffboardingSummary } from '../../api/offboarding';
import { useApi } from '../../api/useApi';
import { formatDate } from '../../format/money';
import { EmptyState, ErrorNotice, PageHeader } from '../../shell/Page';
import { PagedTable, usePaging } from '../../shell/PagedTable';
import { isoDay } from './logic';
import { DueText, KindBadge, OverdueBadge, ProgressCell, useReasons } from './parts';
import { useOffT } from './i18n';

type Status = NonNullable<BoardQuery['status']>;

/** BoardPage lists offboarding checklists — those with overdue steps first — filtered by open/closed and owner. */
export function BoardPage() {
  const { ta, lang } = useOffT();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = (['open', 'done', 'all'].includes(params.get('status') ?? '') ? params.get('status') : 'open') as Status;
  const owner = params.get('owner') ?? '';
  const paging = usePaging(25, [status, owner]);
  const fac = useApi(() => facets(), []);
  const { label } = useReasons();
  const board = useApi(
    () => listOffboarding({ status, owner: owner || undefined, limit: paging.pageSize, offset: paging.offset }),
    [status, owner, paging.page, paging.pageSize],
  );
  const today = useMemo(() => isoDay(new Date()), []);
  const set = (k: string, v: string) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        if (v) n.set(k, v);
        else n.delete(k);
        return n;
      },
      { replace: true },
    );

  const empty = !board.error && board.data?.total === 0 && !owner;
  return (
    <>
      <PageHeader
        title={ta('board.title')}
        subtitle={ta('board.subtitle')}
        actions={
          <Button component={Link} to="/settings/offboarding" variant="default" leftSection={<IconSettings size={16} />} data-testid="board-templates">
            {ta('board.templates')}
          </Button>
        }
      />
      <Card mb="md" padding="sm">
        <Group gap="sm" align="flex-end">
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {ta('board.show')}
            </Text>
            <SegmentedControl
              value={status}
              onChange={(v) => set('status', v === 'open' ? '' : v)}
              data={[
                { value: 'open', label: ta('board.open') },
                { value: 'done', label: ta('board.closed') },
                { value: 'all', label: ta('board.all') },
              ]}
              data-testid="board-status"
            />
          </Stack>
          <Select
            label={ta('board.owner')}
            placeholder={ta('board.anyOwner')}
            data={fac.data?.owners ?? []}
            value={owner || null}
            onChange={(v) => set('owner', v ?? '')}
            clearable
            searchable
            w={200}
            data-testid="board-owner"
          />
          <Text size="sm" c="dimmed" ml="auto" data-testid="board-total">
            {board.data ? ta('board.total', { count: board.data.total }) : ''}
          </Text>
        </Group>
      </Card>
      {board.error && <ErrorNotice error={board.error} onRetry={board.reload} />}
      {empty ? (
        <Card>
          <EmptyState
            icon={IconChecklist}
            title={ta(status === 'done' ? 'board.emptyClosedTitle' : 'board.emptyTitle')}
            body={ta(status === 'done' ? 'board.emptyClosedBody' : 'board.emptyBody')}
          />
        </Card>
      ) : (
        <PagedTable<OffboardingSummary>
          paging={paging}
          total={board.data?.total ?? 0}
          fetching={board.loading}
          records={board.data?.items ?? []}
          noRecordsText={ta('board.noMatch')}
          onRowClick={({ record }) => navigate(`/offboarding/${record.id}`)}
          rowStyle={() => ({ cursor: 'pointer' })}
          customRowAttributes={(r) => ({ 'data-testid': `board-row-${r.id}`, tabIndex: 0, onKeyDown: (e: React.KeyboardEvent) => e.key === 'Enter' && navigate(`/offboarding/${r.id}`) })}
          data-testid="board-table"
          columns={[
            {
              accessor: 'account_name',
              title: ta('cols.account'),
              render: (r) => (
                <div>
                  <Text size="sm" fw={600}>
                    {r.account_name}
                  </Text>
                  {r.owner && (
                    <Text size="xs" c="dimmed">
                      {r.owner}
                    </Text>
                  )}
                </div>
              ),
            },
            { accessor: 'reason', title: ta('cols.reason'), render: (r) => label(r.reason) },
            {
              accessor: 'start_date',
              title: ta('cols.date'),
              noWrap: true,
              render: (r) => (
                <Group gap={6} wrap="nowrap">
                  <Text size="sm">{formatDate(r.start_date, lang)}</Text>
                  <KindBadge kind={r.kind} />
                </Group>
              ),
            },
            { accessor: 'progress', title: ta('cols.progress'), render: (r) => <ProgressCell progress={r.progress} w={120} testId={`board-progress-${r.id}`} /> },
            {
              accessor: 'next_due',
              title: ta('cols.nextDue'),
              render: (r) =>
                r.next_due ? (
                  <div>
                    <DueText day={r.next_due} today={today} overdue={r.next_due < today} />
                    {r.next_due_title && (
                      <Text size="xs" c="dimmed" lineClamp={1} maw={220} title={r.next_due_title} data-testid={`board-next-${r.id}`}>
                        {r.next_due_title}
                      </Text>
                    )}
                  </div>
                ) : (
                  <Text size="sm" c="teal" fw={600}>
                    {ta('board.allDone')}
                  </Text>
                ),
            },
            { accessor: 'overdue', title: ta('cols.overdue'), noWrap: true, render: (r) => <OverdueBadge count={r.progress.overdue} testId={`board-overdue-${r.id}`} short /> },
          ]}
        />
      )}
    </>
  );
}
