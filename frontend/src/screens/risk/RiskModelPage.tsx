import { Alert, Button, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { riskModel, trainRisk, type RiskBacktest, type RiskModel } from '../../api/risk';
import { toApiError, type ApiError } from '../../api/errors';
import { useApi } from '../../api/useApi';
import type { AreaT } from '../../i18n/area';
import { ErrorNotice, Loading, PageHeader } from '../../shell/Page';
import { covariateName, num, pct } from './format';
import { BacktestCharts } from './RiskCharts';
import { useRiskT } from './i18n';

function Coefficients({ m, ta, lang }: { m: RiskModel; ta: AreaT; lang: string }) {
  return (
    <Card mt="lg">
      <Title order={5} mb="sm">
        {ta('coefficients')}
      </Title>
      <Table striped data-testid="risk-coefficients">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{ta('covariate')}</Table.Th>
            <Table.Th ta="right">{ta('hazardRatio')}</Table.Th>
            <Table.Th ta="right">{ta('interval')}</Table.Th>
            <Table.Th>{ta('per')}</Table.Th>
            <Table.Th>{ta('source')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {m.coefficients.map((c) => (
            <Table.Tr key={c.key} data-testid={`coef-${c.key}`}>
              <Table.Td>{covariateName(ta, c.key)}</Table.Td>
              <Table.Td ta="right" fw={600} data-testid={`hr-${c.key}`}>
                {num(c.hazard_ratio, lang)}
              </Table.Td>
              <Table.Td ta="right">
                {num(c.low, lang)} – {num(c.high, lang)}
              </Table.Td>
              <Table.Td>{ta(`unit.${c.unit}`, { step: num(c.step, lang) })}</Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed">
                  {c.source}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function Backtest({ bt, ta, lang }: { bt: RiskBacktest; ta: AreaT; lang: string }) {
  const better = bt.auc > bt.health.auc;
  return (
    <Card mt="lg" data-testid="risk-backtest">
      <Title order={5}>{ta('backtest.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {ta('backtest.body', { cutoff: bt.cutoff, accounts: bt.accounts, churned: bt.churned, asOf: bt.as_of })}
      </Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{ta('backtest.figure')}</Table.Th>
            <Table.Th ta="right">{ta('backtest.model')}</Table.Th>
            <Table.Th ta="right">{ta('backtest.health')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr>
            <Table.Td>{ta('backtest.auc')}</Table.Td>
            <Table.Td ta="right" data-testid="bt-auc">
              {num(bt.auc, lang, 3)}
            </Table.Td>
            <Table.Td ta="right" data-testid="bt-health-auc">
              {num(bt.health.auc, lang, 3)}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td>{ta('backtest.catch')}</Table.Td>
            <Table.Td ta="right" data-testid="bt-catch">
              {pct(bt.catch_top10, lang)} %
            </Table.Td>
            <Table.Td ta="right" data-testid="bt-health-catch">
              {pct(bt.health.catch_top10, lang)} %
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td>{ta('backtest.brier')}</Table.Td>
            <Table.Td ta="right" data-testid="bt-brier">
              {num(bt.brier, lang, 4)}
            </Table.Td>
            <Table.Td ta="right">—</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Alert mt="sm" color={better ? 'teal' : 'yellow'} data-testid="bt-verdict">
        {ta(better ? 'backtest.better' : 'backtest.worse')}
      </Alert>
      <BacktestCharts bt={bt} ta={ta} lang={lang} />
      <Title order={6} mt="md" mb="xs">
        {ta('backtest.calibration')}
      </Title>
      <Table data-testid="bt-calibration">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{ta('backtest.decile')}</Table.Th>
            <Table.Th ta="right">{ta('backtest.accounts')}</Table.Th>
            <Table.Th ta="right">{ta('backtest.predicted')}</Table.Th>
            <Table.Th ta="right">{ta('backtest.observed')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {bt.calibration.map((d) => (
            <Table.Tr key={d.decile}>
              <Table.Td>{d.decile}</Table.Td>
              <Table.Td ta="right">{d.accounts}</Table.Td>
              <Table.Td ta="right">{pct(d.predicted, lang)} %</Table.Td>
              <Table.Td ta="right">{pct(d.observed, lang)} %</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** RiskModelPage shows the churn-risk model: its hazard ratios with intervals, the backtest against the health score, how to read it, and a retrain button. */
export function RiskModelPage() {
  const { ta, lang } = useRiskT();
  const st = useApi(() => riskModel(), []);
  const [busy, setBusy] = useState(false);
  const [trainError, setTrainError] = useState<ApiError>();
  const retrain = async () => {
    setBusy(true);
    setTrainError(undefined);
    try {
      await trainRisk();
      st.reload();
    } catch (e) {
      setTrainError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const m = st.data?.model ?? undefined;
  return (
    <>
      <PageHeader
        title={ta('title')}
        subtitle={ta('subtitle')}
        actions={
          <Button onClick={retrain} loading={busy} data-testid="risk-retrain">
            {ta('retrain')}
          </Button>
        }
      />
      {trainError && (
        <Alert color="red" mb="md" data-testid="risk-train-error">
          {trainError.message}
        </Alert>
      )}
      {st.error && <ErrorNotice error={st.error} onRetry={st.reload} />}
      {!st.data && !st.error && <Loading />}
      {st.data && !m && (
        <Alert data-testid="risk-not-trained">
          {ta('notTrained')} {st.data.message}
        </Alert>
      )}
      {m && (
        <>
          <Text size="sm" data-testid="risk-inputs">
            {ta('trained', {
              trainedAt: new Date(m.trained_at).toLocaleString(lang),
              asOf: m.as_of,
              rows: m.inputs.rows.toLocaleString(lang),
              accounts: m.inputs.accounts.toLocaleString(lang),
              events: m.inputs.events.toLocaleString(lang),
              c: num(m.inputs.concordance, lang, 3),
            })}
          </Text>
          {m.backtest ? (
            <Backtest bt={m.backtest} ta={ta} lang={lang} />
          ) : (
            <Alert mt="lg" color="yellow">
              {ta('backtest.none', { note: m.backtest_note })}
            </Alert>
          )}
          <Coefficients m={m} ta={ta} lang={lang} />
        </>
      )}
      <Card mt="lg">
        <Title order={5} mb="xs">
          {ta('howTo.title')}
        </Title>
        <Stack gap="xs">
          {['p1', 'p2', 'p3', 'planted'].map((k) => (
            <Text key={k} size="sm">
              {ta(`howTo.${k}`)}
            </Text>
          ))}
        </Stack>
      </Card>
    </>
  );
}
