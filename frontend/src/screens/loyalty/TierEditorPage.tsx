import { useEffect, useMemo, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  ColorSwatch,
  Divider,
  Grid,
  Group,
  Loader,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowDown, IconArrowLeft, IconArrowUp, IconDeviceFloppy, IconPlus, IconTrash, IconX } from '@tabler/icons-react';
import { Link } from 'react-router';
import { BENEFIT_KINDS, HEALTH_CLASSES, createTier, deleteTier, previewTiers, tiers, updateTier, type Tier } from '../../api/loyalty';
import { toApiError } from '../../api/errors';
import { ratesTable } from '../../api/money';
import { useApi } from '../../api/useApi';
import { formatNumber } from '../../format/money';
import { ErrorNotice, Loading, PageHeader } from '../../shell/Page';
import { useConfirm } from '../../shell/modals';
import { notifyError, notifySuccess } from '../../shell/notify';
import { draftOf, emptyDraft, inputOf, move, previewCount, previewInputs, savePlan, type TierDraft } from './format';
import { TIER_COLORS } from './TierBadge';
import { useLoyaltyT } from './i18n';

type DraftErrors = Record<string, Record<string, string>>;

const snapshot = (ds: TierDraft[]) => JSON.stringify(ds.map((d, i) => ({ id: d.id, ...inputOf(d, i, ds.length) })));

