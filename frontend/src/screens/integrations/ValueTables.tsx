import { useState } from 'react';
import { Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import type { ImportReport } from '../../api/integrations';
import { useIntT } from './i18n';

/** ValueTable is field (industry, status) → the file's code → what ChurnDesk stores. */
export type ValueTable = Record<string, Record<string, string>>;

/** STATUSES are what an account's status can be. */
const STATUSES = ['trial', 'onboarding', 'active', 'churned'] as const;

/** unknownCodes lists, per field, the codes the check found without a translation. */
export function unknownCodes(report: ImportReport): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const w of report.warnings ?? []) {
    if (w.code === 'unknown_code' && w.values.length > 0) out[w.field] = [...(out[w.field] ?? []), ...w.values];
  }
  return out;
}

/** withEntry returns table with code translated to value in field (a blank value removes the entry). */
export function withEntry(table: ValueTable, field: string, code: string, value: string): ValueTable {
  const entries: Record<string, string> = { ...(table[field] ?? {}) };
  if (value.trim() === '') delete entries[code];
  else entries[code] = value;
  const next = { ...table, [field]: entries };
  if (Object.keys(entries).length === 0) delete next[field];
  return next;
}

/** trimmed returns table with every stored value trimmed, as it is sent. */
export function trimmed(table: ValueTable): ValueTable {
  return Object.fromEntries(Object.entries(table).map(([f, t]) => [f, Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.trim()]))]));
}

/**
 * ValueTablesCard lets the user translate the codes a check found untranslated
 * (HubSpot's FOOD_PRODUCTION, a CRM's own status words) and check the file
 * again with them; the tables are saved with the mapping when it is saved.
 */
export function ValueTablesCard({ report, values, onApply, busy }: { report: ImportReport; values: ValueTable; onApply: (v: ValueTable) => void; busy: boolean }) {
  const { ta } = useIntT();
  const unknown = unknownCodes(report);
  const [draft, setDraft] = useState<ValueTable>(values);
  const fields = Object.keys(unknown).filter((f) => f === 'industry' || f === 'status');
  if (fields.length === 0) return null;
  const codesOf = (f: string) => [...new Set([...(unknown[f] ?? []), ...Object.keys(values[f] ?? {})])];
  const changed = JSON.stringify(draft) !== JSON.stringify(values);
  return (
    <Card withBorder data-testid="value-tables">
      <Stack gap="sm">
        <div>
          <Title order={4}>{ta('valueTables.title')}</Title>
          <Text size="sm" c="dimmed">
            {ta('valueTables.hint')}
          </Text>
        </div>
        {fields.map((f) => (
          <Table key={f} withTableBorder verticalSpacing={4} data-testid={`value-table-${f}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="40%">{ta('valueTables.code', { field: ta(`fields.${f}`) })}</Table.Th>
                <Table.Th>{ta('valueTables.stored')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {codesOf(f).map((code) => (
                <Table.Tr key={code}>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {code}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {f === 'status' ? (
                      <Select
                        size="xs"
                        aria-label={ta('valueTables.storedFor', { code })}
                        placeholder={ta('valueTables.reject')}
                        clearable
                        value={draft.status?.[code] ?? null}
                        data={STATUSES.map((s) => ({ value: s, label: ta(`valueTables.statuses.${s}`) }))}
                        onChange={(v) => setDraft(withEntry(draft, f, code, v ?? ''))}
                        data-testid={`value-${f}-${code}`}
                      />
                    ) : (
                      <TextInput
                        size="xs"
                        aria-label={ta('valueTables.storedFor', { code })}
                        placeholder={ta('valueTables.keep')}
                        value={draft[f]?.[code] ?? ''}
                        onChange={(e) => setDraft(withEntry(draft, f, code, e.currentTarget.value))}
                        data-testid={`value-${f}-${code}`}
                      />
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ))}
        <Group justify="flex-end">
          <Button variant="light" leftSection={<IconRefresh size={16} />} disabled={!changed || busy} onClick={() => onApply(trimmed(draft))} data-testid="value-tables-apply">
            {ta('valueTables.apply')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
