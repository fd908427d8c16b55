import { useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Card, Code, CopyButton, Group, Paper, SegmentedControl, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy, IconKey, IconTrash } from '@tabler/icons-react';
import { createToken, listTokens, revokeToken, type CreatedToken, type Token } from '../../api/integrations';
import { fieldErrorsFor, toApiError } from '../../api/errors';
import { useApi } from '../../api/useApi';
import { useConfirm } from '../../shell/modals';
import { notifyError, notifySuccess } from '../../shell/notify';
import { ErrorNotice } from '../../shell/Page';
import { useIntT } from './i18n';
import { formatDateTime } from './format';
import { formatDate } from '../../format/money';

/** TokensCard lists, creates and revokes API tokens. */
export function TokensCard() {
  const { ta, lang } = useIntT();
  const confirm = useConfirm();
  const list = useApi(() => listTokens(), []);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<'read' | 'write' | 'admin'>('read');
  const [errors, setErrors] = useState<{ name?: string; scope?: string }>({});
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const active = (list.data?.items ?? []).filter((x) => !x.revoked_at);

  const create = async () => {
    if (!name.trim()) {
      setErrors({ name: ta('tokens.nameRequired') });
      return;
    }
    setCreating(true);
    setErrors({});
    try {
      const tok = await createToken({ name: name.trim(), scope });
      setCreated(tok);
      setName('');
      list.reload();
    } catch (err) {
      const e = toApiError(err);
      const { errors: fe } = fieldErrorsFor(e, ['name', 'scope'] as const);
      if (Object.keys(fe).length) setErrors(fe);
      else notifyError(ta('tokens.createFailed'), e);
    } finally {
      setCreating(false);
    }
  };

  const revoke = async (tok: Token) => {
    const ok = await confirm({
      title: ta('tokens.revokeTitle', { name: tok.name }),
      body: ta('tokens.revokeBody'),
      confirmLabel: ta('tokens.revoke'),
      danger: true,
    });
    if (!ok) return;
    try {
      await revokeToken(tok.id);
      if (created?.id === tok.id) setCreated(null);
      notifySuccess(ta('tokens.revoked', { name: tok.name }));
      list.reload();
    } catch (err) {
      notifyError(ta('tokens.revokeFailed'), err);
    }
  };

  return (
    <Card data-testid="tokens-card">
      <Group gap="xs" mb={4}>
        <IconKey size={18} />
        <Title order={5}>{ta('tokens.title')}</Title>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {ta('tokens.intro')}
      </Text>
      <Stack>
        {list.error && <ErrorNotice error={list.error} onRetry={list.reload} />}
        {created && (
          <Alert color="orange" icon={<IconAlertTriangle size={16} />} title={ta('tokens.createdTitle', { name: created.name })} withCloseButton style={{ flexShrink: 0 }} onClose={() => setCreated(null)} data-testid="token-created">
            <Text size="sm" mb="xs">
              {ta('tokens.createdWarning')}
            </Text>
            <Group gap="xs" wrap="nowrap">
              <Code style={{ flex: 1, wordBreak: 'break-all' }} data-testid="token-secret">
                {created.secret}
              </Code>
              <CopyButton value={created.secret}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? ta('copied') : ta('copy')}>
                    <ActionIcon variant="light" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={ta('copy')} data-testid="token-copy">
                      {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
            </Group>
          </Alert>
        )}
        {list.data && active.length === 0 ? (
          <Paper withBorder radius="md" p="md" data-testid="tokens-table">
            <Text size="sm" c="dimmed" ta="center">
              {ta('tokens.none')}
            </Text>
          </Paper>
        ) : (
          <Table.ScrollContainer minWidth={420}>
            <Table withTableBorder verticalSpacing="xs" data-testid="tokens-table" style={{ opacity: list.loading ? 0.6 : 1 }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{ta('tokens.name')}</Table.Th>
                  <Table.Th>{ta('tokens.scope')}</Table.Th>
                  <Table.Th>{ta('tokens.created')}</Table.Th>
                  <Table.Th>{ta('tokens.lastUsed')}</Table.Th>
                  <Table.Th w={48} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {active.map((x) => (
                  <Table.Tr key={x.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {x.name}
                      </Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {x.prefix}…
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={x.scope === 'admin' ? 'red' : x.scope === 'write' ? 'orange' : 'blue'} tt="none">
                        {ta(`tokens.scopeShort_${x.scope}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }} title={formatDateTime(x.created_at, lang)}>
                      {formatDate(x.created_at, lang)}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }} title={x.last_used_at ? formatDateTime(x.last_used_at, lang) : undefined}>
                      {x.last_used_at ? formatDate(x.last_used_at, lang) : ta('tokens.never')}
                    </Table.Td>
                    <Table.Td ta="right">
                      <Tooltip label={ta('tokens.revoke')}>
                        <ActionIcon variant="subtle" color="red" onClick={() => revoke(x)} aria-label={ta('tokens.revokeNamed', { name: x.name })} data-testid={`token-revoke-${x.id}`}>
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <TextInput
          label={ta('tokens.newName')}
          placeholder={ta('tokens.namePlaceholder')}
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setErrors({});
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void create();
          }}
          error={errors.name}
          data-testid="token-name"
        />
        <Group justify="space-between" gap="sm">
          <SegmentedControl
            aria-label={ta('tokens.scope')}
            value={scope}
            onChange={(v) => setScope(v as 'read' | 'write' | 'admin')}
            data={[
              { value: 'read', label: ta('tokens.scope_read') },
              { value: 'write', label: ta('tokens.scope_write') },
              { value: 'admin', label: ta('tokens.scope_admin') },
            ]}
            data-testid="token-scope"
          />
          <Button onClick={create} loading={creating} data-testid="token-create">
            {ta('tokens.create')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {scope === 'read' ? ta('tokens.readHint') : scope === 'write' ? ta('tokens.writeHint') : ta('tokens.adminHint')}
        </Text>
      </Stack>
    </Card>
  );
}
