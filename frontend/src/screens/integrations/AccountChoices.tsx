import { Alert, Button, Group, List, Radio, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconDownload } from '@tabler/icons-react';
import { MATCH_RULES, type ImportMode, type ImportReport, type MatchRule } from '../../api/integrations';
import { useIntT } from './i18n';

/** CURRENCIES are offered first; any ISO code the file names is read from the file. */
const CURRENCIES = ['EUR', 'USD', 'GBP', 'PLN', 'RUB', 'CHF', 'SEK', 'NOK', 'DKK', 'CZK', 'UAH', 'KZT'];

/** AccountMatchOptions picks how an accounts file finds existing accounts and the currency of its amounts. */
export function AccountMatchOptions({
  match,
  currency,
  onMatch,
  onCurrency,
}: {
  match: MatchRule;
  currency: string | null;
  onMatch: (m: MatchRule) => void;
  onCurrency: (c: string | null) => void;
}) {
  const { ta } = useIntT();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <Select
        label={ta('wizard.match')}
        description={ta('wizard.matchHint')}
        value={match}
        allowDeselect={false}
        data={MATCH_RULES.map((m) => ({ value: m, label: ta(`wizard.matchRules.${m}`) }))}
        onChange={(v) => v && onMatch(v as MatchRule)}
        data-testid="import-match"
      />
      <Select
        label={ta('wizard.currency')}
        description={ta('wizard.currencyHint')}
        placeholder={ta('wizard.currencyNone')}
        value={currency}
        clearable
        searchable
        data={CURRENCIES}
        onChange={onCurrency}
        data-testid="import-currency"
      />
    </SimpleGrid>
  );
}

/** ImportWarnings lists what the check found about whole columns. */
export function ImportWarnings({ report }: { report: ImportReport }) {
  const { ta } = useIntT();
  if (!report.warnings?.length) return null;
  return (
    <Alert color="yellow" icon={<IconAlertTriangle size={16} />} title={ta('dryRun.warningsTitle')} data-testid="dry-warnings">
      <List size="sm" spacing={4}>
        {report.warnings.map((w) => (
          <List.Item key={`${w.code}-${w.field}-${w.column}`}>
            {w.message}
            {w.values.length > 0 && w.code === 'unknown_code' ? ` (${w.values.join(', ')})` : ''}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** download saves text as a file through the browser. */
function download(text: string, name: string) {
  const url = URL.createObjectURL(new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** RejectedChoice lets the user import the valid rows and take the rejected ones away to fix. */
export function RejectedChoice({ report, mode, onMode, fileName }: { report: ImportReport; mode: ImportMode; onMode: (m: ImportMode) => void; fileName: string }) {
  const { ta } = useIntT();
  const valid = report.rows - report.rejected;
  return (
    <Stack gap="xs">
      <Radio.Group value={mode} onChange={(v) => onMode(v as ImportMode)} label={ta('dryRun.modeLabel')}>
        <Group mt={4}>
          <Radio value="all" label={ta('dryRun.modeAll')} data-testid="import-mode-all" />
          <Radio value="valid" label={ta('dryRun.modeValid')} disabled={valid <= 0} data-testid="import-mode-valid" />
        </Group>
      </Radio.Group>
      {mode === 'valid' && <Text size="sm">{ta('dryRun.validBody', { count: valid })}</Text>}
      <Group>
        <Button
          variant="light"
          leftSection={<IconDownload size={16} />}
          disabled={!report.rejected_csv}
          onClick={() => download(report.rejected_csv, fileName.replace(/\.csv$/i, '') + '-rejected.csv')}
          data-testid="import-download-rejected"
        >
          {ta('dryRun.downloadRejected')}
        </Button>
      </Group>
    </Stack>
  );
}
