import { useState } from 'react';
import { ActionIcon, Autocomplete, Badge, Box, Button, Checkbox, Group, Popover, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { IconNote, IconTrash, IconUser } from '@tabler/icons-react';
import { deleteItem, updateItem, type OffboardingChecklist, type OffboardingItem } from '../../api/offboarding';
import { fieldErrorsFor, toApiError } from '../../api/errors';
import { formatDate } from '../../format/money';
import { useConfirm } from '../../shell/modals';
import { notifyError } from '../../shell/notify';
import { isOverdue } from './logic';
import { DueText, RoleBadge } from './parts';
import { useOffT } from './i18n';
import { FormFooter } from '../../shell/FormFooter';

/** ItemRow is one checklist step: tick, owner, due day, notes, remove. */
export function ItemRow({
  item,
  today,
  owners,
  first,
  onChanged,
}: {
  item: OffboardingItem;
  today: string;
  owners: string[];
  first: boolean;
  onChanged: (c: OffboardingChecklist) => void;
}) {
  const { ta, t, lang } = useOffT();
  const confirm = useConfirm();
  const [saving, setSaving] = useState(false);
  // ticking shows at once; the server's answer replaces it (or a failure reverts it).
  const [ticked, setTicked] = useState<boolean | null>(null);
  const [ownerOpen, setOwnerOpen] = useState(false);
  const [owner, setOwner] = useState(item.owner);
  const [ownerErr, setOwnerErr] = useState<string>();
  const [notesOpen, setNotesOpen] = useState(false);
  const [notes, setNotes] = useState(item.notes);
  const [notesErr, setNotesErr] = useState<string>();
  const overdue = isOverdue(item, today);

  const patch = async (u: Parameters<typeof updateItem>[1], onError?: (fields: { owner?: string; notes?: string }) => void) => {
    setSaving(true);
    try {
      onChanged(await updateItem(item.id, u));
      return true;
    } catch (err) {
      const e = toApiError(err);
      if (onError && e.hasFieldErrors) onError(fieldErrorsFor(e, ['owner', 'notes'] as const).errors);
      notifyError(ta('item.saveFailed'), err);
      return false;
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    const ok = await confirm({
      title: ta('item.removeTitle'),
      body: ta('item.removeBody', { title: item.title }),
      confirmLabel: ta('item.remove'),
      danger: true,
    });
    if (!ok) return;
    try {
      onChanged(await deleteItem(item.id));
    } catch (err) {
      notifyError(ta('item.removeFailed'), err);
    }
  };

  const saveOwner = async () => {
    setOwnerErr(undefined);
    if (await patch({ owner }, (f) => setOwnerErr(f.owner))) setOwnerOpen(false);
  };
  const saveNotes = async () => {
    setNotesErr(undefined);
    if (await patch({ notes }, (f) => setNotesErr(f.notes))) setNotesOpen(false);
  };

  return (
    <Box
      px="md"
      py="sm"
      style={{ borderTop: first ? undefined : '1px solid var(--mantine-color-default-border)' }}
      data-testid={`item-${item.id}`}
      data-done={item.done ? 'true' : 'false'}
      data-key={item.key}
    >
      <Group align="flex-start" wrap="nowrap" gap="sm">
        <Checkbox
          mt={3}
          checked={ticked ?? item.done}
          disabled={saving}
          onChange={(e) => {
            const done = e.currentTarget.checked;
            setTicked(done);
            patch({ done }).finally(() => setTicked(null));
          }}
          aria-label={item.title}
          data-testid={`item-done-${item.id}`}
        />
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="xs" wrap="wrap">
            <Text fw={600} size="sm" td={item.done ? 'line-through' : undefined} c={item.done ? 'dimmed' : undefined} data-testid={`item-title-${item.id}`}>
              {item.title}
            </Text>
            {item.required && (
              <Badge size="xs" variant="outline" color="orange" data-testid={`item-required-${item.id}`}>
                {ta('item.required')}
              </Badge>
            )}
          </Group>
          {item.guidance && (
            <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
              {item.guidance}
            </Text>
          )}
          {item.done && item.done_at && (
            <Text size="xs" c="teal" data-testid={`item-done-by-${item.id}`}>
              {item.done_by ? ta('item.doneBy', { who: item.done_by, date: formatDate(item.done_at, lang) }) : ta('item.doneOn', { date: formatDate(item.done_at, lang) })}
            </Text>
          )}
          {item.notes && !notesOpen && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', borderLeft: '3px solid var(--mantine-color-yellow-5)', paddingLeft: 8 }} data-testid={`item-notes-${item.id}`}>
              {item.notes}
            </Text>
          )}
          {notesOpen && (
            <Stack gap={6}>
              <Textarea
                autosize
                minRows={2}
                maxRows={8}
                value={notes}
                onChange={(e) => setNotes(e.currentTarget.value)}
                placeholder={ta('item.notesPlaceholder')}
                error={notesErr}
                data-autofocus
                autoFocus
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) saveNotes();
                  if (e.key === 'Escape') setNotesOpen(false);
                }}
                data-testid={`item-notes-input-${item.id}`}
              />
              <FormFooter size="xs" submitLabel={t('common.save')} onSubmit={saveNotes} onCancel={() => setNotesOpen(false)} saving={saving} submitTestId={`item-notes-save-${item.id}`} />
            </Stack>
          )}
        </Stack>
        <Group gap="sm" wrap="nowrap" align="center">
          <RoleBadge role={item.owner_role} />
          <Popover opened={ownerOpen} onChange={setOwnerOpen} position="bottom-end" withArrow trapFocus shadow="md">
            <Popover.Target>
              <Button
                size="compact-sm"
                variant="subtle"
                color={item.owner ? undefined : 'gray'}
                leftSection={<IconUser size={14} />}
                onClick={() => {
                  setOwner(item.owner);
                  setOwnerErr(undefined);
                  setOwnerOpen((o) => !o);
                }}
                data-testid={`item-owner-${item.id}`}
                w={150}
                justify="flex-start"
              >
                <Text size="sm" truncate>
                  {item.owner || ta('item.unassigned')}
                </Text>
              </Button>
            </Popover.Target>
            <Popover.Dropdown>
              <Stack gap="xs" w={240}>
                <Autocomplete
                  label={ta('item.owner')}
                  data={owners}
                  value={owner}
                  onChange={setOwner}
                  error={ownerErr}
                  placeholder={ta('item.ownerPlaceholder')}
                  onKeyDown={(e) => e.key === 'Enter' && saveOwner()}
                  comboboxProps={{ withinPortal: false }}
                  data-testid={`item-owner-input-${item.id}`}
                />
                <FormFooter size="xs" submitLabel={ta('item.assign')} onSubmit={saveOwner} onCancel={() => setOwnerOpen(false)} saving={saving} submitTestId={`item-owner-save-${item.id}`} />
              </Stack>
            </Popover.Dropdown>
          </Popover>
          <Box miw={112}>
            <DueText day={item.due_on} today={today} overdue={overdue} done={item.done} testId={`item-due-${item.id}`} />
          </Box>
          <Tooltip label={ta('item.note')}>
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={() => {
                setNotes(item.notes);
                setNotesErr(undefined);
                setNotesOpen((o) => !o);
              }}
              aria-label={ta('item.note')}
              data-testid={`item-note-${item.id}`}
            >
              <IconNote size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={ta('item.remove')}>
            <ActionIcon variant="subtle" color="red" onClick={remove} aria-label={ta('item.remove')} data-testid={`item-remove-${item.id}`}>
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
    </Box>
  );
}
