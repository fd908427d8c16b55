import { Chart } from '../../shell/Chart';
import { Badge, Card, Group, List, SimpleGrid, Stack, Table, Text, Title, useComputedColorScheme, useMantineTheme } from '@mantine/core';
import type { QbrReport } from '../../api/qbr';
import { deckTexts } from '../../deck/texts';
import { formatDate, formatMoney } from '../../format/money';
import { useQbrT } from './i18n';

const nf = (v: number, lang: string, digits = 1) => new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(v);

function signedPct(p: number, lang: string): string {
  const s = nf(Math.abs(p), lang);
  return (p > 0 ? '+' : p < 0 ? '−' : '') + s + (lang === 'en' ? '%' : ' %');
}

/** UsageCard shows this quarter's usage and adoption KPIs against the previous quarter's. */
export function UsageCard({ report }: { report: QbrReport }) {
  const { ta, lang } = useQbrT();
  const labels = deckTexts(lang).usageKeys;
  return (
    <Card withBorder data-testid="qbr-usage">
      <Title order={5} mb="xs">
        {ta('usage.title')}
      </Title>
      <Table fz="sm" verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{ta('usage.kpi')}</Table.Th>
            <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
              {report.previous_quarter}
            </Table.Th>
            <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
              {report.quarter}
            </Table.Th>
            <Table.Th ta="right">{ta('usage.change')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.computed.usage.map((u) => (
            <Table.Tr key={u.key} data-testid={`qbr-usage-${u.key}`}>
              <Table.Td>{labels[u.key]}</Table.Td>
              <Table.Td ta="right">{nf(u.previous_quarter, lang)}</Table.Td>
              <Table.Td ta="right" fw={600}>
                {nf(u.this_quarter, lang)}
              </Table.Td>
              <Table.Td ta="right">
                {u.change_pct == null ? (
                  <Text span size="xs" c="dimmed">
                    {ta('usage.noPrevious')}
                  </Text>
                ) : (
                  <Text span size="sm" fw={600} c={u.change_pct > 0 ? 'teal' : u.change_pct < 0 ? 'red' : 'dimmed'}>
                    {signedPct(u.change_pct, lang)}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** HealthCard draws the quarter's weekly health scores. */
export function HealthCard({ report }: { report: QbrReport }) {
  const { ta, lang } = useQbrT();
  const theme = useMantineTheme();
  const dark = useComputedColorScheme('light') === 'dark';
  const pts = report.computed.health;
  const color = theme.colors.brand?.[dark ? 4 : 6] ?? theme.colors.teal[6];
  const option = {
    backgroundColor: 'transparent',
    grid: { left: 36, right: 12, top: 16, bottom: 28 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: pts.map((p) => formatDate(p.week, lang)) },
    yAxis: { type: 'value', min: 0, max: 100, splitNumber: 4 },
    series: [{ name: ta('health.score'), type: 'line', data: pts.map((p) => p.score), smooth: false, symbolSize: 7, lineStyle: { width: 3, color }, itemStyle: { color }, areaStyle: { opacity: 0.08, color } }],
  };
  const last = pts[pts.length - 1];
  return (
    <Card withBorder data-testid="qbr-health">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{ta('health.title')}</Title>
        {last && (
          <Badge variant="light" color={last.class === 'good' ? 'teal' : last.class === 'poor' ? 'red' : last.class === 'no_data' ? 'gray' : 'yellow'}>
            {last.class === 'no_data' ? '' : `${nf(last.score, lang)} · `}
            {deckTexts(lang).healthClass[last.class] ?? last.class}
          </Badge>
        )}
      </Group>
      {pts.length === 0 ? (
        <Text size="sm" c="dimmed">
          {ta('health.none')}
        </Text>
      ) : (
        <Chart option={option} height={200} title={ta('health.title')} />
      )}
    </Card>
  );
}

/** NpsCard shows the quarter's NPS and its verbatims. */
export function NpsCard({ report }: { report: QbrReport }) {
  const { ta, lang } = useQbrT();
  const n = report.computed.nps;
  return (
    <Card withBorder data-testid="qbr-nps">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{ta('nps.title')}</Title>
        <Text size="xs" c="dimmed">
          {ta('nps.answers', { count: n.responses })}
        </Text>
      </Group>
      {n.responses === 0 ? (
        <Text size="sm" c="dimmed">
          {ta('nps.none')}
        </Text>
      ) : (
        <Group align="baseline" gap="sm" mb="xs">
          <Text fz={32} fw={700} c={n.nps > 0 ? 'teal' : n.nps < 0 ? 'red' : undefined} title={n.formula}>
            {n.nps > 0 ? '+' : n.nps < 0 ? '−' : ''}
            {nf(Math.abs(n.nps), lang, 0)}
          </Text>
          <Text size="sm" c="dimmed">
            {ta('nps.split', { promoters: n.promoters, passives: n.passives, detractors: n.detractors })}
          </Text>
        </Group>
      )}
      {report.computed.verbatims.length === 0 ? (
        n.responses > 0 && (
          <Text size="sm" c="dimmed">
            {ta('nps.noVerbatims')}
          </Text>
        )
      ) : (
        <Stack gap={8}>
          {report.computed.verbatims.map((v, i) => (
            <div key={i}>
              <Text size="sm" fs="italic">
                “{v.comment}”
              </Text>
              <Text size="xs" c="dimmed">
                {v.score}/10 · {formatDate(v.date, lang)}
              </Text>
            </div>
          ))}
        </Stack>
      )}
    </Card>
  );
}

/** AccountCard shows tier and benefits used, referrals made and the commercial picture. */
export function AccountCard({ report }: { report: QbrReport }) {
  const { ta, lang } = useQbrT();
  const c = report.computed.commercial;
  const cur = c.currency || report.account.currency || 'USD';
  const fact = (label: string, value: string) => (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600}>
        {value}
      </Text>
    </div>
  );
  const none = (
    <Text size="sm" c="dimmed">
      {ta('account.none')}
    </Text>
  );
  return (
    <Card withBorder data-testid="qbr-account">
      <Title order={5} mb="xs">
        {ta('account.title')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" mb="sm">
        {fact(ta('account.plan'), c.plan || '—')}
        {fact(ta('account.seats'), nf(c.seats, lang, 0))}
        {fact(ta('account.mrr'), formatMoney(c.mrr, cur, lang))}
        {fact(ta('account.renewal'), c.renewal_date ? formatDate(c.renewal_date, lang) : '—')}
      </SimpleGrid>
      <Text size="xs" c="dimmed" mb={6} data-testid="qbr-as-of">
        {ta('account.asOf', { date: formatDate(c.as_of, lang) })}
      </Text>
      <Text size="sm" fw={600}>
        {ta('account.tier')}: {report.computed.tier || ta('account.noTier')}
      </Text>
      <Text size="xs" c="dimmed" mt={6}>
        {ta('account.benefits')}
      </Text>
      {report.computed.benefits_used.length === 0 ? (
        none
      ) : (
        <List size="sm">
          {report.computed.benefits_used.map((b, i) => (
            <List.Item key={i}>
              {b.kind}
              {b.note ? `: ${b.note}` : ''} · {formatDate(b.date, lang)}
            </List.Item>
          ))}
        </List>
      )}
      <Text size="xs" c="dimmed" mt={6}>
        {ta('account.referrals')}
      </Text>
      {report.computed.referrals.length === 0 ? (
        none
      ) : (
        <List size="sm">
          {report.computed.referrals.map((r, i) => (
            <List.Item key={i}>
              {r.company} · {r.status} · {formatDate(r.date, lang)}
            </List.Item>
          ))}
        </List>
      )}
      {c.movements.length > 0 && (
        <>
          <Text size="xs" c="dimmed" mt={6}>
            {ta('account.movements')}
          </Text>
          <List size="sm">
            {c.movements.map((m, i) => (
              <List.Item key={i}>
                {formatDate(m.date, lang)} · {m.kind} · {m.amount >= 0 ? '+' : '−'}
                {formatMoney(Math.abs(m.amount), cur, lang)}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Card>
  );
}
