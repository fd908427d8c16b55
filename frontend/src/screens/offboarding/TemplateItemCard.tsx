import { ActionIcon, Badge, Card, Group, NumberInput, Select, Stack, Switch, Text, TextInput, Textarea, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { OWNER_ROLES, type LetterLang, type OffboardingItemTemplate, type OwnerRole } from '../../api/offboarding';
import { missingLangs, textIn } from './logic';
import { useOffT } from './i18n';

/** TemplateItemCardProps are one step of a checklist template, at place ii of count, edited in language edit. */
export interface TemplateItemCardProps {
  it: OffboardingItemTemplate;
  ii: number;
  count: number;
  edit: LetterLang;
  /** p is the step's path in the settings, for the server's field errors. */
  p: string;
  err: (path: string) => string | undefined;
  textErr: (path: string) => string | undefined;
  onChange: (patch: Partial<OffboardingItemTemplate>) => void;
  onText: (field: 'title' | 'guidance', value: string) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

/** TemplateItemCard edits one step of a checklist template: title and guidance in each language, owner role, due day and whether it is required. */
export function TemplateItemCard({ it, ii, count, edit, p, err, textErr, onChange, onText, onMove, onRemove }: TemplateItemCardProps) {
  const { ta } = useOffT();
  const missing = missingLangs(it.title);
  return (
    <Card withBorder padding="sm" data-testid={`template-item-${ii}`}>
      <Group align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={2} align="center" pt={4}>
          <Text size="sm" fw={700} c="dimmed">
            {ii + 1}
          </Text>
          <ActionIcon variant="subtle" color="gray" size="sm" disabled={ii === 0} onClick={() => onMove(-1)} aria-label={ta('templates.up')} data-testid={`template-item-up-${ii}`}>
            <IconArrowUp size={14} />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            disabled={ii === count - 1}
            onClick={() => onMove(1)}
            aria-label={ta('templates.down')}
            data-testid={`template-item-down-${ii}`}
          >
            <IconArrowDown size={14} />
          </ActionIcon>
        </Stack>
        <Stack gap="xs" style={{ flex: 1 }}>
          <TextInput
            label={ta('templates.itemTitle')}
            value={it.title[edit]}
            placeholder={edit !== 'en' ? textIn(it.title, 'en') : undefined}
            onChange={(e) => onText('title', e.currentTarget.value)}
            error={textErr(`${p}.title`)}
            rightSectionWidth={80}
            rightSection={
              missing.length > 0 && !missing.includes(edit) ? (
                <Tooltip label={ta('templates.missingLangs', { langs: missing.map((l) => ta(`langs.${l}`)).join(', ') })}>
                  <Badge size="xs" color="yellow" variant="light">
                    {missing.join(' ').toUpperCase()}
                  </Badge>
                </Tooltip>
              ) : undefined
            }
            data-testid={`template-item-title-${ii}`}
          />
          <Textarea
            label={ta('templates.guidance')}
            autosize
            minRows={1}
            maxRows={5}
            value={it.guidance[edit]}
            placeholder={edit !== 'en' ? textIn(it.guidance, 'en') : undefined}
            onChange={(e) => onText('guidance', e.currentTarget.value)}
            error={textErr(`${p}.guidance`)}
            data-testid={`template-item-guidance-${ii}`}
          />
          <Group align="flex-start" gap="sm">
            <Select
              label={ta('templates.role')}
              data={OWNER_ROLES.map((r) => ({ value: r, label: ta(`roles.${r}`) }))}
              value={it.owner_role}
              onChange={(v) => v && onChange({ owner_role: v as OwnerRole })}
              allowDeselect={false}
              w={160}
              error={err(`${p}.owner_role`)}
              data-testid={`template-item-role-${ii}`}
            />
            <NumberInput
              label={ta('templates.dueDays')}
              description={ta('templates.dueDaysHint')}
              value={it.due_days}
              onChange={(v) => onChange({ due_days: typeof v === 'number' ? v : Number(v) || 0 })}
              min={-90}
              max={730}
              allowDecimal={false}
              w={200}
              error={err(`${p}.due_days`)}
              data-testid={`template-item-due-${ii}`}
            />
            <Switch
              mt={30}
              label={ta('templates.required')}
              checked={it.required}
              onChange={(e) => onChange({ required: e.currentTarget.checked })}
              data-testid={`template-item-required-${ii}`}
            />
          </Group>
          {err(`${p}.key`) && (
            <Text size="xs" c="red">
              {err(`${p}.key`)}
            </Text>
          )}
        </Stack>
        <Tooltip label={ta('templates.removeItem')}>
          <ActionIcon variant="subtle" color="red" onClick={onRemove} aria-label={ta('templates.removeItem')} data-testid={`template-item-remove-${ii}`}>
            <IconTrash size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Card>
  );
}
