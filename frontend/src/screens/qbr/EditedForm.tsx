import { ActionIcon, Badge, Button, Card, Group, NumberInput, Paper, Select, Stack, Switch, Text, TextInput, Textarea, Title, Tooltip } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { AreaT } from '../../i18n/area';
import { type QbrFormValues, kpiChange, uplift } from './form';
import { useQbrT } from './i18n';

type Form = UseFormReturnType<QbrFormValues>;

const nf = (v: number, lang: string) => new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(Math.abs(v));
const signed = (v: number, lang: string) => (v > 0 ? '+' : v < 0 ? '−' : '') + nf(v, lang);

function Section({ title, hint, children, testId, extra }: { title: string; hint?: string; children: ReactNode; testId: string; extra?: ReactNode }) {
  return (
    <Card withBorder data-testid={testId}>
      <Group justify="space-between" align="flex-start" mb={hint ? 2 : 'xs'}>
        <Title order={5}>{title}</Title>
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

function Direction({ higher, onChange, ta }: { higher: boolean; onChange: (higher: boolean) => void; ta: AreaT }) {
  const label = higher ? ta('form.higherIsBetter') : ta('form.lowerIsBetter');
  return (
    <Tooltip label={label}>
      <ActionIcon variant="light" size="lg" mt={24} aria-label={label} aria-pressed={higher} onClick={() => onChange(!higher)}>
        {higher ? <IconArrowUp size={16} /> : <IconArrowDown size={16} />}
      </ActionIcon>
    </Tooltip>
  );
}

function Verdict({ improved, ta, children }: { improved: boolean; ta: AreaT; children?: ReactNode }) {
  return (
    <Badge variant="light" color={improved ? 'teal' : 'red'} leftSection={improved ? <IconArrowUp size={12} /> : <IconArrowDown size={12} />}>
      {improved ? ta('form.improved') : ta('form.notImproved')}
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
export function EditedForm({ form }: { form: Form }) {
  const { ta, lang } = useQbrT();
  const v = form.values;
  const results = [...v.kpis.map((k) => kpiChange(k.before, k.after, k.higher_is_better).improved), ...(v.experimentOn ? v.experiment.kpis.map((k) => uplift(k).improved) : [])];
  const improved = results.filter(Boolean).length;
  const statuses = (['met', 'partly', 'missed', 'open'] as const).map((s) => ({ value: s, label: ta(`form.goalStatuses.${s}`) }));

  return (
    <Stack gap="md">
      <Section title={ta('form.summary')} hint={ta('form.summaryHint')} testId="qbr-section-summary">
        <Textarea autosize minRows={4} maxRows={14} aria-label={ta('form.summary')} {...form.getInputProps('executive_summary')} data-testid="qbr-summary" />
      </Section>

      <Section title={ta('form.goals')} testId="qbr-section-goals">
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
        extra={
          results.length > 0 && (
            <Text size="xs" fw={600} c="dimmed" data-testid="qbr-value-count">
              {ta('form.summaryCount', { improved, notImproved: results.length - improved })}
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
            const ch = kpiChange(k.before, k.after, k.higher_is_better);
            return (
              <Paper key={i} withBorder p="xs" radius="sm" data-testid={`qbr-kpi-${i}`}>
                <Group gap="xs" align="flex-start" wrap="nowrap">
                  <TextInput style={{ flex: 1 }} label={ta('form.kpiName')} {...form.getInputProps(`kpis.${i}.name`)} data-testid={`qbr-kpi-name-${i}`} />
                  <TextInput w={70} label={ta('form.unit')} {...form.getInputProps(`kpis.${i}.unit`)} />
                  <NumberInput w={100} label={ta('form.before')} decimalScale={2} {...form.getInputProps(`kpis.${i}.before`)} />
                  <NumberInput w={100} label={ta('form.after')} decimalScale={2} {...form.getInputProps(`kpis.${i}.after`)} />
                  <Direction higher={k.higher_is_better} onChange={(b) => form.setFieldValue(`kpis.${i}.higher_is_better`, b)} ta={ta} />
                  <RemoveButton label={ta('form.remove')} onClick={() => form.removeListItem('kpis', i)} />
                </Group>
                <Group gap="xs" mt={6}>
                  <Verdict improved={ch.improved} ta={ta}>
                    {` · ${signed(ch.change, lang)}${k.unit ? ' ' + k.unit : ''}`}
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
              onClick={() => form.insertListItem('kpis', { name: '', unit: '', before: 0, after: 0, higher_is_better: true })}
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
                form.insertListItem('experiment.kpis', { name: '', unit: '', target_before: 0, target_after: 0, control_before: 0, control_after: 0, higher_is_better: true });
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
                      <TextInput style={{ flex: 1 }} label={ta('form.kpiName')} {...form.getInputProps(`experiment.kpis.${i}.name`)} />
                      <TextInput w={70} label={ta('form.unit')} {...form.getInputProps(`experiment.kpis.${i}.unit`)} />
                      <Direction higher={k.higher_is_better} onChange={(b) => form.setFieldValue(`experiment.kpis.${i}.higher_is_better`, b)} ta={ta} />
                      <RemoveButton label={ta('form.remove')} onClick={() => form.removeListItem('experiment.kpis', i)} />
                    </Group>
                    <Group gap="xs" mt={4} grow>
                      <NumberInput label={ta('form.targetBefore')} decimalScale={2} {...form.getInputProps(`experiment.kpis.${i}.target_before`)} />
                      <NumberInput label={ta('form.targetAfter')} decimalScale={2} {...form.getInputProps(`experiment.kpis.${i}.target_after`)} />
                      <NumberInput label={ta('form.controlBefore')} decimalScale={2} {...form.getInputProps(`experiment.kpis.${i}.control_before`)} />
                      <NumberInput label={ta('form.controlAfter')} decimalScale={2} {...form.getInputProps(`experiment.kpis.${i}.control_after`)} />
                    </Group>
                    <Group gap="xs" mt={6}>
                      <Verdict improved={u.improved} ta={ta}>
                        {' · ' + ta('form.uplift', { value: signed(u.uplift, lang) + (k.unit ? ' ' + k.unit : '') })}
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
                  onClick={() => form.insertListItem('experiment.kpis', { name: '', unit: '', target_before: 0, target_after: 0, control_before: 0, control_after: 0, higher_is_better: true })}
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

      <Section title={ta('form.risks')} testId="qbr-section-risks">
        <StringList form={form} path="risks" label={(n) => ta('form.risk', { n })} add={ta('form.addRisk')} empty={ta('form.noRisks')} testId="qbr-risk" />
      </Section>

      <Section title={ta('form.nextGoals')} testId="qbr-section-next">
        <StringList form={form} path="next_goals" label={(n) => ta('form.nextGoal', { n })} add={ta('form.addNextGoal')} empty={ta('form.noNextGoals')} testId="qbr-next" />
      </Section>
    </Stack>
  );
}
