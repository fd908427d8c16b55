import { useEffect, useState } from 'react';
import { ActionIcon, Autocomplete, Badge, Button, Card, Group, NumberInput, Select, Stack, Switch, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconDeviceFloppy, IconPlus, IconTrash } from '@tabler/icons-react';
import { facets } from '../../api/accounts';
import { toApiError } from '../../api/errors';
import { ACTION_KINDS, listPlaybooks, savePlaybook, TRIGGERS, type Playbook, type PlaybookAction } from '../../api/health';
import { useApi } from '../../api/useApi';
import { ErrorNotice, Loading, PageHeader } from '../../shell/Page';
import { notifyError, notifySuccess } from '../../shell/notify';
import { cleanAction, moveItem } from './format';
import { useHealthT } from './i18n';

/** TRIGGERS_WITHOUT_THRESHOLD are the triggers whose threshold the server ignores. */
const TRIGGERS_WITHOUT_THRESHOLD = new Set(['health_poor', 'payment_overdue']);

function PlaybookCard({ saved, owners, onSaved }: { saved: Playbook; owners: string[]; onSaved: (p: Playbook) => void }) {
  const { ta } = useHealthT();
  const [p, setP] = useState<Playbook>(saved);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  useEffect(() => setP(saved), [saved]);
  const dirty = JSON.stringify(p) !== JSON.stringify(saved);
  const name = ta(`triggers.${p.trigger}.name`);

  const setAction = (i: number, patch: Partial<PlaybookAction>) => setP({ ...p, actions: p.actions.map((a, j) => (j === i ? { ...a, ...patch } : a)) });
  const move = (i: number, to: number) => setP({ ...p, actions: moveItem(p.actions, i, to) });
  const add = () => setP({ ...p, actions: [...p.actions, { kind: 'task', title: '', due_in_days: 1, owner: '' }] });
  const remove = (i: number) => setP({ ...p, actions: p.actions.filter((_, j) => j !== i) });

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setErrors({});
    try {
      const res = await savePlaybook({ ...p, actions: p.actions.map(cleanAction) });
      notifySuccess(ta('playbooks.saved', { name }));
      onSaved(res);
    } catch (err) {
      const apiErr = toApiError(err);
      setErrors(Object.keys(apiErr.fields).length ? apiErr.fields : { _: apiErr.message });
      notifyError(ta('playbooks.saveFailed', { name }), err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card data-testid={`playbook-${p.trigger}`} component="form" onSubmit={save} noValidate>
      <Group justify="space-between" align="flex-start" mb="xs" wrap="nowrap">
        <div>
          <Group gap="xs">
            <Title order={5}>{name}</Title>
            {dirty && (
              <Badge color="orange" variant="light" size="sm">
                {ta('playbooks.unsaved')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {ta(`triggers.${p.trigger}.desc`)}
          </Text>
        </div>
        <Switch checked={p.enabled} onChange={(e) => setP({ ...p, enabled: e.currentTarget.checked })} label={ta('playbooks.enabled')} data-testid={`enabled-${p.trigger}`} />
      </Group>
      {!TRIGGERS_WITHOUT_THRESHOLD.has(p.trigger) && (
        <NumberInput
          label={ta(`triggers.${p.trigger}.threshold`)}
          value={p.threshold}
          onChange={(v) => setP({ ...p, threshold: typeof v === 'number' ? v : Number(v) || 0 })}
          min={1}
          max={p.trigger === 'risk_rose' ? 99 : undefined}
          allowDecimal={false}
          allowNegative={false}
          w={340}
          mb="sm"
          error={errors.threshold}
        />
      )}
      <Text size="sm" fw={600} mb={4}>
        {ta('playbooks.actions')}
      </Text>
      {p.actions.length > 0 && (
        <Group gap="xs" wrap="nowrap" mb={2} aria-hidden>
          <Text w={28} />
          <Text size="xs" c="dimmed" w={130}>
            {ta('playbooks.kind')}
          </Text>
          <Text size="xs" c="dimmed" style={{ flex: 1 }}>
            {ta('playbooks.title')}
          </Text>
          <Text size="xs" c="dimmed" w={110}>
            {ta('playbooks.due')}
          </Text>
          <Text size="xs" c="dimmed" w={200}>
            {ta('playbooks.owner')}
          </Text>
          <Text w={88} />
        </Group>
      )}
      <Stack gap="xs">
        {p.actions.length === 0 && (
          <Text size="sm" c="dimmed">
            {ta('playbooks.noActions')}
          </Text>
        )}
        {p.actions.map((a, i) => (
          <Group key={i} gap="xs" align="flex-start" wrap="nowrap" data-testid={`action-${p.trigger}-${i}`}>
            <Badge variant="outline" color="gray" mt={8} w={28} px={0}>
              {i + 1}
            </Badge>
            <Select
              aria-label={ta('playbooks.kind')}
              data={ACTION_KINDS.map((k) => ({ value: k, label: ta(`kinds.${k}`) }))}
              value={a.kind}
              onChange={(v) => v && setAction(i, { kind: v as PlaybookAction['kind'] })}
              allowDeselect={false}
              w={130}
              error={errors[`actions[${i}].kind`]}
              data-testid={`action-kind-${p.trigger}-${i}`}
            />
            <TextInput
              aria-label={ta('playbooks.title')}
              placeholder={ta('playbooks.titlePlaceholder')}
              value={a.title}
              onChange={(e) => setAction(i, { title: e.currentTarget.value })}
              maxLength={300}
              style={{ flex: 1 }}
              error={errors[`actions[${i}].title`]}
              data-testid={`action-title-${p.trigger}-${i}`}
            />
            <NumberInput
              aria-label={ta('playbooks.due')}
              value={a.due_in_days}
              onChange={(v) => setAction(i, { due_in_days: typeof v === 'number' ? v : Number(v) || 0 })}
              min={0}
              max={365}
              allowDecimal={false}
              allowNegative={false}
              w={110}
              rightSection={<Text size="xs" c="dimmed">{ta('playbooks.days')}</Text>}
              rightSectionWidth={44}
              error={errors[`actions[${i}].due_in_days`]}
              data-testid={`action-due-${p.trigger}-${i}`}
            />
            <Autocomplete
              aria-label={ta('playbooks.owner')}
              placeholder={ta('playbooks.accountOwner')}
              data={owners}
              value={a.owner ?? ''}
              onChange={(v) => setAction(i, { owner: v })}
              w={200}
              error={errors[`actions[${i}].owner`]}
              data-testid={`action-owner-${p.trigger}-${i}`}
            />
            <Group gap={2} wrap="nowrap" mt={4}>
              <Tooltip label={ta('playbooks.up')}>
                <ActionIcon variant="subtle" disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={ta('playbooks.up')} data-testid={`action-up-${p.trigger}-${i}`}>
                  <IconArrowUp size={16} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={ta('playbooks.down')}>
                <ActionIcon variant="subtle" disabled={i === p.actions.length - 1} onClick={() => move(i, i + 1)} aria-label={ta('playbooks.down')} data-testid={`action-down-${p.trigger}-${i}`}>
                  <IconArrowDown size={16} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={ta('playbooks.remove')}>
                <ActionIcon variant="subtle" color="red" onClick={() => remove(i)} aria-label={ta('playbooks.remove')} data-testid={`action-remove-${p.trigger}-${i}`}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Tooltip>
            </Group>
          </Group>
        ))}
      </Stack>
      {errors._ && (
        <Text c="red" size="sm" mt="xs">
          {errors._}
        </Text>
      )}
      <Group justify="space-between" mt="sm">
        <Button variant="subtle" leftSection={<IconPlus size={16} />} onClick={add} data-testid={`action-add-${p.trigger}`}>
          {ta('playbooks.add')}
        </Button>
        <Group gap="xs">
          <Button variant="default" disabled={!dirty || saving} onClick={() => setP(saved)}>
            {ta('playbooks.discard')}
          </Button>
          <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} disabled={!dirty} loading={saving} data-testid={`playbook-save-${p.trigger}`}>
            {ta('playbooks.save')}
          </Button>
        </Group>
      </Group>
    </Card>
  );
}

/** PlaybooksPage edits, for every trigger, the ordered actions that become tasks when it fires. */
export function PlaybooksPage() {
  const { ta } = useHealthT();
  const list = useApi(() => listPlaybooks(), []);
  const owners = useApi(() => facets(), []);
  const [saved, setSaved] = useState<Record<string, Playbook>>({});
  useEffect(() => {
    if (list.data) setSaved(Object.fromEntries(list.data.items.map((p) => [p.trigger, p])));
  }, [list.data]);

  if (list.error) return <ErrorNotice error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  const order = [...TRIGGERS.filter((t) => saved[t]), ...Object.keys(saved).filter((t) => !(TRIGGERS as readonly string[]).includes(t))];
  return (
    <>
      <PageHeader title={ta('playbooks.pageTitle')} subtitle={ta('playbooks.subtitle')} />
      <Text size="sm" c="dimmed" mb="md">
        {ta('playbooks.placeholders')}
      </Text>
      <Stack>
        {order.map((t) => (
          <PlaybookCard key={t} saved={saved[t]!} owners={owners.data?.owners ?? []} onSaved={(p) => setSaved((s) => ({ ...s, [p.trigger]: p }))} />
        ))}
      </Stack>
    </>
  );
}
