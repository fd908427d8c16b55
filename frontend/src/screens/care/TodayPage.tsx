import { useEffect, useState } from 'react';
import { Badge, Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { evaluateTriggers, owners as listOwners, recentFirings, today as readToday, type TodayGroupKey } from '../../api/care';
import { USER_KEY } from '../../api/client';
import { useApi } from '../../api/useApi';
import { ErrorNotice, PageHeader } from '../../shell/Page';
import { usePaging } from '../../shell/PagedTable';
import { notifyError, notifySuccess } from '../../shell/notify';
import { FiringLog } from './FiringLog';
import { TaskTable } from './TaskTable';
import { useCareT } from './i18n';

/** GROUPS are the inbox's groups in display order. */
const GROUPS: TodayGroupKey[] = ['overdue', 'today', 'week'];

/** TRIGGERS are the triggers the filter offers. */
const TRIGGERS = ['no_login', 'usage_drop', 'nps_detractor', 'health_poor', 'payment_overdue', 'card_expiring', 'renewal_due', 'onboarding', 'anniversary', 'tier_upgrade', 'risk_rose'];

/** Filters narrow the inbox. */
interface Filters {
  owner: string | null;
  trigger: string | null;
  account: string;
}

/** myName is the user's own name from Settings, the owner filter's default. */
function myName(): string | null {
  try {
    return localStorage.getItem(USER_KEY)?.trim() || null;
  } catch {
    return null;
  }
}

/** TaskGroup is one group of the inbox, paged on the server. */
function TaskGroup({
  group,
  filters,
  owners,
  tick,
  onChange,
  onTotal,
}: {
  group: TodayGroupKey;
  filters: Filters;
  owners: string[];
  tick: number;
  onChange: () => void;
  onTotal: (total: number) => void;
}) {
  const { ta } = useCareT();
  const paging = usePaging(10, [filters.owner, filters.trigger, filters.account]);
  const page = useApi(
    () =>
      readToday({
        group,
        owner: filters.owner ?? undefined,
        trigger: filters.trigger ?? undefined,
        account: filters.account,
        limit: paging.pageSize,
        offset: paging.offset,
      }),
    [group, filters.owner, filters.trigger, filters.account, paging.pageSize, paging.offset, tick],
  );
  const groupTotal = page.data?.groups.reduce((sum, g) => sum + g.count, 0);
  useEffect(() => {
    if (groupTotal !== undefined) onTotal(groupTotal);
  }, [groupTotal, onTotal]);
  return (
    <Card data-testid={`today-group-${group}`}>
      <Group justify="space-between" mb="xs">
        <Title order={5}>{ta(`group.${group}`)}</Title>
        <Badge data-testid="group-count">{page.data?.total ?? '…'}</Badge>
      </Group>
      {page.error && <ErrorNotice error={page.error} onRetry={page.reload} />}
      <TaskTable
        items={page.data?.items ?? []}
        total={page.data?.total ?? 0}
        paging={paging}
        fetching={page.loading}
        today={page.data?.today ?? ''}
        owners={owners}
        onChange={onChange}
      />
    </Card>
  );
}

/** TodayPage is the morning inbox: open tasks overdue, due today and in the next 7 days, with filters. */
export function TodayPage() {
  const { ta, t } = useCareT();
  const [filters, setFilters] = useState<Filters>(() => ({ owner: myName(), trigger: null, account: '' }));
  const [accountText, setAccountText] = useState('');
  const [tick, setTick] = useState(0);
  const [total, setTotal] = useState<number>();
  const owners = useApi(() => listOwners(), []);
  const firings = useApi(() => recentFirings({ limit: 20 }), [tick]);
  const [running, setRunning] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setFilters((f) => (f.account === accountText.trim() ? f : { ...f, account: accountText.trim() })), 300);
    return () => clearTimeout(timer);
  }, [accountText]);
  const reload = () => setTick((n) => n + 1);
  const run = async () => {
    setRunning(true);
    try {
      const res = await evaluateTriggers();
      notifySuccess(t('today.ran', { count: res.created }));
      reload();
    } catch (err) {
      notifyError(t('today.failed'), err);
    } finally {
      setRunning(false);
    }
  };
  const ownerNames = owners.data?.items ?? [];
  const ownerData = filters.owner && !ownerNames.includes(filters.owner) ? [filters.owner, ...ownerNames] : ownerNames;
  return (
    <>
      <PageHeader
        title={t('today.title')}
        subtitle={ta('subtitle')}
        actions={
          <Button leftSection={<IconPlayerPlay size={16} />} onClick={run} loading={running} data-testid="run-triggers">
            {t('today.run')}
          </Button>
        }
      />
      <Group mb="md" align="flex-end">
        <Select
          label={ta('owner')}
          placeholder={t('today.anyOwner')}
          data={ownerData}
          value={filters.owner}
          onChange={(owner) => setFilters((f) => ({ ...f, owner }))}
          clearable
          searchable
          w={220}
          data-testid="filter-owner"
        />
        <Select
          label={ta('trigger')}
          placeholder={ta('anyTrigger')}
          data={TRIGGERS.map((v) => ({ value: v, label: t(`today.trigger.${v}` as never) }))}
          value={filters.trigger}
          onChange={(trigger) => setFilters((f) => ({ ...f, trigger }))}
          clearable
          w={200}
          data-testid="filter-trigger"
        />
        <TextInput
          label={ta('account')}
          placeholder={ta('accountPlaceholder')}
          value={accountText}
          onChange={(e) => setAccountText(e.currentTarget.value)}
          w={220}
          data-testid="filter-account"
        />
      </Group>
      {total !== undefined && (
        <Text size="sm" c="dimmed" mb="xs" data-testid="today-total">
          {ta('total', { count: total })}
        </Text>
      )}
      <Stack>
        {GROUPS.map((g) => (
          <TaskGroup key={g} group={g} filters={filters} owners={ownerNames} tick={tick} onChange={reload} onTotal={setTotal} />
        ))}
        <Card>
          <Title order={5} mb="xs">
            {t('today.recent')}
          </Title>
          {firings.error && <ErrorNotice error={firings.error} onRetry={firings.reload} />}
          {firings.data && <FiringLog items={firings.data.items} empty={t('today.noRecent')} />}
        </Card>
      </Stack>
    </>
  );
}
