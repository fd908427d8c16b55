import { useState } from 'react';
import { Alert, Badge, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import type { ImportKind, ImportReport, RowError } from '../../api/integrations';
import { formatNumber } from '../../format/money';
import { useIntT } from './i18n';
import { FileDrop } from './FileDrop';
import { delimiterKey } from './format';
import { Stat } from './Stat';
import { ImportWarnings } from './AccountChoices';

const PAGE = 20;

/** DryRunStep shows what a check found: format, counts and every bad row. */
export function DryRunStep({ report, kind, onReplace, busy }: { report: ImportReport; kind: ImportKind; onReplace: (f: File) => void; busy: boolean }) {
  const { ta, lang } = useIntT();
  const [page, setPage] = useState(1);
  const bad = report.errors.length > 0;
  const badRows = new Set(report.errors.map((e) => e.row)).size;
  const counted = kind === 'accounts' || kind === 'contacts';
  const records = report.errors.slice((page - 1) * PAGE, page * PAGE).map((e, i) => ({ ...e, key: `${(page - 1) * PAGE + i}` }));
  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, sm: counted && !bad ? 6 : 4 }}>
        <Stat label={ta('dryRun.encoding')} value={report.encoding.toUpperCase()} testId="dry-encoding" />
        <Stat label={ta('dryRun.delimiter')} value={ta(`delimiters.${delimiterKey(report.delimiter)}`)} testId="dry-delimiter" />
        <Stat label={ta('dryRun.rows')} value={formatNumber(report.rows, lang)} testId="dry-rows" />
        <Stat label={ta('dryRun.badRows')} value={formatNumber(badRows, lang)} color={bad ? 'red' : 'teal'} testId="dry-bad" />
        {counted && !bad && (
          <>
            <Stat label={ta('dryRun.willCreate')} value={formatNumber(report.created, lang)} testId="dry-created" />
            <Stat label={ta('dryRun.willUpdate')} value={`${formatNumber(report.updated, lang)} / ${formatNumber(report.unchanged, lang)}`} hint={ta('dryRun.updateHint')} testId="dry-updated" />
          </>
        )}
      </SimpleGrid>
      {kind === 'accounts' && (
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          {bad && (
            <>
              <Stat label={ta('dryRun.actions.create')} value={formatNumber(report.created, lang)} testId="dry-create" />
              <Stat label={ta('dryRun.actions.update')} value={`${formatNumber(report.updated, lang)} / ${formatNumber(report.unchanged, lang)}`} testId="dry-update" />
            </>
          )}
          <Stat label={ta('dryRun.actions.rejected')} value={formatNumber(report.rejected, lang)} testId="dry-rejected" />
          <Stat label={ta('dryRun.matching')} value={`${formatNumber(report.matched, lang)} / ${formatNumber(report.ambiguous, lang)} / ${formatNumber(report.new, lang)}`} testId="dry-matching" />
        </SimpleGrid>
      )}
      <ImportWarnings report={report} />
      {bad ? (
        <>
          <Alert color="red" icon={<IconAlertTriangle size={16} />} title={ta('dryRun.badTitle', { count: badRows })} data-testid="dry-bad-alert">
            {ta('dryRun.badBody')}
          </Alert>
          <DataTable<RowError & { key: string }>
            idAccessor="key"
            withTableBorder
            borderRadius="md"
            striped
            records={records}
            totalRecords={report.errors.length}
            recordsPerPage={PAGE}
            page={page}
            onPageChange={setPage}
            paginationText={({ from, to, totalRecords }) => ta('history.pagination', { from, to, total: totalRecords })}
            data-testid="dry-errors"
            columns={[
              { accessor: 'row', title: ta('dryRun.row'), width: 90, textAlign: 'right', render: (e) => (e.row ? formatNumber(e.row, lang) : '—') },
              {
                accessor: 'column',
                title: ta('dryRun.column'),
                width: 220,
                render: (e) =>
                  e.column ? (
                    <Badge variant="light" color="gray" tt="none">
                      {e.column}
                    </Badge>
                  ) : (
                    '—'
                  ),
              },
              { accessor: 'message', title: ta('dryRun.reason') },
            ]}
          />
          <Text size="sm" fw={500}>
            {ta('dryRun.replaceTitle')}
          </Text>
          {!busy && <FileDrop file={null} onFile={onReplace} testId="import-replace-file" />}
        </>
      ) : (
        <Alert color="teal" icon={<IconCircleCheck size={16} />} title={ta('dryRun.okTitle')} data-testid="dry-ok">
          <Group gap="xs">
            <Text size="sm">{report.rows === 0 ? ta('dryRun.emptyFile') : ta('dryRun.okBody', { count: report.rows })}</Text>
          </Group>
        </Alert>
      )}
    </Stack>
  );
}
