import { useEffect, useState } from 'react';
import { Anchor, Badge, Button, Card, Grid, Group, SimpleGrid, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCheck, IconGift, IconSearch, IconSend, IconShare, IconUserPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import {
  advanceReward,
  listReferrals,
  moveReferral,
  referralFigures,
  referralSuggestions,
  type Outstanding,
  type Referral,
  type ReferralStatus,
} from '../../api/loyalty';
import { useApi } from '../../api/useApi';
import { formatMoney, formatNumber } from '../../format/money';
import { EmptyState, ErrorNotice, Loading, PageHeader } from '../../shell/Page';
import { notifyError, notifySuccess } from '../../shell/notify';
import { CLOSED, PIPELINE, columns, dropAction, formatMrrMap, formatPct, nextReward, suggestionPrefill } from './format';
import { ConvertModal } from './ConvertModal';
import { LoyaltyTabs } from './LoyaltyPage';
import { BoardColumn } from './ReferralBoard';
import { ReferralForm, type ReferralFormProps } from './ReferralForm';
import { useLoyaltyT } from './i18n';

const BOARD_LIMIT = 500;

/** ReferralsPage runs the referral programme: the pipeline board, its figures, rewards to hand out and whom to ask next. */
export function ReferralsPage() {
  const { ta, t, lang } = useLoyaltyT();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const list = useApi(() => listReferrals({ q: q.trim() || undefined, limit: BOARD_LIMIT }), [q]);
  const figures = useApi(() => referralFigures(), []);
  const suggestions = useApi(() => referralSuggestions(), []);
  const [items, setItems] = useState<Referral[]>([]);
  const [form, setForm] = useState<Omit<ReferralFormProps, 'onClose' | 'onSaved'> | null>(null);
  const [converting, setConverting] = useState<Referral | null>(null);
  const [busyReward, setBusyReward] = useState('');

  useEffect(() => {
    if (list.data) setItems(list.data.items);
  }, [list.data]);

  const refresh = () => {
    list.reload();
    figures.reload();
    suggestions.reload();
  };

  const onMove = async (r: Referral, to: ReferralStatus) => {
    const action = dropAction(r.status, to);
    if (action.kind === 'none') return;
    if (action.kind === 'blocked') {
      notifyError(ta('board.moveFailed'), new Error(ta('board.convertedStays')));
      return;
    }
    if (action.kind === 'convert') {
      setConverting(r);
      return;
    }
    const before = items;
    setItems((xs) => xs.map((x) => (x.id === r.id ? { ...x, status: action.status } : x)));
    try {
      const saved = await moveReferral(r.id, action.status);
      setItems((xs) => xs.map((x) => (x.id === r.id ? saved : x)));
      notifySuccess(ta('board.moved', { company: r.referred_company, status: ta(`status.${action.status}`) }));
      figures.reload();
    } catch (err) {
      setItems(before);
      notifyError(ta('board.moveFailed'), err);
    }
  };

  const reward = async (o: Outstanding) => {
    const next = nextReward(o.status);
    if (!next) return;
    const key = `${o.referral_id}-${o.side}`;
    setBusyReward(key);
    try {
      await advanceReward(o.referral_id, o.side, next);
      notifySuccess(ta(next === 'approved' ? 'rewards.approvedOk' : 'rewards.issuedOk', { reward: o.reward }));
      figures.reload();
      list.reload();
    } catch (err) {
      notifyError(ta('rewards.failed'), err);
    } finally {
      setBusyReward('');
    }
  };

  const cols = columns(items);
  const f = figures.data;
  const empty = list.data && list.data.total === 0 && !q.trim();

  return (
    <>
      <PageHeader
        title={ta('referrals.title')}
        subtitle={ta('referrals.subtitle')}
        actions={
          <Button leftSection={<IconUserPlus size={16} />} onClick={() => setForm({})} data-testid="new-referral">
            {ta('referrals.new')}
          </Button>
        }
      />
      <LoyaltyTabs value="referrals" />
      {f && (
        <SimpleGrid cols={{ base: 2, md: 4 }} mb="md" data-testid="referral-figures">
          <Card padding="sm">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {ta('figures.conversion')}
            </Text>
            <Tooltip label={`${f.formula} = ${f.converted} ÷ ${f.referrals} × 100`} withArrow multiline w={260}>
              <Text size="xl" fw={700} style={{ cursor: 'help' }} data-testid="figure-conversion">
                {formatPct(f.conversion_rate, lang)}
              </Text>
            </Tooltip>
            <Text size="xs" c="dimmed">
              {ta('figures.conversionOf', { converted: f.converted, referrals: f.referrals })}
            </Text>
          </Card>
          <Card padding="sm">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {ta('figures.referrals')}
            </Text>
            <Text size="xl" fw={700} data-testid="figure-referrals">
              {formatNumber(f.referrals, lang)}
            </Text>
            <Text size="xs" c="dimmed">
              {ta('figures.inPipeline', { count: cols.invited.length + cols.lead.length + cols.trial.length })}
            </Text>
          </Card>
          <Card padding="sm">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {ta('figures.mrr')}
            </Text>
            <Text size="xl" fw={700} data-testid="figure-mrr">
              {formatMrrMap(f.mrr_from_referrals, lang)}
            </Text>
            <Text size="xs" c="dimmed">
              {ta('figures.mrrHint')}
            </Text>
          </Card>
          <Card padding="sm">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {ta('figures.rewards')}
            </Text>
            <Text size="xl" fw={700} data-testid="figure-rewards">
              {formatNumber(f.rewards_outstanding.length, lang)}
            </Text>
            <Text size="xs" c="dimmed">
              {ta('figures.rewardsHint')}
            </Text>
          </Card>
        </SimpleGrid>
      )}
      {list.error && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {!list.data && !list.error && <Loading />}
      {empty && (
        <Card mb="md">
          <EmptyState
            icon={IconShare}
            title={ta('referrals.emptyTitle')}
            body={ta('referrals.emptyBody')}
            action={
              <Button mt="sm" leftSection={<IconUserPlus size={16} />} onClick={() => setForm({})}>
                {ta('referrals.new')}
              </Button>
            }
          />
        </Card>
      )}
      {list.data && !empty && (
        <>
          <Group mb="sm" justify="space-between">
            <TextInput
              leftSection={<IconSearch size={14} />}
              placeholder={ta('board.search')}
              aria-label={ta('board.search')}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              w={280}
              data-testid="referral-search"
            />
            <Text size="xs" c="dimmed">
              {list.data.total > BOARD_LIMIT ? ta('board.limited', { shown: BOARD_LIMIT, total: list.data.total }) : ta('board.dragHint')}
            </Text>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} mb="sm" data-testid="referral-board">
            {PIPELINE.map((s) => (
              <BoardColumn key={s} status={s} items={cols[s]} onMove={onMove} onOpen={(r) => setForm({ referral: r })} onConvert={setConverting} />
            ))}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} mb="md">
            {CLOSED.map((s) => (
              <BoardColumn key={s} status={s} items={cols[s]} compact onMove={onMove} onOpen={(r) => setForm({ referral: r })} onConvert={setConverting} />
            ))}
          </SimpleGrid>
        </>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Card h="100%" data-testid="rewards-outstanding">
            <Group gap="xs" mb="sm">
              <IconGift size={18} />
              <Title order={5}>{ta('rewards.title')}</Title>
            </Group>
            {f && f.rewards_outstanding.length === 0 && (
              <Text size="sm" c="dimmed">
                {ta('rewards.none')}
              </Text>
            )}
            {f && f.rewards_outstanding.length > 0 && (
              <Table fz="sm" verticalSpacing={6}>
                <Table.Tbody>
                  {f.rewards_outstanding.map((o) => {
                    const next = nextReward(o.status);
                    return (
                      <Table.Tr key={`${o.referral_id}-${o.side}`} data-testid={`reward-${o.referral_id}-${o.side}`}>
                        <Table.Td>
                          <Text size="sm" fw={500}>
                            {o.reward}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {o.side === 'referrer' ? ta('rewards.forReferrer', { name: o.referrer_name }) : ta('rewards.forNewcomer', { name: o.referred_company })}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Badge size="sm" variant="light" color={o.status === 'pending' ? 'yellow' : 'blue'}>
                            {ta(`reward.${o.status}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td ta="right">
                          {next && (
                            <Button
                              size="compact-xs"
                              variant={next === 'issued' ? 'filled' : 'light'}
                              leftSection={next === 'issued' ? <IconSend size={12} /> : <IconCheck size={12} />}
                              loading={busyReward === `${o.referral_id}-${o.side}`}
                              onClick={() => reward(o)}
                              data-testid={`reward-${next === 'approved' ? 'approve' : 'issue'}`}
                            >
                              {ta(next === 'approved' ? 'rewards.approve' : 'rewards.issue')}
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            )}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6, lg: 3 }}>
          <Card h="100%" data-testid="top-advocates">
            <Title order={5} mb="sm">
              {ta('advocates.title')}
            </Title>
            {f && f.top_advocates.length === 0 && (
              <Text size="sm" c="dimmed">
                {ta('advocates.none')}
              </Text>
            )}
            <Stack gap={6}>
              {f?.top_advocates.map((a, i) => (
                <Group key={a.account_id} justify="space-between" wrap="nowrap">
                  <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                    <Text size="xs" c="dimmed" w={16}>
                      {i + 1}.
                    </Text>
                    <Anchor component={Link} to={`/accounts/${a.account_id}`} size="sm" lineClamp={1}>
                      {a.name}
                    </Anchor>
                  </Group>
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {ta('advocates.counts', { referrals: a.referrals, converted: a.converted })}
                  </Text>
                </Group>
              ))}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6, lg: 4 }}>
          <Card h="100%" data-testid="suggestions">
            <Title order={5}>{ta('suggest.title')}</Title>
            <Text size="xs" c="dimmed" mb="sm">
              {ta('suggest.hint')}
            </Text>
            {suggestions.error && <ErrorNotice error={suggestions.error} onRetry={suggestions.reload} />}
            {suggestions.data && suggestions.data.items.length === 0 && (
              <Text size="sm" c="dimmed">
                {ta('suggest.none')}
              </Text>
            )}
            <Stack gap={6}>
              {suggestions.data?.items.slice(0, 8).map((s) => (
                <Group key={s.account_id} justify="space-between" wrap="nowrap" data-testid={`suggestion-${s.account_id}`}>
                  <div style={{ minWidth: 0 }}>
                    <Anchor component={Link} to={`/accounts/${s.account_id}`} size="sm" lineClamp={1}>
                      {s.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {ta('suggest.line', { nps: s.latest_nps, mrr: formatMoney(s.mrr, s.currency, lang), owner: s.owner || t('common.notSet') })}
                    </Text>
                  </div>
                  <Button size="compact-xs" variant="light" leftSection={<IconUserPlus size={12} />} onClick={() => setForm({ prefill: suggestionPrefill(s) })} data-testid="suggestion-invite">
                    {ta('suggest.invite')}
                  </Button>
                </Group>
              ))}
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
      {form && (
        <ReferralForm
          {...form}
          onClose={() => setForm(null)}
          onSaved={() => {
            setForm(null);
            refresh();
          }}
        />
      )}
      {converting && (
        <ConvertModal
          referral={converting}
          onClose={() => setConverting(null)}
          onConverted={(r) => {
            setConverting(null);
            setItems((xs) => xs.map((x) => (x.id === r.id ? r : x)));
            refresh();
          }}
        />
      )}
    </>
  );
}
