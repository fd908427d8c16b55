import { useEffect, useState } from 'react';
import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TOKEN_KEY, UNAUTHORIZED_EVENT } from '../api/client';

/** TokenPrompt asks for an API token when a shared server refuses a call without one. */
export function TokenPrompt() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [token, setToken] = useState('');
  useEffect(() => {
    const show = () => setOpen(true);
    window.addEventListener(UNAUTHORIZED_EVENT, show);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, show);
  }, []);
  const save = () => {
    localStorage.setItem(TOKEN_KEY, token.trim());
    window.location.reload();
  };
  return (
    <Modal opened={open} onClose={() => setOpen(false)} title={t('auth.title')} data-testid="token-prompt">
      <Stack>
        <Text size="sm">{t('auth.body')}</Text>
        <PasswordInput label={t('auth.token')} value={token} onChange={(e) => setToken(e.currentTarget.value)} placeholder="cd_…" autoFocus />
        <Group justify="flex-end">
          <Button onClick={save} disabled={!token.trim()}>
            {t('auth.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
