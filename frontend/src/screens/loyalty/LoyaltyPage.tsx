import { Chart } from '../../shell/Chart';
import { useMemo, useState } from 'react';
import { Alert, Anchor, Button, Card, Grid, Group, SegmentedControl, Table, Text, Title, Tooltip, useComputedColorScheme } from '@mantine/core';
import { IconAdjustments, IconAward, IconPlayerPlay } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { Link, useNavigate } from 'react-router';
import { distribution, evaluateTiers, tierMoves, tiers, type EvalResult } from '../../api/loyalty';
import { useApi } from '../../api/useApi';
import { formatNumber } from '../../format/money';
import { EmptyState, ErrorNotice, Loading, PageHeader } from '../../shell/Page';
import { notifyError } from '../../shell/notify';
import { formatMrrMap, formatPct } from './format';
import { DirectionIcon, TierBadge } from './TierBadge';
import { useLoyaltyT } from './i18n';

/** LoyaltyTabs switch between the loyalty overview and the referral programme. */
export function LoyaltyTabs({ value }: { value: 'tiers' | 'referrals' }) {
  const { ta } = useLoyaltyT();
  const navigate = useNavigate();
  return (
    <SegmentedControl
      value={value}
      onChange={(v) => navigate(v === 'referrals' ? '/referrals' : '/loyalty')}
      data={[
        { value: 'tiers', label: ta('tabs.tiers') },
        { value: 'referrals', label: ta('tabs.referrals') },
      ]}
      mb="md"
      data-testid="loyalty-tabs"
    />
  );
}

const MOVES_PAGE = 15;

// Mantine's shade 6 (light) and 4 (dark) of the palette colours tiers use; ECharts cannot read CSS variables.
const SHADES: Record<string, [string, string]> = {
  gray: ['#868e96', '#ced4da'],
  yellow: ['#fab005', '#ffd43b'],
  orange: ['#fd7e14', '#ffa94d'],
  cyan: ['#15aabf', '#3bc9db'],
  indigo: ['#4c6ef5', '#748ffc'],
  grape: ['#be4bdb', '#da77f2'],
  teal: ['#12b886', '#38d9a9'],
  pink: ['#e64980', '#f783ac'],
};
const barColor = (c: string, dark: boolean) => (SHADES[c] ?? SHADES.indigo!)[dark ? 1 : 0];

