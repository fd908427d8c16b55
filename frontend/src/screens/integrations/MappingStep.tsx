import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconDeviceFloppy, IconInfoCircle } from '@tabler/icons-react';
import { saveMapping, type AccountKey, type ImportKind, type Preview, type SavedMapping } from '../../api/integrations';
import { toApiError } from '../../api/errors';
import { notifySuccess } from '../../shell/notify';
import { useIntT } from './i18n';
import { delimiterKey } from './format';
import { duplicateColumns, mappingFieldErrors, missingRequired, sampleOf, savableMapping, type Mapping } from './mapping';

interface Props {
  kind: ImportKind;
  preview: Preview;
  fields: { field: string; required: boolean }[];
  mapping: Mapping;
  errors: Record<string, string>;
  onChange: (m: Mapping) => void;
  accountKey?: AccountKey;
  accountKeys: readonly AccountKey[];
  onAccountKey: (k: AccountKey) => void;
  onSaved: (m: SavedMapping) => void;
  /** values are the value tables edited after a check; they are saved with the mapping. */
  values?: Record<string, Record<string, string>>;
}

/** MappingStep pairs each ChurnDesk field with a column of the file. */
export function MappingStep({ kind, preview, fields, mapping, errors, onChange, accountKey, accountKeys, onAccountKey, onSaved, values }: Props) {
  const { ta } = useIntT();
  const [name, setName] = useState('');
  const [saveError, setSaveError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const missing = missingRequired(mapping, fields);
  const dupes = duplicateColumns(mapping);
  const columns = preview.header.filter((h) => h !== '').map((h) => ({ value: h, label: h }));

  const save = async () => {
    if (!name.trim()) {
      setSaveError(ta('mapping.nameRequired'));
      return;
    }
    setSaving(true);
    setSaveError(undefined);
    try {
      const hasValues = values !== undefined && Object.keys(values).length > 0;
      const m = await saveMapping({ name: name.trim(), kind, account_key: accountKey, mapping: savableMapping(mapping), ...(hasValues ? { values } : {}) });
      notifySuccess(ta('mapping.saved', { name: m.name }));
      onSaved(m);
    } catch (err) {
      const e = toApiError(err);
      const byField = mappingFieldErrors(e.fields);
      setSaveError(
        e.fields.name ??
          (Object.keys(byField).length ? Object.entries(byField).map(([f, msg]) => `${ta(`fields.${f}`)}: ${msg}`).join('; ') : e.message),
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Group gap="xs">
        <Badge variant="light" data-testid="detected-encoding">
          {ta('mapping.encoding', { encoding: preview.encoding.toUpperCase() })}
        </Badge>
        <Badge variant="light" color="grape" data-testid="detected-delimiter">
          {ta(`delimiters.${delimiterKey(preview.delimiter)}`)}
        </Badge>
        <Badge variant="light" color="gray">
          {ta('mapping.columns', { count: preview.header.length })}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed">
        {ta('mapping.intro')}
      </Text>
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="xs" data-testid="mapping-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="30%">{ta('mapping.field')}</Table.Th>
              <Table.Th w="40%">{ta('mapping.column')}</Table.Th>
              <Table.Th>{ta('mapping.example')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fields.map(({ field, required }) => (
              <Table.Tr key={field}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={required ? 600 : 400}>
                      {ta(`fields.${field}`)}
                    </Text>
                    {required && (
                      <Badge size="xs" variant="light" color="red">
                        {ta('mapping.required')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {field}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={ta(`fields.${field}`)}
                    placeholder={ta('mapping.none')}
                    data={columns}
                    value={mapping[field] || null}
                    clearable
                    clearButtonProps={{ 'aria-label': ta('mapping.clear', { field: ta(`fields.${field}`) }), ...{ 'data-testid': `map-${field}-clear` } }}
                    searchable
                    nothingFoundMessage={ta('mapping.noColumn')}
                    onChange={(v) => onChange({ ...mapping, [field]: v ?? '' })}
                    error={errors[field] ?? (mapping[field] && dupes.includes(mapping[field]) ? ta('mapping.usedTwice') : undefined)}
                    data-testid={`map-${field}`}
                  />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed" truncate maw={220}>
                    {mapping[field] ? sampleOf(preview.header, preview.sample, mapping[field]) || '—' : ''}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {accountKey && (
        <Select
          maw={360}
          label={ta('mapping.accountKey')}
          description={ta('mapping.accountKeyHint')}
          value={accountKey}
          allowDeselect={false}
          data={accountKeys.map((k) => ({ value: k, label: ta(`accountKeys.${k}`) }))}
          onChange={(v) => v && onAccountKey(v as AccountKey)}
          data-testid="import-account-key"
        />
      )}
      {missing.length > 0 && (
        <Alert color="yellow" icon={<IconInfoCircle size={16} />} data-testid="mapping-missing">
          {ta('mapping.missing', { fields: missing.map((f) => ta(`fields.${f}`)).join(', ') })}
        </Alert>
      )}
      {Object.keys(errors).length > 0 && (
        <Alert color="red" icon={<IconAlertTriangle size={16} />}>
          {ta('mapping.serverErrors')}
        </Alert>
      )}
      <Paper withBorder p="sm" radius="md">
        <Group align="flex-end" gap="sm">
          <TextInput
            style={{ flex: 1 }}
            label={ta('mapping.saveAs')}
            description={ta('mapping.saveHint')}
            placeholder={ta('mapping.namePlaceholder')}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              setSaveError(undefined);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void save();
            }}
            error={saveError}
            data-testid="mapping-name"
          />
          <Button variant="light" leftSection={<IconDeviceFloppy size={16} />} onClick={save} loading={saving} data-testid="mapping-save">
            {ta('mapping.save')}
          </Button>
        </Group>
      </Paper>
    </>
  );
}