/** TierEditorPage edits the ordered tiers, their rules and benefits, with a live preview of how many accounts each would hold. */
export function TierEditorPage() {
  const { ta, t, lang } = useLoyaltyT();
  const stored = useApi(() => tiers(), []);
  const rates = useApi(() => ratesTable(), []);
  // Money thresholds are in the home currency: accounts in other currencies are converted before the comparison.
  const moneyHint = rates.data?.home ? t('money.thresholdIn', { currency: rates.data.home }) : t('money.thresholdUnset');
  const [drafts, setDrafts] = useState<TierDraft[] | null>(null);
  // base is what the server holds: loaded once, then refreshed after every save.
  const [base, setBase] = useState<Tier[]>();
  const [errors, setErrors] = useState<DraftErrors>({});
  const [saving, setSaving] = useState(false);
  const confirm = useConfirm();

  useEffect(() => {
    if (stored.data && base === undefined) {
      setBase(stored.data.items);
      setDrafts(stored.data.items.map(draftOf));
    }
  }, [stored.data, base]);

  const list = drafts ?? [];
  const initial = useMemo(() => snapshot((base ?? []).map(draftOf)), [base]);
  const dirty = drafts !== null && snapshot(list) !== initial;

  // Closing the window with unsaved tiers asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const update = (key: string, patch: Partial<TierDraft>) => {
    setDrafts((ds) => (ds ?? []).map((d) => (d.key === key ? { ...d, ...patch } : d)));
    setErrors((e) => {
      if (!e[key]) return e;
      const mine = { ...e[key] };
      for (const k of Object.keys(patch)) delete mine[k];
      return { ...e, [key]: mine };
    });
  };
  const add = () => {
    const d = emptyDraft();
    setDrafts((ds) => [...(ds ?? []), d]);
    setTimeout(() => document.querySelector<HTMLInputElement>(`[data-testid="tier-name-${list.length}"]`)?.focus(), 50);
  };
  const remove = async (d: TierDraft, accounts: number) => {
    if (accounts > 0) {
      const ok = await confirm({ title: ta('editor.removeTitle', { name: d.name }), body: ta('editor.removeBody', { count: accounts }), confirmLabel: t('common.delete'), danger: true });
      if (!ok) return;
    }
    setDrafts((ds) => (ds ?? []).filter((x) => x.key !== d.key));
  };

  // Live preview: the named drafts, ranked by their place, sent after a pause in typing.
  const inputs = previewInputs(list);
  const [debounced] = useDebouncedValue(JSON.stringify(inputs), 350);
  const [preview, setPreview] = useState<{ counts?: Record<string, number>; error?: string; loading: boolean }>({ loading: false });
  const current = JSON.stringify(inputs);
  useEffect(() => {
    // Ask only once typing has settled (and the stored tiers have loaded).
    if (drafts === null || debounced !== current) return;
    let live = true;
    setPreview((p) => ({ ...p, loading: true }));
    previewTiers(JSON.parse(debounced)).then(
      (r) => live && setPreview({ counts: r.counts, loading: false }),
      (err) => live && setPreview({ error: toApiError(err).message, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [debounced, drafts === null]); // eslint-disable-line react-hooks/exhaustive-deps
  const stale = current !== debounced || preview.loading;

  const save = async () => {
    const missing: DraftErrors = {};
    list.forEach((d) => {
      if (!d.name.trim()) missing[d.key] = { name: t('form.required') };
    });
    const names = list.map((d) => d.name.trim().toLowerCase());
    list.forEach((d, i) => {
      if (d.name.trim() && names.indexOf(names[i]!) !== i) missing[d.key] = { name: ta('editor.duplicate') };
    });
    if (Object.keys(missing).length) {
      setErrors(missing);
      return;
    }
    setSaving(true);
    const plan = savePlan(base ?? [], list);
    let current = '';
    try {
      for (const id of plan.remove) await deleteTier(id);
      for (const p of plan.park) await updateTier(p.id, p.input);
      for (const u of plan.update) {
        current = list[u.index]!.key;
        await updateTier(u.id, u.input);
      }
      const created: Record<string, number> = {};
      for (const c of plan.create) {
        current = list[c.index]!.key;
        const tier = await createTier(c.input);
        created[current] = tier.id;
      }
      setErrors({});
      notifySuccess(ta('editor.saved'));
      // Start again from what the server now holds.
      const fresh = await tiers();
      setBase(fresh.items);
      setDrafts(fresh.items.map(draftOf));
    } catch (err) {
      const e = toApiError(err);
      if (current && e.hasFieldErrors) setErrors({ [current]: e.fields });
      notifyError(ta('editor.saveFailed'), err);
      // Part of the plan may have been applied: what the server holds now is the base of the next save.
      tiers().then(
        (fresh) => {
          setBase(fresh.items);
          setDrafts((ds) => (ds ?? []).map((d) => (d.id === undefined ? { ...d, id: fresh.items.find((x) => x.name === d.name.trim())?.id } : d)));
        },
        () => {},
      );
    } finally {
      setSaving(false);
    }
  };

  const accountsOf = (d: TierDraft) => base?.find((x: Tier) => x.id === d.id)?.accounts ?? 0;
  const kinds = BENEFIT_KINDS.map((k) => ({ value: k, label: ta(`benefit.${k}`) }));
  const health = [{ value: '', label: ta('editor.anyHealth') }, ...HEALTH_CLASSES.map((h) => ({ value: h, label: ta(`health.${h}`) }))];
  const colors = TIER_COLORS.map((c) => ({ value: c, label: ta(`color.${c}`) }));

  return (
    <>
      <Anchor component={Link} to="/loyalty" size="sm" mb="xs" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
        <IconArrowLeft size={14} /> {ta('title')}
      </Anchor>
      <PageHeader
        title={ta('editor.title')}
        subtitle={ta('editor.subtitle')}
        actions={
          <>
            <Button variant="default" leftSection={<IconPlus size={16} />} onClick={add} disabled={drafts === null || list.length >= 20} data-testid="add-tier">
              {ta('editor.add')}
            </Button>
            <Button leftSection={<IconDeviceFloppy size={16} />} onClick={save} loading={saving} disabled={!dirty} data-testid="save-tiers">
              {ta('editor.save')}
            </Button>
          </>
        }
      />
      {stored.error && <ErrorNotice error={stored.error} onRetry={stored.reload} />}
      {drafts === null && !stored.error && <Loading />}
      {drafts !== null && (
        <Grid>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack>
              {list.length === 0 && (
                <Card>
                  <Text c="dimmed" size="sm" ta="center" py="lg">
                    {ta('editor.none')}
                  </Text>
                  <Group justify="center">
                    <Button onClick={add} leftSection={<IconPlus size={16} />} data-testid="add-first-tier">
                      {ta('editor.add')}
                    </Button>
                  </Group>
                </Card>
              )}
              {list.map((d, i) => {
                const err = errors[d.key] ?? {};
                return (
                  <Card key={d.key} data-testid={`tier-card-${i}`} withBorder style={{ borderLeft: `4px solid var(--mantine-color-${d.color || 'indigo'}-6)` }}>
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
                          <ActionIcon variant="subtle" disabled={i === 0} onClick={() => setDrafts(move(list, i, -1))} aria-label={ta('editor.up')} data-testid={`tier-up-${i}`}>
                            <IconArrowUp size={16} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label={ta('editor.down')}>
                          <ActionIcon variant="subtle" disabled={i === list.length - 1} onClick={() => setDrafts(move(list, i, 1))} aria-label={ta('editor.down')} data-testid={`tier-down-${i}`}>
                            <IconArrowDown size={16} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label={ta('editor.remove')}>
                          <ActionIcon variant="subtle" color="red" onClick={() => remove(d, accountsOf(d))} aria-label={ta('editor.remove')} data-testid={`tier-remove-${i}`}>
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
                        onChange={(e) => update(d.key, { name: e.currentTarget.value })}
                        error={err.name}
                        withAsterisk
                        data-testid={`tier-name-${i}`}
                      />
                      <Select
                        label={ta('editor.color')}
                        data={colors}
                        value={d.color || 'indigo'}
                        onChange={(v) => update(d.key, { color: v ?? '' })}
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
                        onChange={(v) => update(d.key, { min_tenure_months: v })}
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
                        onChange={(v) => update(d.key, { min_mrr: v })}
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
                        onChange={(v) => update(d.key, { min_lifetime_revenue: v })}
                        error={err.min_lifetime_revenue}
                        data-testid={`tier-lifetime-${i}`}
                      />
                      <Select
                        label={ta('editor.health')}
                        data={health}
                        value={d.min_health}
                        onChange={(v) => update(d.key, { min_health: (v ?? '') as TierDraft['min_health'] })}
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
                        onClick={() => update(d.key, { benefits: [...d.benefits, { kind: 'priority_service', description: '' }] })}
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
                            onChange={(v) => update(d.key, { benefits: d.benefits.map((x, k) => (k === j ? { ...x, kind: (v ?? x.kind) as typeof x.kind } : x)) })}
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
                              update(d.key, { benefits: d.benefits.map((x, k) => (k === j ? { ...x, description: v } : x)) });
                            }}
                            aria-label={ta('editor.benefitDescription')}
                            data-testid={`tier-benefit-desc-${i}-${j}`}
                          />
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            mt={4}
                            onClick={() => update(d.key, { benefits: d.benefits.filter((_, k) => k !== j) })}
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
              })}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Card style={{ position: 'sticky', top: 16 }} data-testid="tier-preview">
              <Group justify="space-between" mb={4}>
                <Title order={5}>{ta('preview.title')}</Title>
                {stale && <Loader size="xs" />}
              </Group>
              <Text size="xs" c="dimmed" mb="sm">
                {ta('preview.hint')}
              </Text>
              {preview.error && (
                <Alert color="orange" mb="sm" p="xs">
                  <Text size="xs">{ta('preview.failed', { message: preview.error })}</Text>
                </Alert>
              )}
              <Table fz="sm" verticalSpacing={6} style={{ opacity: stale ? 0.6 : 1 }}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{ta('dist.tier')}</Table.Th>
                    <Table.Th ta="right">{ta('preview.now')}</Table.Th>
                    <Table.Th ta="right">{ta('preview.would')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((d, i) => {
                    const n = d.name.trim() ? previewCount(preview.counts, d.name) : undefined;
                    return (
                      <Table.Tr key={d.key}>
                        <Table.Td>
                          <Group gap={6} wrap="nowrap">
                            <ColorSwatch size={10} color={`var(--mantine-color-${d.color || 'indigo'}-6)`} />
                            <Text size="sm" c={d.name.trim() ? undefined : 'dimmed'} fs={d.name.trim() ? undefined : 'italic'}>
                              {d.name.trim() || ta('preview.unnamed')}
                            </Text>
                          </Group>
                        </Table.Td>
                        <Table.Td ta="right" c="dimmed">
                          {d.id !== undefined ? formatNumber(accountsOf(d), lang) : '—'}
                        </Table.Td>
                        <Table.Td ta="right" fw={600} data-testid={`preview-count-${i}`}>
                          {n === undefined ? '—' : n}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                  <Table.Tr>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {ta('noTier')}
                      </Text>
                    </Table.Td>
                    <Table.Td />
                    <Table.Td ta="right" fw={600} data-testid="preview-count-none">
                      {preview.counts ? (preview.counts[''] ?? 0) : '—'}
                    </Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
              {dirty && (
                <Text size="xs" c="orange" mt="sm" data-testid="unsaved">
                  {ta('editor.unsaved')}
                </Text>
              )}
            </Card>
          </Grid.Col>
        </Grid>
      )}
    </>
  );
}