/** LoyaltyPage shows how accounts spread over the tiers, how well each tier retains, and the latest tier moves. */
export function LoyaltyPage() {
  const { ta, t, lang } = useLoyaltyT();
  const dark = useComputedColorScheme('light') === 'dark';
  const dist = useApi(() => distribution(), []);
  const list = useApi(() => tiers(), []);
  const [page, setPage] = useState(1);
  const moves = useApi(() => tierMoves({ limit: MOVES_PAGE, offset: (page - 1) * MOVES_PAGE }), [page]);
  const [evaluating, setEvaluating] = useState(false);
  const [result, setResult] = useState<EvalResult>();

  const colors = useMemo(() => Object.fromEntries((list.data?.items ?? []).map((x) => [x.name, x.color ?? ''])), [list.data]);
  const rows = dist.data?.items ?? [];
  const total = rows.reduce((s, r) => s + r.accounts, 0);
  const noTiers = list.data && list.data.items.length === 0;

  const evaluate = async () => {
    setEvaluating(true);
    try {
      const r = await evaluateTiers();
      setResult(r);
      dist.reload();
      list.reload();
      setPage(1);
      moves.reload();
    } catch (err) {
      notifyError(ta('evaluateFailed'), err);
    } finally {
      setEvaluating(false);
    }
  };

  const tierLabel = (name: string) => name || ta('noTier');
  const chart = {
    backgroundColor: 'transparent',
    animationDuration: 300,
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 16, bottom: 28 },
    xAxis: { type: 'category', data: rows.map((r) => tierLabel(r.tier)), axisLabel: { color: dark ? '#c9c9c9' : '#495057', interval: 0, hideOverlap: false } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: dark ? '#c9c9c9' : '#495057' }, splitLine: { lineStyle: { color: dark ? '#373a40' : '#e9ecef' } } },
    series: [
      {
        type: 'bar',
        name: ta('dist.accounts'),
        data: rows.map((r) => ({ value: r.accounts, itemStyle: { color: barColor(colors[r.tier] || (r.tier ? 'indigo' : 'gray'), dark), borderRadius: [4, 4, 0, 0] } })),
        label: { show: true, position: 'top', color: dark ? '#c9c9c9' : '#495057' },
        barMaxWidth: 48,
      },
    ],
  };

  return (
    <>
      <PageHeader
        title={ta('title')}
        subtitle={ta('subtitle')}
        actions={
          <>
            <Button variant="default" component={Link} to="/loyalty/tiers" leftSection={<IconAdjustments size={16} />} data-testid="edit-tiers">
              {ta('editTiers')}
            </Button>
            <Button leftSection={<IconPlayerPlay size={16} />} onClick={evaluate} loading={evaluating} disabled={!!noTiers} data-testid="evaluate">
              {ta('evaluate')}
            </Button>
          </>
        }
      />
      <LoyaltyTabs value="tiers" />
      {result && (
        <Alert color="teal" mb="md" withCloseButton onClose={() => setResult(undefined)} data-testid="evaluate-result" title={ta('evaluated.title')}>
          <Text size="sm" data-testid="evaluate-moved">
            {result.up + result.down === 0
              ? ta('evaluated.none', { accounts: result.accounts })
              : ta('evaluated.moved', { moved: result.up + result.down, up: result.up, down: result.down, accounts: result.accounts })}
          </Text>
        </Alert>
      )}
      {(dist.error || list.error) && <ErrorNotice error={(dist.error ?? list.error)!} onRetry={() => (dist.reload(), list.reload())} />}
      {!dist.data && !dist.error && <Loading />}
      {noTiers && (
        <Card mb="md">
          <EmptyState
            icon={IconAward}
            title={ta('empty.title')}
            body={ta('empty.body')}
            action={
              <Button mt="sm" component={Link} to="/loyalty/tiers" data-testid="empty-edit-tiers">
                {ta('empty.action')}
              </Button>
            }
          />
        </Card>
      )}
      {dist.data && !noTiers && (
        <Grid mb="md">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Card h="100%">
              <Title order={5} mb="sm">
                {ta('dist.title')}
              </Title>
              <Table fz="sm" verticalSpacing={6} data-testid="distribution">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{ta('dist.tier')}</Table.Th>
                    <Table.Th ta="right">{ta('dist.accounts')}</Table.Th>
                    <Table.Th ta="right">{ta('dist.share')}</Table.Th>
                    <Table.Th ta="right">{ta('dist.mrr')}</Table.Th>
                    <Table.Th ta="right">
                      <Tooltip label={ta('dist.retentionFormula')} multiline w={260} withArrow>
                        <span style={{ textDecoration: 'underline dotted', cursor: 'help' }}>{ta('dist.retention')}</span>
                      </Tooltip>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.tier || '-'} data-testid={`dist-row-${r.tier || 'none'}`}>
                      <Table.Td>
                        <TierBadge name={r.tier} color={colors[r.tier]} />
                      </Table.Td>
                      <Table.Td ta="right" data-testid="dist-accounts">
                        {formatNumber(r.accounts, lang)}
                      </Table.Td>
                      <Table.Td ta="right" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                        {total ? formatPct((r.accounts / total) * 100, lang) : '—'}
                      </Table.Td>
                      <Table.Td ta="right" data-testid="dist-mrr">
                        {formatMrrMap(r.mrr, lang)}
                      </Table.Td>
                      <Table.Td ta="right" data-testid="dist-retention" style={{ whiteSpace: 'nowrap' }}>
                        <Tooltip label={ta('dist.retentionInputs', { accounts: r.accounts, churned: r.churned_12m })} withArrow>
                          <span>{formatPct(r.retention_pct, lang)}</span>
                        </Tooltip>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Card h="100%">
              <Title order={5} mb="sm">
                {ta('dist.chart')}
              </Title>
              <Chart option={chart} height={240} title={ta('dist.chart')} echartsTheme={false} />
            </Card>
          </Grid.Col>
        </Grid>
      )}
      {!noTiers && (
        <Card>
          <Group justify="space-between" mb="sm">
            <Title order={5}>{ta('moves.title')}</Title>
            {moves.data && (
              <Text size="sm" c="dimmed">
                {ta('moves.total', { count: moves.data.total })}
              </Text>
            )}
          </Group>
          {moves.error && <ErrorNotice error={moves.error} onRetry={moves.reload} />}
          <DataTable
            minHeight={moves.data?.items.length ? undefined : 160}
            withTableBorder={false}
            fz="sm"
            fetching={moves.loading}
            records={moves.data?.items ?? []}
            idAccessor={(m) => `${m.account_id}-${m.at}-${m.to}`}
            totalRecords={moves.data?.total ?? 0}
            recordsPerPage={MOVES_PAGE}
            page={page}
            onPageChange={setPage}
            noRecordsText={ta('moves.none')}
            loadingText={t('common.loading')}
            paginationText={({ from, to, totalRecords }) => ta('moves.pagination', { from, to, total: totalRecords })}
            data-testid="moves"
            columns={[
              {
                accessor: 'at',
                title: ta('moves.when'),
                render: (m) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(m.at)),
                width: 200,
                noWrap: true,
              },
              {
                accessor: 'account_name',
                title: ta('moves.account'),
                render: (m) => (
                  <Anchor component={Link} to={`/accounts/${m.account_id}`} size="sm">
                    {m.account_name}
                  </Anchor>
                ),
              },
              {
                accessor: 'to',
                title: ta('moves.move'),
                render: (m) => (
                  <Group gap={6} wrap="nowrap">
                    <TierBadge name={m.from} color={colors[m.from]} size="xs" />
                    <DirectionIcon direction={m.direction} />
                    <TierBadge name={m.to} color={colors[m.to]} size="xs" />
                  </Group>
                ),
              },
              { accessor: 'reason', title: ta('moves.reason'), render: (m) => <Text size="sm">{m.reason}</Text> },
              {
                accessor: 'by',
                title: ta('moves.by'),
                render: (m) => (
                  <Text size="xs" c="dimmed">
                    {m.by === 'rules' ? ta('moves.byRules') : m.by.startsWith('override by ') ? ta('moves.byOverride', { name: m.by.slice('override by '.length) }) : m.by}
                  </Text>
                ),
              },
            ]}
          />
        </Card>
      )}
    </>
  );
}
