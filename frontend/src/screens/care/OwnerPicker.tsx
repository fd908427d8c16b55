import { useState } from 'react';
import { ActionIcon, Button, Group, Popover, Select, Stack, Text, Tooltip } from '@mantine/core';
import { IconUserShare } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCareT } from './i18n';

/** OwnerPickerProps: the known owners, the task's current owner, and what a choice does. */
export interface OwnerPickerProps {
  owners: string[];
  current: string;
  onPick: (owner: string) => void | Promise<void>;
}

/**
 * OwnerPicker reassigns a task to one of the team's known owners. Opening
 * it puts focus in the search field; typing filters the owners, Enter picks
 * the highlighted one and a second Enter submits; Esc closes it.
 */
export function OwnerPicker({ owners, current, onPick }: OwnerPickerProps) {
  const { t } = useTranslation();
  const { ta } = useCareT();
  const [opened, setOpened] = useState(false);
  const [owner, setOwner] = useState<string | null>(null);
  const choices = owners.filter((o) => o !== current);
  const submit = async () => {
    if (!owner) return;
    await onPick(owner);
    setOpened(false);
    setOwner(null);
  };
  return (
    <Popover opened={opened} onChange={setOpened} trapFocus returnFocus closeOnEscape position="bottom-end" shadow="md" withinPortal>
      <Popover.Target>
        <Tooltip label={t('today.reassign')}>
          <ActionIcon variant="light" aria-label={t('today.reassign')} onClick={() => setOpened((o) => !o)} data-testid="reassign">
            <IconUserShare size={16} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpened(false);
          }}
        >
          <Stack gap={6}>
            {choices.length === 0 && (
              <Text size="xs" c="dimmed" maw={220}>
                {ta('noOwners')}
              </Text>
            )}
            <Group gap={4} wrap="nowrap" align="flex-end">
              <Select
                size="xs"
                w={200}
                data-autofocus
                searchable
                selectFirstOptionOnChange
                placeholder={ta('pickOwner')}
                aria-label={ta('pickOwner')}
                data={choices}
                value={owner}
                onChange={setOwner}
                comboboxProps={{ withinPortal: false }}
                onKeyDown={pickOnEnter}
                allowDeselect={false}
                data-testid="owner-picker"
              />
              <Button size="xs" type="submit" disabled={!owner} data-testid="reassign-submit">
                {t('today.reassign')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}

/**
 * pickOnEnter makes Enter in the open list pick the highlighted owner, or
 * the first match when none is highlighted yet (right after typing, while
 * the matches are redrawn). The list's own Enter handling can miss its
 * option while the dropdown is being redrawn; picking the same owner twice
 * changes nothing, as deselecting is off.
 */
function pickOnEnter(e: React.KeyboardEvent<HTMLInputElement>) {
  if (e.key !== 'Enter' || e.currentTarget.getAttribute('aria-expanded') !== 'true') return;
  const form = e.currentTarget.closest('form');
  const option = form?.querySelector<HTMLElement>('[data-combobox-selected]') ?? form?.querySelector<HTMLElement>('[data-combobox-option]');
  if (!option) return;
  e.preventDefault();
  option.click();
}
