import { useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useIntT } from './i18n';
import { formatBytes } from './format';

/** FileDrop takes a CSV file by drag-and-drop, click or keyboard. */
export function FileDrop({ file, onFile, error, testId = 'import-file' }: { file: File | null; onFile: (f: File) => void; error?: string; testId?: string }) {
  const { ta, lang } = useIntT();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const open = () => input.current?.click();
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) onFile(f);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open();
    }
  };
  const border = error ? 'var(--mantine-color-error)' : over ? 'var(--mantine-primary-color-filled)' : 'var(--mantine-color-default-border)';
  return (
    <div>
      <Paper
        role="button"
        tabIndex={0}
        onClick={open}
        onKeyDown={onKey}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        p="xl"
        radius="md"
        style={{ border: `2px dashed ${border}`, cursor: 'pointer', background: over ? 'var(--mantine-primary-color-light)' : undefined }}
        data-testid="import-drop"
      >
        <Group justify="center" gap="lg" wrap="nowrap">
          <ThemeIcon size={48} radius="xl" variant="light">
            {file ? <IconFileSpreadsheet size={26} /> : <IconUpload size={26} />}
          </ThemeIcon>
          <Stack gap={2}>
            {file ? (
              <>
                <Text fw={600} data-testid="import-file-name">
                  {file.name}
                </Text>
                <Text size="sm" c="dimmed">
                  {formatBytes(file.size, lang)} · {ta('wizard.dropReplace')}
                </Text>
              </>
            ) : (
              <>
                <Text fw={600}>{ta('wizard.dropTitle')}</Text>
                <Text size="sm" c="dimmed">
                  {ta('wizard.dropHint')}
                </Text>
              </>
            )}
          </Stack>
        </Group>
      </Paper>
      {error && (
        <Text size="xs" c="red" mt={4}>
          {error}
        </Text>
      )}
      <input
        ref={input}
        type="file"
        accept=".csv,.tsv,.txt,text/csv,text/plain"
        hidden
        data-testid={testId}
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          if (f) onFile(f);
          e.currentTarget.value = '';
        }}
      />
    </div>
  );
}
