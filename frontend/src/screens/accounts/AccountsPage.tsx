import { useState } from 'react';
import { Badge, Button, Card, ColorSwatch, Group, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconPlus, IconSearch } from '@tabler/icons-react';
import type { DataTableSortStatus } from 'mantine-datatable';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { exportAccountsCsv, facets, listAccounts } from '../../api/accounts';
import { useApi } from '../../api/useApi';
import { SEGMENTS, STATUSES, type Account, type AccountFilter } from '../../api/types';
import { formatMoney } from '../../format/money';
import { saveFile } from '../../native/files';
import { HEALTH_COLOR, STATUS_COLOR } from '../../theme';
import { ErrorNotice, PageHeader } from '../../shell/Page';
import { PagedTable, usePaging } from '../../shell/PagedTable';
import { notifyError, notifySuccess } from '../../shell/notify';
import { pct } from '../risk/format';
import { AccountForm } from './AccountForm';

/** AccountsPage lists accounts, paged, sorted, searched and filtered on the server. */
export function AccountsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [filter, setFilter] = useState<AccountFilter>({});
  const [sort, setSort] = useState<DataTableSortStatus<Account>>({ columnAccessor: 'name', direction: 'asc' });
  const [creating, setCreating] = useState(params.get('new') === '1');
  const paging = usePaging(25, [q, filter]);
  const sortParam = (sort.direction === 'desc' ? '-' : '') + String(sort.columnAccessor);
  const list = useApi(
    () => listAccounts({ ...filter, q: q || undefined, limit: paging.pageSize, offset: paging.offset, sort: sortParam }),
    [q, filter, paging.page, paging.pageSize, sortParam],
  );
  const fac = useApi(() => facets(), []);

  const doExport = async () => {
    try {
      const csv = await exportAccountsCsv({ ...filter, q: q || undefined });
      const res = await saveFile('accounts.csv', csv, 'text/csv');
      if (res?.kind === 'saved') notifySuccess(t('accounts.exported', { path: res.path }));
      if (res?.kind === 'downloaded') notifySuccess(t('accounts.downloaded', { name: res.name }));
    } catch (err) {
      notifyError(t('accounts.exportFailed'), err);
    }
  };

  const closeForm = () => {
    setCreating(false);
    if (params.has('new')) setParams({}, { replace: true });
  };

  return (
    <>
      <PageHeader
        title={t('accounts.title')}
        subtitle={t('accounts.subtitle')}
        actions={
          <>
            <Button variant="default" leftSection={<IconDownload size={16} />} onClick={doExport}>
              {t('accounts.export')}
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="new-account">
              {t('accounts.new')}
            </Button>
          </>
        }
      />
      <Card mb="md" padding="sm">
        <Group gap="sm" wrap="wrap">
          <TextInput
            leftSection={<IconSearch size={16} />}
            placeholder={t('accounts.searchPlaceholder')}
            aria-label={t('accounts.searchLabel')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={240}
            data-testid="account-search"
          />
          <Select
            placeholder={t('accounts.anyStatus')}
            aria-label={t('accounts.filterStatus')}
            data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            value={filter.status ?? null}
            onChange={(v) => setFilter((f) => ({ ...f, status: (v ?? undefined) as AccountFilter['status'] }))}
            clearable
            w={150}
          />
          <Select
            placeholder={t('accounts.anyOwner')}
            aria-label={t('accounts.filterOwner')}
            data={fac.data?.owners ?? []}
            value={filter.owner ?? null}
            onChange={(v) => setFilter((f) => ({ ...f, owner: v ?? undefined }))}
            clearable
            searchable
            w={170}
          />
          <Select
            placeholder={t('accounts.anySegment')}
            aria-label={t('accounts.filterSegment')}
            data={SEGMENTS.map((s) => ({ value: s, label: t(`segment.${s}`) }))}
            value={filter.segment ?? null}
            onChange={(v) => setFilter((f) => ({ ...f, segment: (v ?? undefined) as AccountFilter['segment'] }))}
            clearable
            w={150}
          />
          <Select
            placeholder={t('accounts.anyHealth')}
            aria-label={t('accounts.filterHealth')}
            data={(['good', 'average', 'poor', 'no_data'] as const).map((h) => ({ value: h, label: t(`accounts.health.${h}`) }))}
            value={filter.health ?? null}
            onChange={(v) => setFilter((f) => ({ ...f, health: (v ?? undefined) as AccountFilter['health'] }))}
            clearable
            w={140}
          />
          <Text size="sm" c="dimmed" ml="auto" data-testid="account-total">
            {list.data ? t('accounts.total', { count: list.data.total }) : ''}
          </Text>
        </Group>
      </Card>
      {list.error && <ErrorNotice error={list.error} onRetry={list.reload} />}
      <PagedTable<Account>
        paging={paging}
        total={list.data?.total ?? 0}
        fetching={list.loading}
        records={list.data?.items ?? []}
        sortStatus={sort}
        onSortStatusChange={setSort}
        noRecordsText={filter.status || filter.owner || filter.segment || q ? t('accounts.empty') : t('accounts.emptyAll')}
        onRowClick={({ record }) => navigate(`/accounts/${record.id}`)}
        rowStyle={() => ({ cursor: 'pointer' })}
        idAccessor="id"
        data-testid="accounts-table"
        columns={[
          { accessor: 'name', title: t('accounts.col.name'), sortable: true, render: (a) => <Text fw={600} size="sm">{a.name}</Text> },
          { accessor: 'domain', title: t('accounts.col.domain'), sortable: true },
          { accessor: 'segment', title: t('accounts.col.segment'), sortable: true, render: (a) => t(`segment.${a.segment}`) },
          { accessor: 'plan', title: t('accounts.col.plan'), sortable: true },
          { accessor: 'mrr', title: t('accounts.col.mrr'), sortable: true, textAlign: 'right', render: (a) => formatMoney(a.mrr, a.currency, i18n.language) },
          { accessor: 'seats', title: t('accounts.col.seats'), sortable: true, textAlign: 'right' },
          { accessor: 'status', title: t('accounts.col.status'), sortable: true, width: 130, render: (a) => <Badge color={STATUS_COLOR[a.status]}>{t(`status.${a.status}`)}</Badge> },
          {
            accessor: 'health_score',
            title: t('accounts.col.health'),
            sortable: true,
            textAlign: 'right',
            render: (a) =>
              a.health_class ? (
                <Group gap={6} justify="flex-end" wrap="nowrap" title={t(`accounts.health.${a.health_class}`)} data-testid={`health-${a.id}`}>
                  <ColorSwatch size={10} color={`var(--mantine-color-${HEALTH_COLOR[a.health_class]}-6)`} withShadow={false} />
                  <Text size="sm">{a.health_class === 'no_data' ? '—' : a.health_score?.toFixed(0)}</Text>
                </Group>
              ) : (
                t('common.notSet')
              ),
          },
          {
            accessor: 'risk',
            title: t('accounts.col.risk'),
            sortable: true,
            textAlign: 'right',
            render: (a) => (
              <Text size="sm" style={{ whiteSpace: 'nowrap' }} data-testid={`risk-${a.id}`}>
                {a.risk == null ? '—' : `${pct(a.risk, i18n.language)} %`}
              </Text>
            ),
          },
          { accessor: 'owner', title: t('accounts.col.owner'), sortable: true },
          { accessor: 'renewal_date', title: t('accounts.col.renewal'), sortable: true, render: (a) => a.renewal_date ?? t('common.notSet') },
        ]}
      />
      {creating && (
        <AccountForm
          opened
          onClose={closeForm}
          onSaved={(a) => {
            closeForm();
            list.reload();
            navigate(`/accounts/${a.id}`);
          }}
        />
      )}
    </>
  );
}
