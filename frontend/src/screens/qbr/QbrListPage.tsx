import { useMemo, useState } from 'react';
import { Anchor, Button, Group, SegmentedControl, Select, Text } from '@mantine/core';
import { IconFileZip, IconPresentationAnalytics } from '@tabler/icons-react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { type QbrDueLine, type QbrStatus, listDue } from '../../api/qbr';
import { useApi } from '../../api/useApi';
import { formatMoney } from '../../format/money';
import { EmptyState, ErrorNotice, PageHeader } from '../../shell/Page';
import { PagedTable, usePaging } from '../../shell/PagedTable';
import { BatchExport } from './BatchExport';
import { useQbrT } from './i18n';
import { isQuarter, quarterOf, quarterOptions } from './quarter';
import { StatusBadge } from './StatusBadge';

/** QbrListPage lists the accounts whose QBR is due in a quarter and exports them all at once. */
export function QbrListPage() {
  const { ta, t, lang } = useQbrT();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const current = quarterOf(new Date());
  const quarter = isQuarter(params.get('quarter') ?? '') ? params.get('quarter')! : current;
  const [status, setStatus] = useState<'' | QbrStatus>('');
  const [exporting, setExporting] = useState<false | 'pdf' | 'pptx'>(false);
  const paging = usePaging(25, [quarter, status]);
  const list = useApi(
    () => listDue({ quarter, status: status || undefined, limit: paging.pageSize, offset: paging.offset }),
    [quarter, status, paging.page, paging.pageSize],
  );
  const quarters = useMemo(() => {
    const opts = quarterOptions(current);
    return opts.includes(quarter) ? opts : [quarter, ...opts];
  }, [current, quarter]);
  const total = list.data?.total ?? 0;
  // Export all takes every QBR of the quarter, whatever the status filter shows.
  const all = useApi(() => listDue({ quarter, limit: 1 }), [quarter]);
  const allTotal = all.data?.total ?? 0;

  return (
    <>
      <PageHeader
        title={ta('list.title')}
        subtitle={ta('list.subtitle')}
        actions={
          <>
            <Select
              w={130}
              aria-label={ta('list.quarter')}
              data={quarters}
              value={quarter}
              allowDeselect={false}
              onChange={(q) => q && setParams(q === current ? {} : { quarter: q })}
              data-testid="qbr-quarter"
            />
            <Button leftSection={<IconFileZip size={16} />} onClick={() => setExporting('pdf')} disabled={allTotal === 0} data-testid="qbr-export-all">
              {ta('batch.exportAll')}
            </Button>
            <Button variant="light" leftSection={<IconFileZip size={16} />} onClick={() => setExporting('pptx')} disabled={allTotal === 0} data-testid="qbr-export-all-decks">
              {ta('batch.exportAllDecks')}
            </Button>
          </>
        }
      />
      <Group mb="sm">
        <SegmentedControl
          value={status}
          onChange={(v) => setStatus(v as '' | QbrStatus)}
          data={[
            { value: '', label: ta('list.anyStatus') },
            { value: 'new', label: ta('status.new') },
            { value: 'draft', label: ta('status.draft') },
            { value: 'final', label: ta('status.final') },
          ]}
          data-testid="qbr-status-filter"
        />
      </Group>
      {list.error ? (
        <ErrorNotice error={list.error} onRetry={list.reload} />
      ) : !list.loading && total === 0 ? (
        <EmptyState
          icon={IconPresentationAnalytics}
          title={ta('list.emptyTitle', { quarter })}
          body={status ? ta('list.emptyFiltered', { quarter }) : ta('list.emptyBody')}
          action={
            <Button component={Link} to="/accounts" variant="light" mt="sm">
              {t('nav.accounts')}
            </Button>
          }
        />
      ) : (
        <PagedTable<QbrDueLine>
          paging={paging}
          total={total}
          fetching={list.loading}
          idAccessor="account_id"
          records={list.data?.items ?? []}
          onRowClick={({ record }) => navigate(`/qbr/${record.account_id}/${quarter}`)}
          data-testid="qbr-table"
          columns={[
            {
              accessor: 'name',
              title: ta('list.cols.account'),
              render: (r) => (
                <Anchor component={Link} to={`/qbr/${r.account_id}/${quarter}`} onClick={(e) => e.stopPropagation()} fw={500}>
                  {r.name}
                </Anchor>
              ),
            },
            { accessor: 'owner', title: ta('list.cols.owner'), render: (r) => r.owner || <Text c="dimmed">—</Text> },
            { accessor: 'segment', title: ta('list.cols.segment'), render: (r) => (r.segment ? t(`segment.${r.segment}` as never, { defaultValue: r.segment }) : '—') },
            { accessor: 'mrr', title: ta('list.cols.mrr'), textAlign: 'right', render: (r) => formatMoney(r.mrr, r.currency, lang) },
            { accessor: 'status', title: ta('list.cols.status'), render: (r) => <StatusBadge status={r.status} /> },
          ]}
        />
      )}
      {exporting && <BatchExport quarter={quarter} count={allTotal} format={exporting} onClose={() => setExporting(false)} />}
    </>
  );
}
