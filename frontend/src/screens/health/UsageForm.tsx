import { useEffect, useState } from 'react';
import { Button, Group, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { toApiError } from '../../api/errors';
import { saveUsage, type AccountHealth } from '../../api/health';
import { formatDate } from '../../format/money';
import { notifyError, notifySuccess } from '../../shell/notify';
import { isoDay, mondayOf } from './format';
import { useHealthT } from './i18n';
import { DateField } from '../../shell/DateField';

type Field = 'week_start' | 'active_users' | 'logins' | 'key_feature_uses' | 'last_login_at';
const FIELDS: readonly Field[] = ['week_start', 'active_users', 'logins', 'key_feature_uses', 'last_login_at'];

const toNum = (v: number | string) => (typeof v === 'number' ? v : v === '' ? 0 : Number(v));

/** UsageForm enters one week of usage by hand; picking a week that already has numbers fills them in. */
export function UsageForm({ accountId, health, onSaved }: { accountId: number; health: AccountHealth; onSaved: () => void }) {
  const { ta, lang } = useHealthT();
  const [week, setWeek] = useState(isoDay(new Date()));
  const [active, setActive] = useState<number | string>(0);
  const [logins, setLogins] = useState<number | string>(0);
  const [uses, setUses] = useState<number | string>(0);
  const [lastLogin, setLastLogin] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [saving, setSaving] = useState(false);
  const monday = mondayOf(week);
  const existing = health.usage.find((u) => u.week === monday);

  useEffect(() => {
    setActive(existing?.active_users ?? 0);
    setLogins(existing?.logins ?? 0);
    setUses(existing?.key_feature_uses ?? 0);
    // Only when another week is picked, not on every reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [monday]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setErrors({});
    try {
      await saveUsage([
        {
          account_id: accountId,
          week_start: week,
          active_users: toNum(active),
          logins: toNum(logins),
          key_feature_uses: toNum(uses),
          ...(lastLogin ? { last_login_at: new Date(lastLogin).toISOString() } : {}),
        },
      ]);
      notifySuccess(ta('usage.saved', { week: formatDate(monday, lang) }));
      onSaved();
    } catch (err) {
      const fe: Partial<Record<Field, string>> = {};
      for (const [k, v] of Object.entries(toApiError(err).fields)) {
        const key = k.replace(/^items\[\d+\]\./, '') as Field;
        if (FIELDS.includes(key)) fe[key] = v;
      }
      setErrors(fe);
      notifyError(ta('usage.saveFailed'), err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={submit} data-testid="usage-form" noValidate>
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {ta('usage.hint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
          <DateField
            label={ta('usage.week')}
            description={ta('usage.weekOf', { date: formatDate(monday, lang) })}
            value={week}
            onChange={(v) => setWeek(v)}
            error={errors.week_start}
            required
            data-testid="usage-week"
          />
          <NumberInput label={ta('usage.activeUsers')} min={0} allowDecimal={false} allowNegative={false} value={active} onChange={setActive} error={errors.active_users} data-testid="usage-active" />
          <NumberInput label={ta('usage.logins')} min={0} allowDecimal={false} allowNegative={false} value={logins} onChange={setLogins} error={errors.logins} data-testid="usage-logins" />
          <NumberInput label={ta('usage.keyFeatureUses')} min={0} allowDecimal={false} allowNegative={false} value={uses} onChange={setUses} error={errors.key_feature_uses} data-testid="usage-uses" />
          <TextInput
            type="datetime-local"
            label={ta('usage.lastLogin')}
            description={ta('usage.lastLoginHint')}
            value={lastLogin}
            onChange={(e) => setLastLogin(e.currentTarget.value)}
            error={errors.last_login_at}
            data-testid="usage-last-login"
          />
        </SimpleGrid>
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {existing ? ta('usage.replaces') : ta('usage.newWeek')}
          </Text>
          <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} loading={saving} data-testid="usage-submit">
            {ta('usage.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
