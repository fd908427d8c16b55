import { useEffect, useState } from 'react';
import { Button, Card, Group, Stack, TagsInput, Title } from '@mantine/core';
import { saveTeam, team } from '../../api/care';
import { toApiError } from '../../api/errors';
import { useApi } from '../../api/useApi';
import { ErrorNotice } from '../../shell/Page';
import { notifyError, notifySuccess } from '../../shell/notify';
import { useCareT } from './i18n';

/** TeamCard keeps the team's members: the people the owner picker offers. */
export function TeamCard() {
  const { ta, t } = useCareT();
  const current = useApi(() => team(), []);
  const [members, setMembers] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (current.data) setMembers(current.data.members);
  }, [current.data]);
  const save = async () => {
    setBusy(true);
    try {
      const saved = await saveTeam(members);
      setMembers(saved.members);
      setError(undefined);
      notifySuccess(ta('team.saved'));
    } catch (err) {
      const fields = toApiError(err).fields ?? {};
      setError(Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; ') || undefined);
      notifyError(ta('team.failed'), err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card data-testid="team-card">
      <Title order={5} mb="md">
        {ta('team.title')}
      </Title>
      {current.error && <ErrorNotice error={current.error} onRetry={current.reload} />}
      <Stack>
        <TagsInput
          label={ta('team.members')}
          description={ta('team.hint')}
          placeholder={ta('team.placeholder')}
          value={members}
          onChange={setMembers}
          error={error}
          clearable
          data-testid="team-members"
        />
        <Group>
          <Button onClick={save} loading={busy} data-testid="team-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
