import { Alert, Card, ColorSwatch, Group, Loader, Table, Text, Title } from '@mantine/core';
import { formatNumber } from '../../format/money';
import { previewCount, type TierDraft } from './format';
import { useLoyaltyT } from './i18n';

/** TierPreviewProps are the tiers being edited and the server's count of accounts each would hold. */
export interface TierPreviewProps {
  list: TierDraft[];
  preview: { counts?: Record<string, number>; error?: string };
  /** stale: the counts are for an earlier version of the tiers (a newer one is on its way). */
  stale: boolean;
  dirty: boolean;
  /** accountsOf is how many accounts a stored tier holds now. */
  accountsOf: (d: TierDraft) => number;
}

/** TierPreview shows, beside the tier editor, how many accounts each tier holds now and would hold once saved. */
export function TierPreview({ list, preview, stale, dirty, accountsOf }: TierPreviewProps) {
  const { ta, lang } = useLoyaltyT();
  return (
    <Card style={{ position: 'sticky', top: 16 }} data-testid="tier-preview">
      <Group justify="space-between" mb={4}>
        <Title order={5}>{ta('preview.title')}</Title>
        {stale && <Loader size="xs" />}
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {ta('preview.hint')}
      </Text>
      {preview.error && (
        <Alert color="orange" mb="sm" p="xs">
          <Text size="xs">{ta('preview.failed', { message: preview.error })}</Text>
        </Alert>
      )}
      <Table fz="sm" verticalSpacing={6} style={{ opacity: stale ? 0.6 : 1 }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{ta('dist.tier')}</Table.Th>
            <Table.Th ta="right">{ta('preview.now')}</Table.Th>
            <Table.Th ta="right">{ta('preview.would')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.map((d, i) => {
            const n = d.name.trim() ? previewCount(preview.counts, d.name) : undefined;
            return (
              <Table.Tr key={d.key}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <ColorSwatch size={10} color={`var(--mantine-color-${d.color || 'indigo'}-6)`} />
                    <Text size="sm" c={d.name.trim() ? undefined : 'dimmed'} fs={d.name.trim() ? undefined : 'italic'}>
                      {d.name.trim() || ta('preview.unnamed')}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td ta="right" c="dimmed">
                  {d.id !== undefined ? formatNumber(accountsOf(d), lang) : '—'}
                </Table.Td>
                <Table.Td ta="right" fw={600} data-testid={`preview-count-${i}`}>
                  {n === undefined ? '—' : n}
                </Table.Td>
              </Table.Tr>
            );
          })}
          <Table.Tr>
            <Table.Td>
              <Text size="sm" c="dimmed">
                {ta('noTier')}
              </Text>
            </Table.Td>
            <Table.Td />
            <Table.Td ta="right" fw={600} data-testid="preview-count-none">
              {preview.counts ? (preview.counts[''] ?? 0) : '—'}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {dirty && (
        <Text size="xs" c="orange" mt="sm" data-testid="unsaved">
          {ta('editor.unsaved')}
        </Text>
      )}
    </Card>
  );
}
