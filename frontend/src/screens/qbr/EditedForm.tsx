import { ActionIcon, Badge, Button, Card, Group, NumberInput, Paper, Select, Stack, Switch, Text, TextInput, Textarea, Title, Tooltip } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { AreaT } from '../../i18n/area';
import { type KpiDirection, type KpiUnit, type KpiVerdict, KPI_DIRECTIONS, KPI_UNITS, arrowOf, kpiChangeText } from '../../deck/kpi';
import { type QbrFormValues, kpiChange, newExperimentKpi, newKpi, renamed, uplift } from './form';
import { useQbrT } from './i18n';

type Form = UseFormReturnType<QbrFormValues>;


function Section({ title, hint, children, testId, extra, drafted }: { title: string; hint?: string; children: ReactNode; testId: string; extra?: ReactNode; drafted?: boolean }) {
  const { ta } = useQbrT();
  return (
    <Card withBorder data-testid={testId}>
      <Group justify="space-between" align="flex-start" mb={hint ? 2 : 'xs'}>
        <Group gap="xs">
          <Title order={5}>{title}</Title>
          {drafted && (
            <Tooltip label={ta('form.draftedHint')}>
              <Badge variant="light" color="yellow" size="sm" data-testid={`${testId}-drafted`}>
                {ta('form.drafted')}
              </Badge>
            </Tooltip>
          )}
        </Group>
        {extra}
      </Group>
      {hint && (
        <Text size="xs" c="dimmed" mb="sm">
          {hint}
        </Text>
      )}
      {children}
    </Card>
  );
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Tooltip label={label}>
      <ActionIcon variant="subtle" color="gray" aria-label={label} onClick={onClick} mt={24}>
        <IconTrash size={16} />
      </ActionIcon>
    </Tooltip>
  );
}

/** UnitAndDirection picks a KPI's unit and which way is better, in words. */
function UnitAndDirection({ form, path, unit, direction, ta, testId }: { form: Form; path: string; unit: KpiUnit; direction: KpiDirection; ta: AreaT; testId: string }) {
  const words: Record<KpiDirection, string> = { higher: ta('form.higherIsBetter'), lower: ta('form.lowerIsBetter'), neutral: ta('form.neutral') };
  return (
    <>
      <Select
        w={120}
        label={ta('form.unit')}
        data={KPI_UNITS.map((u) => ({ value: u, label: ta(`form.units.${u}`) }))}
        value={unit}
        error={form.errors[`${path}.unit`]}
        allowDeselect={false}
        onChange={(u) => u && form.setFieldValue(path, { ...getAt(form, path), unit: u, picked: true })}
        data-testid={`${testId}-unit`}
      />
      <Select
        w={200}
        label={ta('form.direction')}
        data={KPI_DIRECTIONS.map((d) => ({ value: d, label: words[d] }))}
        value={direction}
        error={form.errors[`${path}.direction`]}
        allowDeselect={false}
        onChange={(d) => d && form.setFieldValue(path, { ...getAt(form, path), direction: d, picked: true })}
        data-testid={`${testId}-direction`}
      />
    </>
  );
}

/** getAt reads a KPI row of the form by its path ("kpis.0", "experiment.kpis.1"). */
function getAt(form: Form, path: string): Record<string, unknown> {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], form.getValues()) as Record<string, unknown>;
}

const VERDICT_COLOR: Record<KpiVerdict, string> = { improved: 'teal', worsened: 'red', unchanged: 'gray', neutral: 'gray' };

/** Verdict shows which way a KPI moved (the arrow) and whether that was good (word and colour). */
function Verdict({ verdict, change, ta, children }: { verdict: KpiVerdict; change: number; ta: AreaT; children?: ReactNode }) {
  const word = { improved: ta('form.improved'), worsened: ta('form.worsened'), unchanged: ta('form.unchanged'), neutral: ta('form.forInfo') }[verdict];
  return (
    <Badge variant="light" color={VERDICT_COLOR[verdict]} leftSection={arrowOf(change)} data-verdict={verdict}>
      {word}
      {children}
    </Badge>
  );
}

/** StringList edits a list of one-line items (risks, next goals). */
function StringList({ form, path, label, add, empty, testId }: { form: Form; path: 'risks' | 'next_goals'; label: (n: number) => string; add: string; empty: string; testId: string }) {
  const { ta } = useQbrT();
  const items = form.values[path];
  return (
    <Stack gap="xs">
      {items.length === 0 && (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      )}
      {items.map((_, i) => (
        <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
          <TextInput style={{ flex: 1 }} label={label(i + 1)} {...form.getInputProps(`${path}.${i}`)} data-testid={`${testId}-${i}`} />
          <RemoveButton label={ta('form.remove')} onClick={() => form.removeListItem(path, i)} />
        </Group>
      ))}
      <Group>
        <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem(path, '')} data-testid={`${testId}-add`}>
          {add}
        </Button>
      </Group>
    </Stack>
  );
}

