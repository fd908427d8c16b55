import { ActionIcon, Anchor, Button, Card, Code, Group, Modal, Popover, SegmentedControl, Table, Text, Tooltip } from '@mantine/core';
import { IconInfoCircle, IconUsers } from '@tabler/icons-react';
import { Link } from 'react-router';
import { MEMBER_SETS, members, type ChurnSettings, type Figure, type MemberSet, type Metrics, type PeriodQuery } from '../../api/churn';
import { useApi } from '../../api/useApi';
import { formatDate } from '../../format/money';
import { ErrorNotice, Loading } from '../../shell/Page';
import { formatFigure, formatInput, reasonLabel, substitution } from './format';
import { useChurnT, type ChurnT } from './i18n';

/** SET_OF names the customer set each figure counts, for "show accounts". */
export const SET_OF: Record<string, MemberSet> = {
  crr: 'end',
  logo_churn: 'lost',
  preventable_share: 'preventable',
  unavoidable_share: 'unavoidable',
  gross_revenue_churn: 'lost',
  grr: 'lost',
  nrr: 'start',
  clv: 'start',
};

export interface CardFigure {
  id: string;
  figure: Figure;
  currency: string;
  /** home marks a portfolio figure converted to the home currency. */
  home?: boolean;
}

export function KpiCard({ f, currency, home, onMembers, tc, lang, months }: { f: Figure; currency: string; home?: boolean; onMembers?: () => void; tc: ChurnT; lang: string; months: number }) {
  const formula = lang === 'en' ? f.formula : tc(`formula.${f.key}`, { defaultValue: f.formula, months: months.toFixed(1), currency });
  const sub = substitution(f.key, f.inputs, currency, lang);
  return (
    <Card padding="md" data-testid={`kpi-${f.key}${home ? '-home' : currency ? '-' + currency : ''}`}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap={4}>
        <Text size="sm" c="dimmed" fw={500} lh={1.3}>
          {tc(`figure.${f.key}`, { defaultValue: f.key })}
          {currency ? ` · ${currency}` : ''}
        </Text>
        <Group gap={0} wrap="nowrap">
          <Popover width={380} shadow="md" position="bottom-end" withArrow>
            <Popover.Target>
              <ActionIcon variant="subtle" color="gray" size="sm" aria-label={tc('analytics.formula')} data-testid={`formula-${f.key}`}>
                <IconInfoCircle size={16} />
              </ActionIcon>
            </Popover.Target>
            <Popover.Dropdown>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={4}>
                {tc('analytics.formula')}
              </Text>
              <Text size="sm" fw={600} mb="xs">
                {formula}
              </Text>
              {sub && (
                <Code block mb="xs">
                  {sub} = {formatFigure(f, currency, lang)}
                </Code>
              )}
              <Table fz="xs" withRowBorders={false} verticalSpacing={2}>
                <Table.Tbody>
                  {Object.entries(f.inputs).map(([k, v]) => (
                    <Table.Tr key={k}>
                      <Table.Td c="dimmed">{tc(`input.${k}`, { defaultValue: k })}</Table.Td>
                      <Table.Td ta="right" fw={600}>
                        {formatInput(k, v, currency, lang)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {onMembers && (
                <Button size="compact-xs" variant="light" mt="xs" leftSection={<IconUsers size={12} />} onClick={onMembers}>
                  {tc('analytics.showAccounts')}
                </Button>
              )}
            </Popover.Dropdown>
          </Popover>
          {onMembers && (
            <Tooltip label={tc('analytics.showAccounts')}>
              <ActionIcon variant="subtle" color="gray" size="sm" aria-label={tc('analytics.showAccounts')} onClick={onMembers} data-testid={`members-${f.key}`}>
                <IconUsers size={16} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </Group>
      <Text fz={26} fw={700} mt={4} data-testid="kpi-value">
        {formatFigure(f, currency, lang)}
      </Text>
      <Text size="xs" c="dimmed" lineClamp={1}>
        {tc(`norm.${f.key}`, { defaultValue: '' })}
      </Text>
    </Card>
  );
}

export function MembersModal({ set, period, onSet, onClose, settings }: { set: MemberSet | null; period: PeriodQuery; onSet: (s: MemberSet) => void; onClose: () => void; settings?: ChurnSettings }) {
  const { tc, lang } = useChurnT();
  const who = useApi(() => (set ? members({ ...period, set }) : Promise.resolve(undefined)), [set, period.from, period.to, period.as_of]);
  return (
    <Modal opened={set !== null} onClose={onClose} title={<Text fw={650}>{tc('analytics.membersTitle')}</Text>} size="xl" data-testid="members-modal">
      <SegmentedControl
        fullWidth
        size="xs"
        value={set ?? 'lost'}
        onChange={(v) => onSet(v as MemberSet)}
        data={MEMBER_SETS.map((s) => ({ value: s, label: tc(`set.${s}`) }))}
        mb="sm"
      />
      <Text size="sm" c="dimmed" mb="xs">
        {tc(`setHint.${set ?? 'lost'}`)} {who.data ? '· ' + tc('analytics.membersTotal', { count: who.data.total, shown: who.data.items.length }) : ''}
      </Text>
      {who.error && <ErrorNotice error={who.error} onRetry={who.reload} />}
      {!who.data && !who.error ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={500} maxHeight={420}>
          <Table fz="sm" striped stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{tc('cols.account')}</Table.Th>
                <Table.Th>{tc('analytics.customerFrom')}</Table.Th>
                <Table.Th>{tc('analytics.customerTo')}</Table.Th>
                <Table.Th>{tc('cols.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(who.data?.items ?? []).map((x) => (
                <Table.Tr key={`${x.account_id}-${x.from}`}>
                  <Table.Td>
                    <Anchor component={Link} to={`/accounts/${x.account_id}`} size="sm">
                      {x.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{formatDate(x.from, lang)}</Table.Td>
                  <Table.Td>{x.to ? formatDate(x.to, lang) : '—'}</Table.Td>
                  <Table.Td>{x.reason ? reasonLabel(settings, x.reason, lang) : ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Modal>
  );
}

/** figureCards orders the period's figures for the KPI grid: customer figures, revenue in one currency, NPS, renewals, churn shares. */
export function figureCards(m: Metrics, currency = '', home = false): CardFigure[] {
  const by = (k: string) => m.figures.find((f) => f.key === k);
  const out: CardFigure[] = [];
  const push = (f: Figure | undefined, currency = '') => f && out.push({ id: f.key + currency, figure: f, currency });
  push(by('crr'));
  push(by('logo_churn'));
  // Revenue figures are per currency (never summed across currencies): show the chosen one, else the largest.
  // In the home-currency view the portfolio's figures come converted (null when a currency has no rate).
  const homeRev = home ? m.home?.revenue : null;
  const rev = homeRev ?? m.revenue.find((r) => r.currency === currency) ?? m.revenue[0];
  for (const key of ['grr', 'nrr', 'gross_revenue_churn', 'clv']) {
    const f = rev?.figures.find((x) => x.key === key);
    if (rev && f) out.push({ id: f.key + (homeRev ? '-home' : rev.currency), figure: f, currency: rev.currency, home: !!homeRev });
  }
  const n = m.nps;
  push({ key: 'nps', value: n.responses ? n.nps : null, unit: 'count', formula: n.formula, inputs: { promoters: n.promoters, passives: n.passives, detractors: n.detractors, responses: n.responses } });
  push(by('renewal_rate'));
  push(by('preventable_share'));
  push(by('unavoidable_share'));
  return out;
}

