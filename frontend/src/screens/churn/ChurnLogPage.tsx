import { useState } from 'react';
import { Anchor, Button, Card, Group, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconSearch, IconUserMinus } from '@tabler/icons-react';
import type { DataTableSortStatus } from 'mantine-datatable';
import { useNavigate, useSearchParams } from 'react-router';
import { facets } from '../../api/accounts';
import { churnSettings, exportChurn, listChurn, type ChurnQuery, type ChurnRecord } from '../../api/churn';
import { useApi } from '../../api/useApi';
import { formatDate, formatMoney } from '../../format/money';
import { saveFile } from '../../native/files';
import { EmptyState, ErrorNotice, PageHeader } from '../../shell/Page';
import { PagedTable, usePaging } from '../../shell/PagedTable';
import { notifyError, notifySuccess } from '../../shell/notify';
import { ChurnTabs } from './ChurnTabs';
import { EngagementBadge, HealthBadge, PreventableBadge } from './badges';
import { labelOf, reasonLabel, tenureText } from './format';
import { useChurnT } from './i18n';
import { DateField } from '../../shell/DateField';

/** ChurnLogPage is the churn database: every lost customer, filtered, sorted and paged on the server. */
export function ChurnLogPage() {
  const { tc, lang } = useChurnT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const settings = useApi(() => churnSettings(), []);
  const fac = useApi(() => facets(), []);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [filter, setFilter] = useState<ChurnQuery>(() => ({
    reason: params.get('reason') ?? undefined,
    flags_differ: params.get('flags_differ') === 'true' ? 'true' : undefined,
  }));
  const [sort, setSort] = useState<DataTableSortStatus<ChurnRecord>>({ columnAccessor: 'churn_date', direction: 'desc' });
  const [exporting, setExporting] = useState<'' | 'csv' | 'xlsx'>('');
  const paging = usePaging(25, [q, filter]);
  const sortParam = (sort.direction === 'desc' ? '-' : '') + String(sort.columnAccessor);
  const query: ChurnQuery = { ...filter, q: q.trim() || undefined };
  const list = useApi(
    () => listChurn({ ...query, limit: paging.pageSize, offset: paging.offset, sort: sortParam }),
    [q, filter, paging.page, paging.pageSize, sortParam],
  );
  const set = (patch: Partial<ChurnQuery>) => setFilter((f) => ({ ...f, ...patch }));
  const filtered = Boolean(query.q || query.reason || query.from || query.to || query.preventable || query.owner || query.flags_differ);

  const download = async (format: 'csv' | 'xlsx') => {
    setExporting(format);
    try {
      const blob = await exportChurn(format, { ...query, sort: sortParam });
      const mime = format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      const res = await saveFile(`churn-log.${format}`, blob, mime);
      if (res?.kind === 'saved') notifySuccess(tc('log.exported', { path: res.path }));
      if (res?.kind === 'downloaded') notifySuccess(tc('log.downloaded', { name: res.name }));
    } catch (err) {
      notifyError(tc('log.exportFailed'), err);
    } finally {
      setExporting('');
    }
  };

  return (
    <>
      <PageHeader
        title={tc('log.title')}
        subtitle={tc('log.subtitle')}
        actions={
          <>
            <Button variant="default" leftSection={<IconDownload size={16} />} loading={exporting === 'csv'} onClick={() => download('csv')} data-testid="export-csv">
              CSV
            </Button>
            <Button variant="default" leftSection={<IconDownload size={16} />} loading={exporting === 'xlsx'} onClick={() => download('xlsx')} data-testid="export-xlsx">
              XLSX
            </Button>
          </>
        }
      />
      <ChurnTabs value="log" />
      <Card mb="md" padding="sm">
        <Group gap="sm" align="flex-end">
          <TextInput
            label={tc('log.search')}
            leftSection={<IconSearch size={16} />}
            placeholder={tc('log.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={180}
            data-testid="filter-search"
          />
          <Select
            label={tc('fields.reason')}
            placeholder={tc('log.anyReason')}
            data={(settings.data?.reasons ?? []).map((r) => ({ value: r.key, label: labelOf(r.labels, lang) }))}
            value={filter.reason ?? null}
            onChange={(v) => set({ reason: v ?? undefined })}
            clearable
            searchable
            w={220}
            data-testid="filter-reason"
          />
          <Select
            label={tc('fields.preventable')}
            placeholder={tc('log.any')}
            data={[
              { value: 'true', label: tc('yes') },
              { value: 'false', label: tc('no') },
            ]}
            value={filter.preventable ?? null}
            onChange={(v) => set({ preventable: (v ?? undefined) as ChurnQuery['preventable'] })}
            clearable
            w={150}
            data-testid="filter-preventable"
          />
          <Select
            label={tc('log.flags')}
            placeholder={tc('log.any')}
            data={[
              { value: 'true', label: tc('log.flagsDiffer') },
              { value: 'false', label: tc('log.flagsFollow') },
            ]}
            value={filter.flags_differ ?? null}
            onChange={(v) => set({ flags_differ: (v ?? undefined) as ChurnQuery['flags_differ'] })}
            clearable
            w={190}
            data-testid="filter-flags-differ"
          />
          <Select
            label={tc('log.ownerShort')}
            placeholder={tc('log.anyOwner')}
            data={fac.data?.owners ?? []}
            value={filter.owner ?? null}
            onChange={(v) => set({ owner: v ?? undefined })}
            clearable
            searchable
            w={160}
            data-testid="filter-owner"
          />
          <DateField label={tc('log.from')} value={filter.from ?? ''} onChange={(v) => set({ from: v || undefined })} w={140} data-testid="filter-from" />
          <DateField label={tc('log.to')} value={filter.to ?? ''} onChange={(v) => set({ to: v || undefined })} w={140} data-testid="filter-to" />
          {filtered && (
            <Button
              variant="subtle"
              size="compact-sm"
              mb={6}
              onClick={() => {
                setSearch('');
                setFilter({});
              }}
            >
              {tc('log.clear')}
            </Button>
          )}
          <Text size="sm" c="dimmed" ml="auto" data-testid="churn-total">
            {list.data ? tc('log.total', { count: list.data.total }) : ''}
            {list.data && list.data.flags_differ > 0 && !filter.flags_differ ? (
              <Anchor component="button" type="button" size="sm" ml="xs" onClick={() => set({ flags_differ: 'true' })} data-testid="churn-flags-differ">
                {tc('log.differCount', { count: list.data.flags_differ })}
              </Anchor>
            ) : null}
          </Text>
        </Group>
      </Card>
      {list.error && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {!list.error && list.data?.total === 0 && !filtered ? (
        <Card>
          <EmptyState icon={IconUserMinus} title={tc('log.emptyTitle')} body={tc('log.emptyBody')} />
        </Card>
      ) : (
        <PagedTable<ChurnRecord>
          paging={paging}
          total={list.data?.total ?? 0}
          fetching={list.loading}
          records={list.data?.items ?? []}
          sortStatus={sort}
          onSortStatusChange={setSort}
          noRecordsText={tc('log.noMatch')}
          onRowClick={({ record }) => navigate(`/churn/${record.id}`)}
          rowStyle={() => ({ cursor: 'pointer' })}
          data-testid="churn-table"
          columns={[
            {
              accessor: 'account_name',
              title: tc('cols.account'),
              sortable: true,
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
            { accessor: 'churn_date', title: tc('cols.date'), sortable: true, noWrap: true, render: (r) => formatDate(r.churn_date, lang) },
            { accessor: 'reason', title: tc('cols.reason'), sortable: true, render: (r) => reasonLabel(settings.data, r.reason, lang) },
            { accessor: 'preventable', title: tc('cols.preventable'), render: (r) => <PreventableBadge preventable={r.preventable} tc={tc} short /> },
            { accessor: 'tenure_days', title: tc('cols.tenure'), sortable: true, noWrap: true, render: (r) => tenureText(r.tenure_days, tc, r.contract_start, r.churn_date) },
            { accessor: 'engagement_class', title: tc('cols.engagementShort'), render: (r) => <EngagementBadge value={r.engagement_class} tc={tc} /> },
            { accessor: 'health_score', title: tc('cols.healthShort'), render: (r) => <HealthBadge score={r.health_score} band={r.health_class} tc={tc} /> },
            {
              accessor: 'mrr_lost',
              title: tc('cols.mrrLost'),
              sortable: true,
              textAlign: 'right',
              noWrap: true,
              render: (r) => formatMoney(r.mrr_lost, r.currency, lang),
            },
          ]}
        />
      )}
    </>
  );
}
