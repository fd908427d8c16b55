import { useEffect, useState } from 'react';
import { Alert, Button, Card, Grid, Group, NumberInput, Progress, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconArrowBackUp, IconCheck, IconDeviceFloppy, IconInfoCircle } from '@tabler/icons-react';
import { toApiError } from '../../api/errors';
import { healthModel, saveHealthModel, type HealthComponent, type HealthSettings, type RecomputeResult } from '../../api/health';
import { useApi } from '../../api/useApi';
import { formatDate } from '../../format/money';
import { ErrorNotice, Loading, PageHeader } from '../../shell/Page';
import { notifyError, notifySuccess } from '../../shell/notify';
import { weightTotal } from './format';
import { useHealthT } from './i18n';

type NumVal = number | string;
const num = (v: NumVal): number => (typeof v === 'number' ? v : v === '' || v === '-' ? Number.NaN : Number(v));

/** HealthModelPage edits the health model: component weights and thresholds, band cut-offs and engagement-trend settings. Saving rescores every account. */
export function HealthModelPage() {
  const { ta, t, lang } = useHealthT();
  const loaded = useApi(() => healthModel(), []);
  const [form, setForm] = useState<HealthSettings>();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<RecomputeResult>();

  useEffect(() => {
    if (loaded.data) setForm(structuredClone(loaded.data));
  }, [loaded.data]);

  if (loaded.error) return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  if (!form) return <Loading />;

  const total = weightTotal(form.model.components);
  const dirty = JSON.stringify(form) !== JSON.stringify(loaded.data);

  const edit = (next: HealthSettings) => {
    setForm(next);
    if (Object.keys(fields).length) setFields({});
  };
  const setComponent = (i: number, patch: Partial<Record<keyof HealthComponent, NumVal>>) => {
    const components = form.model.components.map((c, j) => (j === i ? ({ ...c, ...Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, num(v as NumVal)])) } as HealthComponent) : c));
    edit({ ...form, model: { ...form.model, components } });
  };
  const setModel = (key: 'good_from' | 'poor_below', v: NumVal) => edit({ ...form, model: { ...form.model, [key]: num(v) } });
  const setEngagement = (key: keyof HealthSettings['engagement'], v: NumVal) => edit({ ...form, engagement: { ...form.engagement, [key]: num(v) } });
  const nanToUndef = (v: number) => (Number.isNaN(v) ? '' : v);

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setFields({});
    setResult(undefined);
    try {
      const res = await saveHealthModel(form);
      setResult(res);
      notifySuccess(ta('model.saved', { count: res.accounts }));
      loaded.reload();
    } catch (err) {
      const apiErr = toApiError(err);
      setFields(Object.keys(apiErr.fields).length ? apiErr.fields : { _: apiErr.message });
      notifyError(ta('model.saveFailed'), err);
    } finally {
      setSaving(false);
    }
  };

  const fieldErr = (key: string) => fields[key] ?? fields[`model.${key}`] ?? fields[`engagement.${key}`];
  const known = new Set<string>(['components', 'good_from', 'poor_below', 'window_weeks', 'rising_above', 'declining_below', 'inactive_weeks']);
  const rest = Object.entries(fields).filter(([k]) => !known.has(k.replace(/^(model|engagement)\./, '')) && !/components\[\d+\]\.(weight|good|bad)$/.test(k));

  return (
    <form onSubmit={save} noValidate data-testid="health-model-form">
      <PageHeader
        title={ta('model.title')}
        subtitle={ta('model.subtitle')}
        actions={
          <>
            <Button variant="default" leftSection={<IconArrowBackUp size={16} />} disabled={!dirty || saving} onClick={() => loaded.data && setForm(structuredClone(loaded.data))} data-testid="model-reset">
              {ta('model.reset')}
            </Button>
            <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} loading={saving} data-testid="model-save">
              {ta('model.save')}
            </Button>
          </>
        }
      />
      {result && (
        <Alert color="teal" icon={<IconCheck size={18} />} mb="md" withCloseButton onClose={() => setResult(undefined)} data-testid="model-result">
          {ta('model.result', { count: result.accounts, week: formatDate(result.week, lang), good: result.good, average: result.average, poor: result.poor })}{' '}
          <strong data-testid="model-changed">{ta('model.changed', { count: result.changed ?? 0 })}</strong>
        </Alert>
      )}
      {rest.length > 0 && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} mb="md" title={t('errors.validation')}>
          {rest.map(([k, v]) => (
            <Text size="sm" key={k}>
              {k === '_' ? v : `${k}: ${v}`}
            </Text>
          ))}
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Card>
            <Title order={5}>{ta('model.components')}</Title>
            <Text size="sm" c="dimmed" mb="sm">
              {ta('model.componentsHint')}
            </Text>
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="xs" data-testid="model-components">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{ta('breakdown.component')}</Table.Th>
                    <Table.Th w={124}>{ta('model.weight')}</Table.Th>
                    <Table.Th w={120}>
                      <Tooltip label={ta('model.goodHint')} multiline w={240}>
                        <span>{ta('model.good')}</span>
                      </Tooltip>
                    </Table.Th>
                    <Table.Th w={120}>
                      <Tooltip label={ta('model.badHint')} multiline w={240}>
                        <span>{ta('model.bad')}</span>
                      </Tooltip>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {form.model.components.map((c, i) => (
                    <Table.Tr key={c.key} data-testid={`model-row-${c.key}`}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {ta(`components.${c.key}.name`)}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {ta(`components.${c.key}.unit`)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <NumberInput
                          aria-label={ta('model.weightOf', { name: ta(`components.${c.key}.name`) })}
                          value={nanToUndef(c.weight)}
                          onChange={(v) => setComponent(i, { weight: v })}
                          min={0}
                          max={100}
                          allowDecimal={false}
                          allowNegative={false}
                          suffix=" %"
                          error={fields[`components[${i}].weight`]}
                          data-testid={`weight-${c.key}`}
                        />
                      </Table.Td>
                      <Table.Td>
                        <NumberInput aria-label={`${ta(`components.${c.key}.name`)}: ${ta('model.good')}`} value={nanToUndef(c.good)} onChange={(v) => setComponent(i, { good: v })} decimalScale={2} error={fields[`components[${i}].good`]} data-testid={`good-${c.key}`} />
                      </Table.Td>
                      <Table.Td>
                        <NumberInput aria-label={`${ta(`components.${c.key}.name`)}: ${ta('model.bad')}`} value={nanToUndef(c.bad)} onChange={(v) => setComponent(i, { bad: v })} decimalScale={2} error={fields[`components[${i}].bad`]} data-testid={`bad-${c.key}`} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Stack gap={4} mt="md">
              <Group justify="space-between">
                <Text fw={600}>{ta('model.total')}</Text>
                <Text fw={700} c={total === 100 ? 'teal' : 'red'} data-testid="weight-total">
                  {total} / 100
                </Text>
              </Group>
              <Progress value={Math.min(100, total)} color={total === 100 ? 'teal' : 'red'} size="md" aria-hidden />
              {total !== 100 && (
                <Alert color="red" variant="light" icon={<IconAlertTriangle size={16} />} p="xs" data-testid="weight-error">
                  <Text size="sm">{ta(total > 100 ? 'model.totalOver' : 'model.totalUnder', { total, diff: Math.abs(100 - total) })}</Text>
                </Alert>
              )}
              <Alert color="blue" variant="light" title={ta('model.noDataTitle')} p="xs" data-testid="model-no-data-rule">
                <Text size="sm">{ta('model.noDataRule')}</Text>
                <Text size="sm" mt={4}>
                  {ta('model.windowRule')}
                </Text>
              </Alert>
              {fieldErr('components') && (
                <Alert color="red" variant="filled" icon={<IconAlertTriangle size={16} />} p="xs" data-testid="weight-server-error">
                  <Text size="sm">{ta('model.serverRefused', { message: fieldErr('components') })}</Text>
                </Alert>
              )}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack>
            <Card>
              <Title order={5}>{ta('model.cutoffs')}</Title>
              <Text size="sm" c="dimmed" mb="sm">
                {ta('model.cutoffsHint', { good: nanToUndef(form.model.good_from), poor: nanToUndef(form.model.poor_below) })}
              </Text>
              <SimpleGrid cols={2}>
                <NumberInput label={ta('model.goodFrom')} value={nanToUndef(form.model.good_from)} onChange={(v) => setModel('good_from', v)} min={1} max={100} decimalScale={1} error={fieldErr('good_from')} data-testid="good-from" />
                <NumberInput label={ta('model.poorBelow')} value={nanToUndef(form.model.poor_below)} onChange={(v) => setModel('poor_below', v)} min={1} max={100} decimalScale={1} error={fieldErr('poor_below')} data-testid="poor-below" />
              </SimpleGrid>
            </Card>
            <Card>
              <Title order={5}>{ta('model.engagement')}</Title>
              <Text size="sm" c="dimmed" mb="sm">
                {ta('model.engagementHint')}
              </Text>
              <SimpleGrid cols={2} style={{ alignItems: 'end' }}>
                <NumberInput label={ta('model.windowWeeks')} value={nanToUndef(form.engagement.window_weeks)} onChange={(v) => setEngagement('window_weeks', v)} min={4} max={52} allowDecimal={false} error={fieldErr('window_weeks')} />
                <NumberInput label={ta('model.inactiveWeeks')} value={nanToUndef(form.engagement.inactive_weeks)} onChange={(v) => setEngagement('inactive_weeks', v)} min={1} max={12} allowDecimal={false} error={fieldErr('inactive_weeks')} />
                <NumberInput label={ta('model.risingAbove')} value={nanToUndef(form.engagement.rising_above)} onChange={(v) => setEngagement('rising_above', v)} min={0} max={100} decimalScale={2} suffix=" %" error={fieldErr('rising_above')} />
                <NumberInput label={ta('model.decliningBelow')} value={nanToUndef(form.engagement.declining_below)} onChange={(v) => setEngagement('declining_below', v)} min={-100} max={0} decimalScale={2} suffix=" %" error={fieldErr('declining_below')} />
              </SimpleGrid>
            </Card>
            <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
              {ta('model.saveHint')}
            </Alert>
          </Stack>
        </Grid.Col>
      </Grid>
    </form>
  );
}
