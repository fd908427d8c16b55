import { useEffect, useState } from 'react';
import { Badge, Button, Card, Group, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChartHistogram, IconDownload, IconSearch } from '@tabler/icons-react';
import { DataTable, type DataTableSortStatus } from 'mantine-datatable';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { churnSettings, exportChurn, listChurn, type ChurnQuery, type ChurnRecord } from '../../api/churn';
import { useApi } from '../../api/useApi';
import { formatMoney } from '../../format/money';
import { saveFile } from '../../native/files';
import { HEALTH_COLOR } from '../../theme';
import { ErrorNotice, PageHeader } from '../../shell/Page';
import { notifyError, notifySuccess } from '../../shell/notify';
import { label } from './ChurnForm';

/** tenure shows days as years and months. */
export function tenure(days: number, t: (k: string, o?: Record<string, unknown>) => string): string {
  const months = Math.floor(days / 30.4375);
  return months >= 12 ? t('churn.tenureYears', { years: (months / 12).toFixed(1) }) : t('churn.tenureMonths', { months });
}

/** ChurnLogPage is the churn database: every lost customer, filtered and paged on the server. */
export function ChurnLogPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const lang = i18n.resolvedLanguage ?? 'en';
  const settings = useApi(() => churnSettings(), []);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [filter, setFilter] = useState<ChurnQuery>({});
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<DataTableSortStatus<ChurnRecord>>({ columnAccessor: 'churn_date', direction: 'desc' });
  const pageSize = 25;
  useEffect(() => setPage(1), [q, filter]);
  const sortParam = (sort.direction === 'desc' ? '-' : '') + String(sort.columnAccessor);
  const query: ChurnQuery = { ...filter, q: q || undefined };
  const list = useApi(() => listChurn({ ...query, limit: pageSize, offset: (page - 1) * pageSize, sort: sortParam }), [q, filter, page, sortParam]);
  const reasonLabel = (key: string) => {
    const r = settings.data?.reasons.find((x) => x.key === key);
    return r ? label(r.labels, lang) : key;
  };
  const download = async (format: 'csv' | 'xlsx') => {
    try {
      const blob = await exportChurn(format, query);
      const res = await saveFile(`churn-records.${format}`, blob);
      if (res) notifySuccess(res.kind === 'saved' ? t('accounts.exported', { path: res.path }) : t('accounts.downloaded', { name: res.name }));
    } catch (err) {
      notifyError(t('accounts.exportFailed'), err);
    }
  };

  return (
    <>
      <PageHeader
        title={t('churn.title')}
        subtitle={t('churn.subtitle')}
        actions={
          <>
            <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => download('csv')}>
              CSV
            </Button>
            <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => download('xlsx')}>
              XLSX
            </Button>
            <Button leftSection={<IconChartHistogram size={16} />} onClick={() => navigate('/churn/analytics')} data-testid="open-analytics">
              {t('churn.analytics')}
            </Button>
          </>
        }
      />
      <Card mb="md" padding="sm">
        <Group gap="sm">
          <TextInput leftSection={<IconSearch size={16} />} placeholder={t('churn.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={230} />
          <Select
            placeholder={t('churn.anyReason')}
            data={(settings.data?.reasons ?? []).map((r) => ({ value: r.key, label: label(r.labels, lang) }))}
            value={filter.reason ?? null}
            onChange={(v) => setFilter((f) => ({ ...f, reason: v ?? undefined }))}
            clearable
            searchable
            w={240}
            data-testid="filter-reason"
          />
          <Select
            placeholder={t('churn.anyPreventable')}
            data={[{ value: 'true', label: t('churn.preventable') }, { value: 'false', label: t('churn.unavoidable') }]}
            value={filter.preventable ?? null}
            onChange={(v) => setFilter((f) => ({ ...f, preventable: (v ?? undefined) as ChurnQuery['preventable'] }))}
            clearable
            w={160}
          />
          <TextInput type="date" aria-label={t('churn.from')} value={filter.from ?? ''} onChange={(e) => setFilter((f) => ({ ...f, from: e.currentTarget.value || undefined }))} w={150} />
          <TextInput type="date" aria-label={t('churn.to')} value={filter.to ?? ''} onChange={(e) => setFilter((f) => ({ ...f, to: e.currentTarget.value || undefined }))} w={150} />
          <Text size="sm" c="dimmed" ml="auto" data-testid="churn-total">
            {list.data ? t('churn.total', { count: list.data.total }) : ''}
          </Text>
        </Group>
      </Card>
      {list.error && <ErrorNotice error={list.error} onRetry={list.reload} />}
      <DataTable<ChurnRecord>
        withTableBorder
        borderRadius="md"
        striped
        highlightOnHover
        minHeight={180}
        fetching={list.loading}
        records={list.data?.items ?? []}
        totalRecords={list.data?.total ?? 0}
        recordsPerPage={pageSize}
        page={page}
        onPageChange={setPage}
        sortStatus={sort}
        onSortStatusChange={setSort}
        noRecordsText={t('churn.empty')}
        onRowClick={({ record }) => navigate(`/churn/${record.id}`)}
        rowStyle={() => ({ cursor: 'pointer' })}
        data-testid="churn-table"
        columns={[
          { accessor: 'account_name', title: t('churn.cols.account'), sortable: true, render: (r) => <Text fw={600} size="sm">{r.account_name}</Text> },
          { accessor: 'churn_date', title: t('churn.cols.date'), sortable: true },
          { accessor: 'reason', title: t('churn.cols.reason'), sortable: true, render: (r) => reasonLabel(r.reason) },
          {
            accessor: 'preventable',
            title: t('churn.cols.preventable'),
            render: (r) => <Badge color={r.preventable ? 'orange' : 'gray'}>{r.preventable ? t('churn.preventable') : t('churn.unavoidable')}</Badge>,
          },
          { accessor: 'tenure_days', title: t('churn.cols.tenure'), sortable: true, render: (r) => tenure(r.tenure_days, t as never) },
          { accessor: 'engagement_class', title: t('churn.cols.engagement'), render: (r) => r.engagement_class || t('common.notSet') },
          {
            accessor: 'health_class',
            title: t('churn.cols.health'),
            render: (r) => (r.health_class ? <Badge color={HEALTH_COLOR[r.health_class]}>{r.health_score?.toFixed(0)}</Badge> : t('common.notSet')),
          },
          { accessor: 'mrr_lost', title: t('churn.cols.mrrLost'), sortable: true, textAlign: 'right', render: (r) => formatMoney(r.mrr_lost, r.currency, lang) },
        ]}
      />
    </>
  );
}
