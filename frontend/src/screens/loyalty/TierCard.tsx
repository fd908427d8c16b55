import { ActionIcon, Badge, Button, Card, ColorSwatch, Divider, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash, IconX } from '@tabler/icons-react';
import { BENEFIT_KINDS, HEALTH_CLASSES } from '../../api/loyalty';
import type { TierDraft } from './format';
import { TIER_COLORS } from './TierBadge';
import { useLoyaltyT } from './i18n';

/** TierCardProps are one tier being edited, at place i of count, with the server's refusals by field. */
export interface TierCardProps {
  d: TierDraft;
  i: number;
  count: number;
  err: Record<string, string>;
  /** moneyHint says which currency the money thresholds are in. */
  moneyHint: string;
  onChange: (patch: Partial<TierDraft>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

/** TierCard edits one loyalty tier: its name and colour, the rules an account must meet and its benefits. */
export function TierCard({ d, i, count, err, moneyHint, onChange, onMove, onRemove }: TierCardProps) {
  const { ta } = useLoyaltyT();
  const kinds = BENEFIT_KINDS.map((k) => ({ value: k, label: ta(`benefit.${k}`) }));
  const health = [{ value: '', label: ta('editor.anyHealth') }, ...HEALTH_CLASSES.map((h) => ({ value: h, label: ta(`health.${h}`) }))];
  const colors = TIER_COLORS.map((c) => ({ value: c, label: ta(`color.${c}`) }));
  return (
    <Card data-testid={`tier-card-${i}`} withBorder style={{ borderLeft: `4px solid var(--mantine-color-${d.color || 'indigo'}-6)` }}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Group gap="xs">
          <Badge variant="default" title={ta('editor.rankHint')}>
            {i === 0 ? ta('editor.best') : `#${i + 1}`}
          </Badge>
          <Text size="xs" c="dimmed">
            {ta('editor.triedOrder')}
          </Text>
        </Group>
        <Group gap={4}>
          <Tooltip label={ta('editor.up')}>
            <ActionIcon variant="subtle" disabled={i === 0} onClick={() => onMove(-1)} aria-label={ta('editor.up')} data-testid={`tier-up-${i}`}>
              <IconArrowUp size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={ta('editor.down')}>
            <ActionIcon variant="subtle" disabled={i === count - 1} onClick={() => onMove(1)} aria-label={ta('editor.down')} data-testid={`tier-down-${i}`}>
              <IconArrowDown size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={ta('editor.remove')}>
            <ActionIcon variant="subtle" color="red" onClick={onRemove} aria-label={ta('editor.remove')} data-testid={`tier-remove-${i}`}>
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      <Group grow align="flex-start" mb="sm">
        <TextInput
          label={ta('editor.name')}
          placeholder={ta('editor.namePlaceholder')}
          value={d.name}
          onChange={(e) => onChange({ name: e.currentTarget.value })}
          error={err.name}
          withAsterisk
          data-testid={`tier-name-${i}`}
        />
        <Select
          label={ta('editor.color')}
          data={colors}
          value={d.color || 'indigo'}
          onChange={(v) => onChange({ color: v ?? '' })}
          leftSection={<ColorSwatch size={14} color={`var(--mantine-color-${d.color || 'indigo'}-6)`} />}
          renderOption={({ option }) => (
            <Group gap="xs">
              <ColorSwatch size={14} color={`var(--mantine-color-${option.value}-6)`} />
              {option.label}
            </Group>
          )}
          allowDeselect={false}
          error={err.color}
        />
      </Group>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb={4}>
        {ta('editor.rules')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} mb="sm" style={{ alignItems: 'end' }}>
        <NumberInput
          label={ta('editor.tenure')}
          suffix={` ${ta('editor.monthsShort')}`}
          min={0}
          max={600}
          allowDecimal={false}
          value={d.min_tenure_months}
          onChange={(v) => onChange({ min_tenure_months: v })}
          error={err.min_tenure_months}
          data-testid={`tier-tenure-${i}`}
        />
        <NumberInput
          label={ta('editor.mrr')}
          description={moneyHint}
          min={0}
          decimalScale={2}
          thousandSeparator=" "
          value={d.min_mrr}
          onChange={(v) => onChange({ min_mrr: v })}
          error={err.min_mrr}
          data-testid={`tier-mrr-${i}`}
        />
        <NumberInput
          label={ta('editor.lifetime')}
          description={moneyHint}
          min={0}
          decimalScale={2}
          thousandSeparator=" "
          value={d.min_lifetime_revenue}
          onChange={(v) => onChange({ min_lifetime_revenue: v })}
          error={err.min_lifetime_revenue}
          data-testid={`tier-lifetime-${i}`}
        />
        <Select
          label={ta('editor.health')}
          data={health}
          value={d.min_health}
          onChange={(v) => onChange({ min_health: (v ?? '') as TierDraft['min_health'] })}
          allowDeselect={false}
          error={err.min_health}
          data-testid={`tier-health-${i}`}
        />
      </SimpleGrid>
      <Text size="xs" c="dimmed" mb="sm">
        {ta('editor.zeroHint')}
      </Text>
      <Divider mb="sm" />
      <Group justify="space-between" mb={4}>
        <Text size="xs" fw={600} c="dimmed" tt="uppercase">
          {ta('editor.benefits')}
        </Text>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconPlus size={12} />}
          onClick={() => onChange({ benefits: [...d.benefits, { kind: 'priority_service', description: '' }] })}
          disabled={d.benefits.length >= 20}
          data-testid={`tier-add-benefit-${i}`}
        >
          {ta('editor.addBenefit')}
        </Button>
      </Group>
      {d.benefits.length === 0 && (
        <Text size="sm" c="dimmed">
          {ta('editor.noBenefits')}
        </Text>
      )}
      <Stack gap="xs">
        {d.benefits.map((b, j) => (
          <Group key={j} gap="xs" align="flex-start" wrap="nowrap">
            <Select
              data={kinds}
              value={b.kind}
              onChange={(v) => onChange({ benefits: d.benefits.map((x, k) => (k === j ? { ...x, kind: (v ?? x.kind) as typeof x.kind } : x)) })}
              allowDeselect={false}
              w={230}
              aria-label={ta('editor.benefitKind')}
              data-testid={`tier-benefit-kind-${i}-${j}`}
            />
            <TextInput
              style={{ flex: 1 }}
              placeholder={ta(`benefitExample.${b.kind}`)}
              value={b.description}
              onChange={(e) => {
                const v = e.currentTarget.value;
                onChange({ benefits: d.benefits.map((x, k) => (k === j ? { ...x, description: v } : x)) });
              }}
              aria-label={ta('editor.benefitDescription')}
              data-testid={`tier-benefit-desc-${i}-${j}`}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              mt={4}
              onClick={() => onChange({ benefits: d.benefits.filter((_, k) => k !== j) })}
              aria-label={ta('editor.removeBenefit')}
            >
              <IconX size={16} />
            </ActionIcon>
          </Group>
        ))}
      </Stack>
      {Object.entries(err)
        .filter(([k]) => !['name', 'color', 'min_tenure_months', 'min_mrr', 'min_lifetime_revenue', 'min_health'].includes(k))
        .map(([k, m]) => (
          <Text key={k} size="xs" c="red" mt="xs">
            {k}: {m}
          </Text>
        ))}
    </Card>
  );
}
