import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Collapse, Divider, Group, List, Select, SimpleGrid, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconAward, IconGift, IconLock, IconLockOpen, IconUserPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { fieldErrorsFor, toApiError } from '../../api/errors';
import { BENEFIT_KINDS, accountLoyalty, clearOverride, listReferrals, recordBenefit, setOverride, tiers } from '../../api/loyalty';
import { useApi } from '../../api/useApi';
import { formatDate } from '../../format/money';
import type { AccountPanelProps } from '../../shell/area';
import { useConfirm } from '../../shell/modals';
import { notifyError, notifySuccess } from '../../shell/notify';
import { today } from './format';
import { ReferralForm } from './ReferralForm';
import { STATUS_COLORS } from './ReferralBoard';
import { DirectionIcon, TierBadge } from './TierBadge';
import { useLoyaltyT } from './i18n';
import { DateField } from '../../shell/DateField';
import { FormFooter } from '../../shell/FormFooter';

const NONE = 'none';

/** LoyaltyPanel shows an account's tier (and any manual override), its benefits granted or used, and the referrals it made. */
export function LoyaltyPanel({ account, onChanged }: AccountPanelProps) {
  const { ta, t, lang } = useLoyaltyT();
  const confirm = useConfirm();
  const loyalty = useApi(() => accountLoyalty(account.id), [account.id]);
  const tierList = useApi(() => tiers(), []);
  const refs = useApi(() => listReferrals({ referrer_account_id: account.id, limit: 50 }), [account.id]);
  const [mode, setMode] = useState<'' | 'override' | 'benefit'>('');
  const [referring, setReferring] = useState(false);
  const [ov, setOv] = useState({ tier: '', reason: '', expires_on: '' });
  const [ovErr, setOvErr] = useState<Record<string, string>>({});
  const [bn, setBn] = useState({ kind: 'priority_service', note: '', used_on: today() });
  const [bnErr, setBnErr] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const data = loyalty.data;
  const colors = Object.fromEntries((tierList.data?.items ?? []).map((x) => [x.name, x.color ?? '']));
  const tierOptions = [{ value: NONE, label: ta('noTier') }, ...(tierList.data?.items ?? []).map((x) => ({ value: String(x.id), label: x.name }))];
  // The tier's own benefits come first; any other kind can be granted as a gesture too.
  const tierKinds = [...new Set((data?.benefits ?? []).map((b) => b.kind))];
  const benefitKinds = [...tierKinds, ...BENEFIT_KINDS.filter((k) => !tierKinds.includes(k))].map((k) => ({ value: k, label: ta(`benefit.${k}`) }));

  const saveOverride = async (e: React.FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!ov.tier) errs.tier_id = t('form.required');
    if (!ov.reason.trim()) errs.reason = t('form.required');
    setOvErr(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      await setOverride(account.id, { tier_id: ov.tier === NONE ? null : Number(ov.tier), reason: ov.reason.trim(), expires_on: ov.expires_on || undefined });
      notifySuccess(ta('panel.overrideSaved'));
      setMode('');
      loyalty.reload();
      onChanged();
    } catch (err) {
      const ae = toApiError(err);
      setOvErr(fieldErrorsFor(ae, ['tier_id', 'reason', 'expires_on'] as const).errors);
      if (!ae.hasFieldErrors) notifyError(ta('panel.overrideFailed'), err);
    } finally {
      setBusy(false);
    }
  };

  const removeOverride = async () => {
    const ok = await confirm({ title: ta('panel.clearTitle'), body: ta('panel.clearBody'), confirmLabel: ta('panel.clear') });
    if (!ok) return;
    try {
      await clearOverride(account.id);
      notifySuccess(ta('panel.overrideCleared'));
      loyalty.reload();
      onChanged();
    } catch (err) {
      notifyError(ta('panel.overrideFailed'), err);
    }
  };

  const saveBenefit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!bn.used_on) {
      setBnErr({ used_on: t('form.required') });
      return;
    }
    setBusy(true);
    try {
      await recordBenefit(account.id, { kind: bn.kind, note: bn.note.trim() || undefined, used_on: bn.used_on });
      notifySuccess(ta('panel.benefitSaved'));
      setBn({ kind: bn.kind, note: '', used_on: today() });
      setBnErr({});
      setMode('');
      loyalty.reload();
    } catch (err) {
      const ae = toApiError(err);
      setBnErr(fieldErrorsFor(ae, ['kind', 'note', 'used_on'] as const).errors);
      if (!ae.hasFieldErrors) notifyError(ta('panel.benefitFailed'), err);
    } finally {
      setBusy(false);
    }
  };

  const referrals = refs.data?.items ?? [];
  return (
    <Card data-testid="loyalty-panel">
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <IconAward size={18} />
          <Title order={5}>{ta('panel.title')}</Title>
          {data && <TierBadge name={data.tier} color={colors[data.tier]} size="md" />}
          {data?.override && (
            <Tooltip label={ta('panel.overrideBy', { by: data.override.created_by || '—' })} withArrow>
              <Badge size="sm" variant="outline" color="orange" leftSection={<IconLock size={10} />} data-testid="override-badge">
                {ta('panel.pinned')}
              </Badge>
            </Tooltip>
          )}
        </Group>
        <Group gap="xs">
          <Button size="xs" variant="light" leftSection={<IconLock size={14} />} onClick={() => setMode(mode === 'override' ? '' : 'override')} data-testid="override-open">
            {data?.override ? ta('panel.changeOverride') : ta('panel.override')}
          </Button>
          <Button size="xs" variant="light" leftSection={<IconGift size={14} />} onClick={() => {
              if (mode !== 'benefit' && tierKinds[0]) setBn((b) => ({ ...b, kind: tierKinds[0]! }));
              setMode(mode === 'benefit' ? '' : 'benefit');
            }} data-testid="benefit-open">
            {ta('panel.recordBenefit')}
          </Button>
        </Group>
      </Group>
      {loyalty.error && (
        <Text size="sm" c="red">
          {loyalty.error.message}
        </Text>
      )}
      {!data && !loyalty.error && (
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      )}
      {data && (
        <Stack gap="sm">
          {data.override && (
            <Alert color="orange" variant="light" p="xs" data-testid="override-info">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <div>
                  <Text size="sm">
                    {ta('panel.overrideLine', { tier: data.override.tier_name || ta('noTier'), reason: data.override.reason })}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {data.override.expires_on ? ta('panel.until', { date: formatDate(data.override.expires_on, lang) }) : ta('panel.noExpiry')}
                  </Text>
                </div>
                <Button size="compact-xs" variant="subtle" color="orange" leftSection={<IconLockOpen size={12} />} onClick={removeOverride} data-testid="override-clear">
                  {ta('panel.clear')}
                </Button>
              </Group>
            </Alert>
          )}
          <Collapse expanded={mode === 'override'}>
            <form onSubmit={saveOverride}>
              <SimpleGrid cols={{ base: 1, sm: 3 }} mb="xs">
                <Select label={ta('panel.pinTo')} data={tierOptions} value={ov.tier || null} onChange={(v) => setOv({ ...ov, tier: v ?? '' })} error={ovErr.tier_id} data-testid="override-tier" />
                <TextInput label={ta('panel.reason')} value={ov.reason} onChange={(e) => setOv({ ...ov, reason: e.currentTarget.value })} error={ovErr.reason} data-testid="override-reason" />
                <DateField
                  label={ta('panel.expires')}
                  value={ov.expires_on}
                  onChange={(v) => setOv({ ...ov, expires_on: v })}
                  error={ovErr.expires_on}
                  description={ta('panel.expiresHint')}
                  data-testid="override-expires"
                />
              </SimpleGrid>
              <FormFooter size="xs" submitLabel={ta('panel.pin')} onCancel={() => setMode('')} saving={busy} submitTestId="override-save" />
            </form>
          </Collapse>
          <Collapse expanded={mode === 'benefit'}>
            <form onSubmit={saveBenefit}>
              <SimpleGrid cols={{ base: 1, sm: 3 }} mb="xs">
                <Select label={ta('panel.benefitKind')} data={benefitKinds} value={bn.kind} onChange={(v) => setBn({ ...bn, kind: v ?? bn.kind })} allowDeselect={false} error={bnErr.kind} data-testid="benefit-kind" />
                <TextInput label={ta('panel.benefitNote')} placeholder={ta(`benefitExample.${bn.kind}`)} value={bn.note} onChange={(e) => setBn({ ...bn, note: e.currentTarget.value })} error={bnErr.note} data-testid="benefit-note" />
                <DateField label={ta('panel.benefitDate')} value={bn.used_on} onChange={(v) => setBn({ ...bn, used_on: v })} error={bnErr.used_on} data-testid="benefit-date" />
              </SimpleGrid>
              <FormFooter size="xs" submitLabel={ta('panel.recordBenefit')} onCancel={() => setMode('')} saving={busy} submitTestId="benefit-save" />
            </form>
          </Collapse>
          <div>
            <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb={4}>
              {ta('panel.benefits')}
            </Text>
            {data.benefits.length === 0 ? (
              <Text size="sm" c="dimmed">
                {data.tier ? ta('panel.noBenefits') : ta('panel.noTierBenefits')}
              </Text>
            ) : (
              <List size="sm" spacing={2}>
                {data.benefits.map((b, i) => (
                  <List.Item key={i}>
                    <Text span size="sm" fw={500}>
                      {ta(`benefit.${b.kind}`)}
                    </Text>
                    {b.description && (
                      <Text span size="sm" c="dimmed">
                        {' — '}
                        {b.description}
                      </Text>
                    )}
                  </List.Item>
                ))}
              </List>
            )}
          </div>
          {data.used.length > 0 && (
            <div>
              <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb={4}>
                {ta('panel.used')}
              </Text>
              <Table fz="sm" verticalSpacing={4} data-testid="benefits-used">
                <Table.Tbody>
                  {data.used.slice(0, 10).map((u) => (
                    <Table.Tr key={u.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(u.used_on, lang)}</Table.Td>
                      <Table.Td>{ta(`benefit.${u.kind}`)}</Table.Td>
                      <Table.Td c="dimmed">{u.note}</Table.Td>
                      <Table.Td ta="right">{u.tier && <TierBadge name={u.tier} color={colors[u.tier]} size="xs" />}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          )}
          {data.moves.length > 0 && (
            <div>
              <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb={4}>
                {ta('panel.moves')}
              </Text>
              <Stack gap={4}>
                {data.moves.slice(0, 5).map((m, i) => (
                  <Group key={i} gap={6} wrap="nowrap" align="flex-start">
                    <Text size="xs" c="dimmed" w={90} style={{ flexShrink: 0 }}>
                      {formatDate(m.at, lang)}
                    </Text>
                    <DirectionIcon direction={m.direction} />
                    <Text size="sm">
                      <b>{m.to || ta('noTier')}</b> <Text span size="xs" c="dimmed">{m.reason}</Text>
                    </Text>
                  </Group>
                ))}
              </Stack>
            </div>
          )}
          <Divider />
          <div>
            <Group justify="space-between" mb={4}>
              <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                {ta('panel.referrals', { count: referrals.length })}
              </Text>
              {account.status !== 'churned' && (
                <Button size="compact-xs" variant="subtle" leftSection={<IconUserPlus size={12} />} onClick={() => setReferring(true)} data-testid="panel-refer">
                  {ta('panel.refer')}
                </Button>
              )}
            </Group>
            {referrals.length === 0 ? (
              <Text size="sm" c="dimmed">
                {ta('panel.noReferrals')}
              </Text>
            ) : (
              <Table fz="sm" verticalSpacing={4} data-testid="panel-referrals">
                <Table.Tbody>
                  {referrals.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>
                        {r.converted_account_id ? (
                          <Anchor component={Link} to={`/accounts/${r.converted_account_id}`} size="sm">
                            {r.referred_company}
                          </Anchor>
                        ) : (
                          r.referred_company
                        )}
                      </Table.Td>
                      <Table.Td c="dimmed">{formatDate(r.referred_on, lang)}</Table.Td>
                      <Table.Td ta="right">
                        <Badge size="sm" variant="light" color={STATUS_COLORS[r.status]}>
                          {ta(`status.${r.status}`)}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </div>
        </Stack>
      )}
      {referring && (
        <ReferralForm
          prefill={{ accountId: account.id, accountName: account.name }}
          onClose={() => setReferring(false)}
          onSaved={() => {
            setReferring(false);
            refs.reload();
          }}
        />
      )}
    </Card>
  );
}
