import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconPresentationAnalytics } from '@tabler/icons-react';
import { Link } from 'react-router';
import { getReport } from '../../api/qbr';
import { useApi } from '../../api/useApi';
import type { AccountPanelProps } from '../../shell/area';
import { useQbrT } from './i18n';
import { quarterOf, shiftQuarter } from './quarter';
import { StatusBadge } from './StatusBadge';

/** QbrPanel shows on the account page whether this quarter's QBR is started, with a link to it and to last quarter's. */
export function QbrPanel({ account }: AccountPanelProps) {
  const { ta, lang } = useQbrT();
  const quarter = quarterOf(new Date());
  const previous = shiftQuarter(quarter, -1);
  const now = useApi(() => getReport(account.id, quarter), [account.id, quarter]);
  const before = useApi(() => getReport(account.id, previous), [account.id, previous]);
  const r = now.data;
  return (
    <Card data-testid="qbr-panel">
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Title order={5}>{ta('panel.title')}</Title>
          {r && <StatusBadge status={r.status} />}
        </Group>
        <Button
          component={Link}
          to={`/qbr/${account.id}/${quarter}`}
          size="xs"
          variant="light"
          leftSection={<IconPresentationAnalytics size={14} />}
          data-testid="qbr-panel-open"
        >
          {ta('panel.open', { quarter })}
        </Button>
      </Group>
      <Stack gap={4}>
        {now.loading && !r && (
          <Text size="sm" c="dimmed">
            {ta('panel.loading')}
          </Text>
        )}
        {r?.updated_at && (
          <Text size="sm" c="dimmed">
            {ta('editor.savedBy', { who: r.updated_by || '—', when: new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(new Date(r.updated_at)) })}
          </Text>
        )}
        {before.data && before.data.status !== 'new' && (
          <Anchor component={Link} to={`/qbr/${account.id}/${previous}`} size="sm">
            {ta('panel.previous', { quarter: previous, status: ta(`status.${before.data.status}`) })}
          </Anchor>
        )}
      </Stack>
    </Card>
  );
}