/** EditedForm is the part of a QBR a person writes: summary, goals, value delivered, support, risks and next goals. */
export function EditedForm({ form, currency }: { form: Form; currency: string }) {
  const { ta, lang } = useQbrT();
  const v = form.values;
  const results = [...v.kpis.map((k) => kpiChange(k.before, k.after, k.direction).verdict), ...(v.experimentOn ? v.experiment.kpis.map((k) => uplift(k).verdict) : [])];
  const improved = results.filter((r) => r === 'improved').length;
  const notImproved = results.filter((r) => r === 'worsened' || r === 'unchanged').length;
  const statuses = (['met', 'partly', 'missed', 'open'] as const).map((s) => ({ value: s, label: ta(`form.goalStatuses.${s}`) }));

  return (
    <Stack gap="md">
      <Section title={ta('form.summary')} hint={ta('form.summaryHint')} testId="qbr-section-summary" drafted={v.drafted.includes('executive_summary')}>
        <Textarea autosize minRows={4} maxRows={14} aria-label={ta('form.summary')} {...form.getInputProps('executive_summary')} data-testid="qbr-summary" />
      </Section>

      <Section title={ta('form.goals')} testId="qbr-section-goals" drafted={v.drafted.includes('goals')}>
        <Stack gap="xs">
          {v.goals.length === 0 && (
            <Text size="sm" c="dimmed">
              {ta('form.noGoals')}
            </Text>
          )}
          {v.goals.map((_, i) => (
            <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
              <TextInput style={{ flex: 2 }} label={ta('form.goal')} {...form.getInputProps(`goals.${i}.goal`)} data-testid={`qbr-goal-${i}`} />
              <TextInput style={{ flex: 3 }} label={ta('form.outcome')} {...form.getInputProps(`goals.${i}.outcome`)} data-testid={`qbr-goal-outcome-${i}`} />
              <Select w={150} label={ta('form.goalStatus')} data={statuses} allowDeselect={false} {...form.getInputProps(`goals.${i}.status`)} data-testid={`qbr-goal-status-${i}`} />
              <RemoveButton label={ta('form.remove')} onClick={() => form.removeListItem('goals', i)} />
            </Group>
          ))}
          <Group>
            <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('goals', { goal: '', outcome: '', status: 'met' })} data-testid="qbr-goal-add">
              {ta('form.addGoal')}
            </Button>
          </Group>
        </Stack>
      </Section>

      <Section
        title={ta('form.value')}
        hint={ta('form.valueHint')}
        testId="qbr-section-value"
        drafted={v.drafted.includes('kpis')}
        extra={
          results.length > 0 && (
            <Text size="xs" fw={600} c="dimmed" data-testid="qbr-value-count">
              {ta('form.summaryCount', { improved, notImproved })}
            </Text>
          )
        }
      >
        <Stack gap="xs">
          {v.kpis.length === 0 && (
            <Text size="sm" c="dimmed">
              {ta('form.noKpis')}
            </Text>
          )}
          {v.kpis.map((k, i) => {
            const ch = kpiChange(k.before, k.after, k.direction);
            return (
              <Paper key={i} withBorder p="xs" radius="sm" data-testid={`qbr-kpi-${i}`}>
                <Group gap="xs" align="flex-start" wrap="nowrap">
                  <TextInput
                    style={{ flex: 1 }}
                    label={ta('form.kpiName')}
                    {...form.getInputProps(`kpis.${i}.name`)}
                    onChange={(e) => form.setFieldValue(`kpis.${i}`, renamed(k, e.currentTarget.value))}
                    data-testid={`qbr-kpi-name-${i}`}
                  />
                  <UnitAndDirection form={form} path={`kpis.${i}`} unit={k.unit} direction={k.direction} ta={ta} testId={`qbr-kpi-${i}`} />
                  <NumberInput w={100} label={ta('form.before')} decimalScale={2} {...form.getInputProps(`kpis.${i}.before`)} data-testid={`qbr-kpi-before-${i}`} />
                  <NumberInput w={100} label={ta('form.after')} decimalScale={2} {...form.getInputProps(`kpis.${i}.after`)} data-testid={`qbr-kpi-after-${i}`} />
                  <RemoveButton label={ta('form.remove')} onClick={() => form.removeListItem('kpis', i)} />
                </Group>
                <Group gap="xs" mt={6}>
                  <Verdict verdict={ch.verdict} change={ch.change} ta={ta}>
                    {` · ${kpiChangeText(ch.change, k.unit, lang, currency)}`}
                  </Verdict>
                </Group>
              </Paper>
            );
          })}
          <Group>
            <Button
              variant="subtle"
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => form.insertListItem('kpis', newKpi())}
              data-testid="qbr-kpi-add"
            >
              {ta('form.addKpi')}
            </Button>
          </Group>

          <Title order={6} mt="sm">
            {ta('form.experiment')}
          </Title>
          <Switch
            label={ta('form.experimentToggle')}
            {...form.getInputProps('experimentOn', { type: 'checkbox' })}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              form.setFieldValue('experimentOn', on);
              if (on && form.values.experiment.kpis.length === 0)
                form.insertListItem('experiment.kpis', newExperimentKpi());
            }}
            data-testid="qbr-experiment-on"
          />
          {v.experimentOn && (
            <Stack gap="xs">
              <Text size="xs" c="dimmed">
                {ta('form.experimentHint')}
              </Text>
              <Textarea autosize minRows={2} label={ta('form.description')} {...form.getInputProps('experiment.description')} />
              <Group grow>
                <TextInput label={ta('form.targetGroup')} {...form.getInputProps('experiment.target_group')} />
                <TextInput label={ta('form.controlGroup')} {...form.getInputProps('experiment.control_group')} />
              </Group>
              {v.experiment.kpis.map((k, i) => {
                const u = uplift(k);
                return (
                  <Paper key={i} withBorder p="xs" radius="sm" data-testid={`qbr-exp-${i}`}>
                    <Group gap="xs" align="flex-start" wrap="nowrap">
                      <TextInput
                        style={{ flex: 1 }}
                        label={ta('form.kpiName')}
                        {...form.getInputProps(`experiment.kpis.${i}.name`)}
                        onChange={(e) => form.setFieldValue(`experiment.kpis.${i}`, renamed(k, e.currentTarget.value))}
                      />
                      <UnitAndDirection form={form} path={`experiment.kpis.${i}`} unit={k.unit} direction={k.direction} ta={ta} testId={`qbr-exp-${i}`} />
                      <RemoveButton label={ta('form.remove')} onClick={() => form.removeListItem('experiment.kpis', i)} />
                    </Group>
                    <Group gap="xs" mt={4} grow>
                      <NumberInput label={ta('form.targetBefore')} decimalScale={2} {...form.getInputProps(`experiment.kpis.${i}.target_before`)} />
                      <NumberInput label={ta('form.targetAfter')} decimalScale={2} {...form.getInputProps(`experiment.kpis.${i}.target_after`)} />
                      <NumberInput label={ta('form.controlBefore')} decimalScale={2} {...form.getInputProps(`experiment.kpis.${i}.control_before`)} />
                      <NumberInput label={ta('form.controlAfter')} decimalScale={2} {...form.getInputProps(`experiment.kpis.${i}.control_after`)} />
                    </Group>
                    <Group gap="xs" mt={6}>
                      <Verdict verdict={u.verdict} change={u.uplift} ta={ta}>
                        {' · ' + ta('form.uplift', { value: kpiChangeText(u.uplift, k.unit, lang, currency) })}
                      </Verdict>
                    </Group>
                  </Paper>
                );
              })}
              <Group>
                <Button
                  variant="subtle"
                  size="xs"
                  leftSection={<IconPlus size={14} />}
                  onClick={() => form.insertListItem('experiment.kpis', newExperimentKpi())}
                >
                  {ta('form.addKpi')}
                </Button>
              </Group>
            </Stack>
          )}
        </Stack>
      </Section>

      <Section title={ta('form.support')} testId="qbr-section-support">
        <Textarea autosize minRows={2} maxRows={10} aria-label={ta('form.support')} {...form.getInputProps('support_summary')} data-testid="qbr-support" />
      </Section>

      <Section title={ta('form.risks')} testId="qbr-section-risks" drafted={v.drafted.includes('risks')}>
        <StringList form={form} path="risks" label={(n) => ta('form.risk', { n })} add={ta('form.addRisk')} empty={ta('form.noRisks')} testId="qbr-risk" />
      </Section>

      <Section title={ta('form.nextGoals')} testId="qbr-section-next">
        <StringList form={form} path="next_goals" label={(n) => ta('form.nextGoal', { n })} add={ta('form.addNextGoal')} empty={ta('form.noNextGoals')} testId="qbr-next" />
      </Section>
    </Stack>
  );
}
