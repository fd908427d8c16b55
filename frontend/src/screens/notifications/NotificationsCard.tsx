import { useEffect, useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Card, Code, CopyButton, Group, Select, Stack, Switch, Text, Title, Tooltip } from '@mantine/core';
import { IconBell, IconCheck, IconCopy, IconPencil, IconSend, IconTrash } from '@tabler/icons-react';
import {
  deleteEndpoint,
  getNotifySettings,
  listEndpoints,
  saveNotifySettings,
  sendDigestNow,
  sendTest,
  type Endpoint,
  type NotifySettings,
} from '../../api/notifications';
import { useApi } from '../../api/useApi';
import { LANGUAGES } from '../../i18n';
import { useConfirm } from '../../shell/modals';
import { notifyError, notifySuccess } from '../../shell/notify';
import { ErrorNotice } from '../../shell/Page';
import { EndpointForm } from './EndpointForm';
import { useNotifyT } from './i18n';

const HOURS = Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: `${String(h).padStart(2, '0')}:00` }));

/** NotificationsCard sets the message language, the daily digest and the endpoints events are sent to. */
export function NotificationsCard() {
  const { ta, lang } = useNotifyT();
  const confirm = useConfirm();
  const settings = useApi(() => getNotifySettings(), []);
  const endpoints = useApi(() => listEndpoints(), []);
  const [set, setSet] = useState<NotifySettings>({ language: 'en', digest_enabled: false, digest_hour: 8 });
  const [editing, setEditing] = useState<Endpoint | 'new' | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [busy, setBusy] = useState('');

  useEffect(() => {
    // Until a language is chosen, messages are offered in the app's language.
    if (settings.data) setSet({ ...settings.data, language: settings.data.language || (lang as NotifySettings['language']) });
  }, [settings.data, lang]);

  const run = async (what: string, fn: () => Promise<void>) => {
    setBusy(what);
    try {
      await fn();
    } catch (err) {
      notifyError(ta('saveFailed'), err);
    } finally {
      setBusy('');
    }
  };
  const saveSettings = () =>
    run('settings', async () => {
      await saveNotifySettings(set);
      notifySuccess(ta('settingsSaved'));
      settings.reload();
    });
  const digestNow = () =>
    run('digest', async () => {
      await sendDigestNow();
      notifySuccess(ta('digestQueued'));
    });
  const test = (ep: Endpoint) =>
    run(`test-${ep.id}`, async () => {
      const d = await sendTest(ep.id);
      if (d.status === 'delivered') notifySuccess(ta('testSent', { code: d.response_code }));
      else notifyError(ta('testFailed', { error: d.last_error }), new Error(d.response_body || d.last_error));
    });
  const remove = async (ep: Endpoint) => {
    const ok = await confirm({ title: ta('deleteTitle'), body: ta('deleteBody'), confirmLabel: ta('delete'), danger: true });
    if (!ok) return;
    await run(`delete-${ep.id}`, async () => {
      await deleteEndpoint(ep.id);
      notifySuccess(ta('deleted'));
      endpoints.reload();
    });
  };

  return (
    <Card data-testid="notifications-card">
      <Group gap="xs" mb={4}>
        <IconBell size={18} />
        <Title order={5}>{ta('title')}</Title>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {ta('intro')}
      </Text>
      {settings.error && <ErrorNotice error={settings.error} onRetry={settings.reload} />}
      <Stack>
        <Select
          label={ta('language')}
          description={ta('languageHint')}
          value={set.language || 'en'}
          allowDeselect={false}
          data={LANGUAGES.map((l) => ({ value: l.code, label: l.label }))}
          onChange={(v) => v && setSet({ ...set, language: v as NotifySettings['language'] })}
          data-testid="notify-language"
        />
        <Switch label={ta('digest')} description={ta('digestHint')} checked={set.digest_enabled} onChange={(e) => setSet({ ...set, digest_enabled: e.currentTarget.checked })} />
        <Select label={ta('digestHour')} data={HOURS} value={String(set.digest_hour)} allowDeselect={false} onChange={(v) => v && setSet({ ...set, digest_hour: Number(v) })} w={220} />
        <Group>
          <Button onClick={saveSettings} loading={busy === 'settings'} data-testid="notify-settings-save">
            {ta('saveSettings')}
          </Button>
          <Button variant="light" onClick={digestNow} loading={busy === 'digest'}>
            {ta('digestNow')}
          </Button>
        </Group>

        <Group justify="space-between" mt="sm">
          <Text fw={500}>{ta('endpoints')}</Text>
          <Button size="xs" variant="light" onClick={() => setEditing('new')} data-testid="endpoint-add">
            {ta('add')}
          </Button>
        </Group>
        {secret && (
          <Alert color="yellow" title={ta('secretTitle')} withCloseButton onClose={() => setSecret(null)} data-testid="endpoint-secret">
            <Text size="sm" mb="xs">
              {ta('secretBody')}
            </Text>
            <Group gap="xs" wrap="nowrap">
              <Code data-testid="endpoint-secret-value">{secret}</Code>
              <CopyButton value={secret}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? ta('copied') : ta('copy')}>
                    <ActionIcon variant="light" onClick={copy} aria-label={ta('copy')}>
                      {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
            </Group>
          </Alert>
        )}
        {endpoints.error && <ErrorNotice error={endpoints.error} onRetry={endpoints.reload} />}
        {endpoints.data?.items.length === 0 && (
          <Text size="sm" c="dimmed">
            {ta('none')}
          </Text>
        )}
        {endpoints.data?.items.map((ep) => (
          <Card key={ep.id} withBorder padding="sm" data-testid="endpoint-row">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={4} style={{ minWidth: 0 }}>
                <Group gap="xs">
                  <Text fw={500}>{ep.name}</Text>
                  <Badge variant="light" color={ep.enabled ? 'teal' : 'gray'}>
                    {ep.enabled ? ta('enabled') : ta('disabled')}
                  </Badge>
                  <Badge variant="outline" color="gray" tt="none">
                    {ep.format === 'slack' ? 'Slack' : 'JSON'}
                  </Badge>
                </Group>
                <Text size="xs" ff="monospace" truncate="end">
                  {ep.url}
                </Text>
                <Group gap={4}>
                  {ep.events.map((ev) => (
                    <Badge key={ev} size="xs" variant="dot" tt="none">
                      {ta(`event.${ev}`)}
                    </Badge>
                  ))}
                </Group>
                <Text size="xs" c="dimmed" ff="monospace">
                  {ta('secretEnd', { end: ep.secret_end })}
                </Text>
              </Stack>
              <Group gap={4} wrap="nowrap">
                <Button size="xs" variant="light" leftSection={<IconSend size={14} />} onClick={() => void test(ep)} loading={busy === `test-${ep.id}`} data-testid="endpoint-test">
                  {ta('test')}
                </Button>
                <Tooltip label={ta('edit')}>
                  <ActionIcon variant="subtle" aria-label={ta('edit')} onClick={() => setEditing(ep)}>
                    <IconPencil size={16} />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label={ta('delete')}>
                  <ActionIcon variant="subtle" color="red" aria-label={ta('delete')} onClick={() => void remove(ep)}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              </Group>
            </Group>
          </Card>
        ))}
      </Stack>
      {editing && (
        <EndpointForm
          endpoint={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            if (saved.secret) setSecret(saved.secret);
            notifySuccess(ta('saved'));
            endpoints.reload();
          }}
        />
      )}
    </Card>
  );
}
