import { Checkbox, Group, Paper, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { KEEPABLE_SECTIONS } from '../../deck/build';
import { sectionTitle } from './sectionTitle';
import type { QbrFormValues } from './form';
import { useQbrT } from './i18n';

/**
 * KeepSections is the editor's "keep even if empty" control: one checkbox
 * per section that can be empty. The choice is saved with the report and
 * the deck, the PDF and the agenda all follow it.
 */
export function KeepSections({ form }: { form: UseFormReturnType<QbrFormValues> }) {
  const { ta, lang } = useQbrT();
  return (
    <Paper withBorder p="sm" mt="md">
      <Checkbox.Group label={ta('keep.title')} description={ta('keep.hint')} {...form.getInputProps('keep')} data-testid="qbr-keep">
        <Group gap="md" mt="xs">
          {KEEPABLE_SECTIONS.map((k) => (
            <Checkbox key={k} value={k} label={<Text size="sm">{sectionTitle(k, lang)}</Text>} data-testid={`qbr-keep-${k}`} />
          ))}
        </Group>
      </Checkbox.Group>
    </Paper>
  );
}
