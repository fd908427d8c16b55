import { Alert, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconHistory, IconRefresh, IconUsers } from '@tabler/icons-react';
import type { ImportKind, ImportReport } from '../../api/integrations';
import { formatNumber } from '../../format/money';
import { useIntT } from './i18n';
import { Stat } from './Stat';

/** ResultStep tells what an import did and what to do next. */
export function ResultStep({
  report,
  kind,
  fileName,
  onAnother,
  onHistory,
  onAccounts,
}: {
  report: ImportReport;
  kind: ImportKind;
  fileName: string;
  onAnother: () => void;
  onHistory: () => void;
  onAccounts: () => void;
}) {
  const { ta, lang } = useIntT();
  const counted = kind === 'accounts' || kind === 'contacts';
  return (
    <Stack data-testid="import-result">
      <Alert color="teal" icon={<IconCircleCheck size={18} />} title={ta('result.title')}>
        <Text size="sm">{ta('result.body', { count: report.written, file: fileName, kind: ta(`kinds.${kind}`) })}</Text>
      </Alert>
      <SimpleGrid cols={{ base: 2, sm: counted ? 4 : 2 }}>
        {counted ? (
          <>
            <Stat label={ta('result.created')} value={formatNumber(report.created, lang)} color="teal" testId="result-created" />
            <Stat label={ta('result.updated')} value={formatNumber(report.updated, lang)} color="blue" testId="result-updated" />
            <Stat label={ta('result.unchanged')} value={formatNumber(report.unchanged, lang)} testId="result-unchanged" />
          </>
        ) : null}
        <Stat label={ta('result.written')} value={formatNumber(report.written, lang)} testId="result-written" />
        {!counted && <Stat label={ta('dryRun.rows')} value={formatNumber(report.rows, lang)} />}
      </SimpleGrid>
      <Group>
        <Button leftSection={<IconRefresh size={16} />} onClick={onAnother} data-testid="import-another">
          {ta('result.another')}
        </Button>
        <Button variant="default" leftSection={<IconHistory size={16} />} onClick={onHistory}>
          {ta('result.history')}
        </Button>
        {(kind === 'accounts' || kind === 'contacts') && (
          <Button variant="default" leftSection={<IconUsers size={16} />} onClick={onAccounts}>
            {ta('result.accounts')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
