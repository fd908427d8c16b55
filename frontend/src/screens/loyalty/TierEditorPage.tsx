import { useEffect, useMemo, useState } from 'react';
import { Anchor, Button, Card, Grid, Group, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowLeft, IconDeviceFloppy, IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { createTier, deleteTier, previewTiers, tiers, updateTier, type Tier } from '../../api/loyalty';
import { toApiError } from '../../api/errors';
import { ratesTable } from '../../api/money';
import { useApi } from '../../api/useApi';
import { ErrorNotice, Loading, PageHeader } from '../../shell/Page';
import { useConfirm } from '../../shell/modals';
import { notifyError, notifySuccess } from '../../shell/notify';
import { draftOf, emptyDraft, inputOf, move, previewInputs, savePlan, type TierDraft } from './format';
import { TierCard } from './TierCard';
import { TierPreview } from './TierPreview';
import { useLoyaltyT } from './i18n';

type DraftErrors = Record<string, Record<string, string>>;

const snapshot = (ds: TierDraft[]) => JSON.stringify(ds.map((d, i) => ({ id: d.id, ...inputOf(d, i, ds.length) })));

/** TierEditorPage edits the ordered tiers, their rules and benefits, with a live preview of how many accounts each would hold. */
export function TierEditorPage() {
  const { ta, t } = useLoyaltyT();
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
              {list.map((d, i) => (
                  <TierCard
                    key={d.key}
                    d={d}
                    i={i}
                    count={list.length}
                    err={errors[d.key] ?? {}}
                    moneyHint={moneyHint}
                    onChange={(patch) => update(d.key, patch)}
                    onMove={(by) => setDrafts(move(list, i, by))}
                    onRemove={() => remove(d, accountsOf(d))}
                  />
              ))}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <TierPreview list={list} preview={preview} stale={stale} dirty={dirty} accountsOf={accountsOf} />
          </Grid.Col>
        </Grid>
      )}
    </>
  );
}
