import { useEffect, useState } from 'react';
import { Autocomplete, Checkbox, Group, Modal, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { addItem, OWNER_ROLES, type OffboardingChecklist, type OwnerRole } from '../../api/offboarding';
import { fieldErrorsFor, toApiError } from '../../api/errors';
import { notifyError, notifySuccess } from '../../shell/notify';
import { addDays, isoDay } from './logic';
import { useOffT } from './i18n';
import { DateField } from '../../shell/DateField';
import { FormFooter } from '../../shell/FormFooter';

const FIELDS = ['title', 'guidance', 'owner_role', 'owner', 'due_on', 'required'] as const;
type Field = (typeof FIELDS)[number];

/** AddItemModal adds a step of one's own to a checklist. */
export function AddItemModal({
  opened,
  checklist,
  owners,
  onClose,
  onAdded,
}: {
  opened: boolean;
  checklist: OffboardingChecklist;
  owners: string[];
  onClose: () => void;
  onAdded: (c: OffboardingChecklist) => void;
}) {
  const { ta } = useOffT();
  const [title, setTitle] = useState('');
  const [guidance, setGuidance] = useState('');
  const [role, setRole] = useState<OwnerRole>('csm');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [required, setRequired] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!opened) return;
    setTitle('');
    setGuidance('');
    setRole('csm');
    setOwner('');
    setDue(addDays(isoDay(new Date()), 7));
    setRequired(false);
    setErrors({});
  }, [opened]);

  const submit = async () => {
    const local: Partial<Record<Field, string>> = {};
    if (!title.trim()) local.title = ta('add.titleRequired');
    if (!due) local.due_on = ta('add.dueRequired');
    setErrors(local);
    if (Object.keys(local).length) return;
    setSaving(true);
    try {
      const c = await addItem(checklist.id, { title: title.trim(), guidance, owner_role: role, owner: owner.trim(), due_on: due, required });
      onAdded(c);
      notifySuccess(ta('add.added'));
      onClose();
    } catch (err) {
      const e = toApiError(err);
      setErrors(fieldErrorsFor(e, FIELDS).errors);
      notifyError(ta('add.failed'), err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={ta('add.title')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        data-testid="add-item-form"
      >
        <Stack gap="sm">
          <TextInput label={ta('add.stepTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} required data-autofocus data-testid="add-title" />
          <Textarea label={ta('add.guidance')} autosize minRows={2} value={guidance} onChange={(e) => setGuidance(e.currentTarget.value)} error={errors.guidance} data-testid="add-guidance" />
          <Group grow align="flex-start">
            <Select
              label={ta('add.role')}
              data={OWNER_ROLES.map((r) => ({ value: r, label: ta(`roles.${r}`) }))}
              value={role}
              onChange={(v) => v && setRole(v as OwnerRole)}
              allowDeselect={false}
              error={errors.owner_role}
              data-testid="add-role"
            />
            <Autocomplete label={ta('add.owner')} data={owners} value={owner} onChange={setOwner} error={errors.owner} placeholder={ta('item.ownerPlaceholder')} data-testid="add-owner" />
            <DateField label={ta('add.due')} value={due} onChange={(v) => setDue(v)} error={errors.due_on} required data-testid="add-due" />
          </Group>
          <Checkbox label={ta('add.required')} description={ta('add.requiredHint')} checked={required} onChange={(e) => setRequired(e.currentTarget.checked)} data-testid="add-required" />
          <FormFooter mt="sm" submitLabel={ta('add.submit')} onCancel={onClose} saving={saving} submitTestId="add-submit" />
        </Stack>
      </form>
    </Modal>
  );
}
