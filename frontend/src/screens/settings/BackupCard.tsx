import { useEffect, useState } from 'react';
import { Button, Card, Group, NumberInput, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../../api/client';
import { fieldErrorsFor, toApiError } from '../../api/errors';
import { useApi } from '../../api/useApi';
import { ErrorNotice } from '../../shell/Page';
import { notifyError, notifySuccess } from '../../shell/notify';

/** BackupCard turns the daily automatic backup on and makes a backup on demand. */
export function BackupCard() {
  const { t } = useTranslation();
  const current = useApi(() => unwrap(client.GET('/api/v1/settings/backup')), []);
  const [enabled, setEnabled] = useState(false);
  const [folder, setFolder] = useState('');
  const [keep, setKeep] = useState<number | string>(14);
  const [errors, setErrors] = useState<Partial<Record<'folder' | 'keep' | 'enabled', string>>>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!current.data) return;
    setEnabled(current.data.enabled);
    setFolder(current.data.folder);
    setKeep(current.data.keep);
  }, [current.data]);

  const save = async () => {
    setBusy(true);
    try {
      await unwrap(client.PUT('/api/v1/settings/backup', { body: { enabled, folder, keep: Number(keep) } }));
      setErrors({});
      notifySuccess(t('backup.saved'));
    } catch (err) {
      setErrors(fieldErrorsFor(toApiError(err), ['folder', 'keep', 'enabled'] as const).errors);
      notifyError(t('backup.failed'), err);
    } finally {
      setBusy(false);
    }
  };
  const now = async () => {
    setBusy(true);
    try {
      const res = await unwrap(client.POST('/api/v1/backup'));
      notifySuccess(t('backup.made', { file: res.file }));
    } catch (err) {
      notifyError(t('backup.failed'), err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card>
      <Title order={5} mb="md">
        {t('backup.title')}
      </Title>
      {current.error && <ErrorNotice error={current.error} onRetry={current.reload} />}
      <Stack>
        <Switch label={t('backup.daily')} checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} error={errors.enabled} data-testid="backup-enabled" />
        <TextInput label={t('backup.folder')} value={folder} readOnly description={t('backup.folderNote')} error={errors.folder} data-testid="backup-folder" />
        <NumberInput label={t('backup.keep')} min={1} max={365} allowDecimal={false} value={keep} onChange={setKeep} error={errors.keep} w={160} />
        <Text size="xs" c="dimmed">
          {t('backup.hint')}
        </Text>
        <Group>
          <Button onClick={save} loading={busy} data-testid="backup-save">
            {t('common.save')}
          </Button>
          <Button variant="default" onClick={now} loading={busy} data-testid="backup-now">
            {t('backup.now')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
