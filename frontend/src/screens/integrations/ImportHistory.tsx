import { useState } from 'react';
import { Badge, Button, Group, SegmentedControl, Text, Tooltip } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { undoImport, type ImportRun } from '../../api/integrations';
import { notifyError, notifySuccess } from '../../shell/notify';
import type { ApiState } from '../../api/useApi';
import type { ImporterHistory } from './types';
import { EmptyState, ErrorNotice } from '../../shell/Page';
import { formatNumber } from '../../format/money';
import { useIntT } from './i18n';
import { formatDateTime } from './format';

const PAGE = 15;

/** ImportHistory lists past imports: when, who, which file and what it did. */
export function ImportHistory({ state, onStart }: { state: ApiState<ImporterHistory>; onStart: () => void }) {
  const { ta, t, lang } = useIntT();
  const [page, setPage] = useState(1);
  const [show, setShow] = useState<'imports' | 'all'>('imports');
  const [undoing, setUndoing] = useState<number | null>(null);
  const undo = async (r: ImportRun) => {
    setUndoing(r.id);
    try {
      const res = await undoImport(r.id);
      notifySuccess(ta('history.undoDone', { removed: res.removed + res.drafts, restored: res.restored }));
      state.reload();
    } catch (err) {
      notifyError(ta('history.undoFailed'), err);
    } finally {
      setUndoing(null);
    }
  };
  if (state.error) return <ErrorNotice error={state.error} onRetry={state.reload} />;
  const all = state.data?.items ?? [];
  const items = show === 'all' ? all : all.filter((r) => !r.dry_run);
  if (state.data && all.length === 0) {
    return (
      <EmptyState
        icon={IconHistory}
        title={ta('history.emptyTitle')}
        body={ta('history.emptyBody')}
        action={
          <Button mt="sm" onClick={onStart}>
            {ta('history.start')}
          </Button>
        }
      />
    );
  }
  const records = items.slice((page - 1) * PAGE, page * PAGE);
  return (
    <>
      <Group justify="space-between" mb="sm">
        <Text size="sm" c="dimmed">
          {ta('history.hint')}
        </Text>
        <SegmentedControl
          size="xs"
          value={show}
          onChange={(v) => {
            setShow(v as 'imports' | 'all');
            setPage(1);
          }}
          data={[
            { value: 'imports', label: ta('history.onlyImports') },
            { value: 'all', label: ta('history.withDryRuns') },
          ]}
        />
      </Group>
      <DataTable<ImportRun>
        withTableBorder
        borderRadius="md"
        striped
        minHeight={items.length === 0 ? 160 : undefined}
        fetching={state.loading}
        records={records}
        totalRecords={items.length}
        recordsPerPage={PAGE}
        page={page}
        onPageChange={setPage}
        noRecordsText={ta('history.none')}
        paginationText={({ from, to, totalRecords }) => ta('history.pagination', { from, to, total: totalRecords })}
        data-testid="import-history"
        columns={[
          { accessor: 'created_at', title: ta('history.when'), render: (r) => formatDateTime(r.created_at, lang) },
          { accessor: 'actor', title: ta('history.who'), render: (r) => r.actor || t('common.notSet') },
          {
            accessor: 'file_name',
            title: ta('history.file'),
            render: (r) => (
              <Text size="sm" truncate maw={260} title={r.file_name}>
                {r.file_name || t('common.notSet')}
              </Text>
            ),
          },
          {
            accessor: 'kind',
            title: ta('history.kind'),
            render: (r) => (
              <Group gap={6} wrap="nowrap">
                <Text size="sm">{ta(`kinds.${r.kind}`)}</Text>
                <Badge size="xs" variant="outline" color="gray">
                  {ta(`presets.${r.preset}`)}
                </Badge>
              </Group>
            ),
          },
          { accessor: 'rows', title: ta('history.rows'), textAlign: 'right', render: (r) => formatNumber(r.rows, lang) },
          {
            accessor: 'written',
            title: ta('history.written'),
            textAlign: 'right',
            render: (r) =>
              r.kind !== 'usage' && !r.dry_run && r.written > 0 ? (
                <Tooltip label={ta('history.counts', { created: r.created, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected })}>
                  <Text size="sm">{formatNumber(r.written, lang)}</Text>
                </Tooltip>
              ) : (
                formatNumber(r.written, lang)
              ),
          },
          {
            accessor: 'errors',
            title: ta('history.outcome'),
            render: (r) =>
              r.dry_run ? (
                <Tooltip label={ta('history.dryRunHint')}>
                  <Badge variant="light" color={r.errors ? 'orange' : 'gray'}>
                    {r.errors ? ta('history.checkedErrors', { count: r.errors }) : ta('history.checked')}
                  </Badge>
                </Tooltip>
              ) : r.undone_at ? (
                <Badge variant="light" color="gray" data-testid="history-undone">
                  {ta('history.undone')}
                </Badge>
              ) : r.errors && !r.written ? (
                <Badge variant="light" color="red">
                  {ta('history.rejected', { count: r.errors })}
                </Badge>
              ) : (
                <Group gap={6} wrap="nowrap">
                  <Badge variant="light" color="teal">
                    {ta('history.imported')}
                  </Badge>
                  {r.undoable && (
                    <Button size="compact-xs" variant="subtle" color="red" loading={undoing === r.id} onClick={() => undo(r)} data-testid="history-undo">
                      {ta('history.undo')}
                    </Button>
                  )}
                </Group>
              ),
          },
        ]}
      />
    </>
  );
}
