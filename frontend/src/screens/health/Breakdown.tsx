import { Alert, Badge, Progress, Table, Text, Tooltip } from '@mantine/core';
import type { HealthScore } from '../../api/health';
import { fmt1, formatLost, formatMeasure, formatPoints, partState, STATE_COLOR } from './format';
import { useHealthT } from './i18n';

/** Breakdown lists every component of a score: its measure, where it sits between the thresholds, the points it added and what it cost. */
export function Breakdown({ score }: { score: HealthScore }) {
  const { ta, lang } = useHealthT();
  const lostTotal = score.breakdown.reduce((s, p) => s + p.lost, 0);
  return (
    <>
    {score.omitted.length > 0 && (
      <Alert color={score.class === 'no_data' ? 'yellow' : 'gray'} variant="light" mb="xs" p="xs" data-testid="health-data-note">
        <Text size="sm">{ta(score.class === 'no_data' ? 'breakdown.tooLittle' : 'breakdown.dataWeight', { pct: score.data_weight })}</Text>
      </Alert>
    )}
    <Table.ScrollContainer minWidth={560}>
      <Table fz="sm" verticalSpacing={6} data-testid="health-breakdown">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{ta('breakdown.component')}</Table.Th>
            <Table.Th>{ta('breakdown.measure')}</Table.Th>
            <Table.Th>{ta('breakdown.state')}</Table.Th>
            <Table.Th ta="right">{ta('breakdown.points')}</Table.Th>
            <Table.Th ta="right">{ta('breakdown.lost')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {score.breakdown.map((p) => {
            const state = partState(p);
            return (
              <Table.Tr key={p.key} data-testid={`breakdown-${p.key}`}>
                <Table.Td>
                  <Tooltip label={ta(`components.${p.key}.hint`)} multiline w={280} withArrow>
                    <Text size="sm" fw={500} component="span">
                      {ta(`components.${p.key}.name`)}
                    </Text>
                  </Tooltip>
                </Table.Td>
                <Table.Td data-testid={`breakdown-measure-${p.key}`}>{formatMeasure(p.key, p.measure, lang, ta)}</Table.Td>
                <Table.Td>
                  <Tooltip label={ta('breakdown.componentScore', { score: fmt1(p.score, lang) })} withArrow>
                    <Badge color={STATE_COLOR[state]} variant="light" data-testid={`breakdown-state-${p.key}`}>
                      {ta(`state.${state}`)}
                    </Badge>
                  </Tooltip>
                </Table.Td>
                <Table.Td ta="right">
                  {p.has_data ? (
                    <>
                      <Text size="sm" component="span">
                        {formatPoints(p.points, p.share, lang)}
                      </Text>
                      <Progress value={p.share ? (p.points / p.share) * 100 : 0} size={4} mt={4} color={STATE_COLOR[state]} aria-hidden />
                    </>
                  ) : (
                    <Text size="sm" c="dimmed" component="span" data-testid={`breakdown-left-out-${p.key}`}>
                      {ta('breakdown.leftOut')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right" fw={600} c={p.lost > 0.05 ? 'red' : 'dimmed'} data-testid={`breakdown-lost-${p.key}`}>
                  {formatLost(p.lost, lang)}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th colSpan={3}>{ta('breakdown.total')}</Table.Th>
            <Table.Th ta="right">{formatPoints(score.score, 100, lang)}</Table.Th>
            <Table.Th ta="right" c="red">
              {formatLost(lostTotal, lang)}
            </Table.Th>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
    </>
  );
}
