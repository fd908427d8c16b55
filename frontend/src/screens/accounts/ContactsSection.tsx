import { useState } from 'react';
import { ActionIcon, Badge, Button, Card, Group, Modal, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { createContact, deleteContact, listContacts, updateContact } from '../../api/contacts';
import { fieldErrorsFor, toApiError } from '../../api/errors';
import { useApi } from '../../api/useApi';
import { ROLES, type Contact, type ContactInput } from '../../api/types';
import { useConfirm } from '../../shell/modals';
import { ErrorNotice } from '../../shell/Page';
import { notifyError, notifySuccess } from '../../shell/notify';
import { FormFooter } from '../../shell/FormFooter';

const FIELDS = ['name', 'email', 'role', 'phone'] as const;

function ContactForm({ accountId, contact, onClose, onSaved }: { accountId: number; contact?: Contact; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [saving, setSaving] = useState(false);
  const form = useForm<ContactInput>({
    initialValues: { name: contact?.name ?? '', email: contact?.email ?? '', role: contact?.role ?? 'champion', phone: contact?.phone ?? '' },
    validate: {
      name: (v) => (v.trim() ? null : t('form.required')),
      email: (v) => (/^\S+@\S+\.\S+$/.test(v) ? null : t('form.invalidEmail')),
    },
  });
  const submit = form.onSubmit(async (values) => {
    setSaving(true);
    try {
      const saved = contact ? await updateContact(contact.id, values) : await createContact(accountId, values);
      notifySuccess(t(contact ? 'contacts.updated' : 'contacts.created', { name: saved.name }));
      onSaved();
    } catch (err) {
      const { errors } = fieldErrorsFor(toApiError(err), FIELDS);
      form.setErrors(errors);
      if (Object.keys(errors).length === 0) notifyError(t('contacts.saveFailed'), err);
    } finally {
      setSaving(false);
    }
  });
  return (
    <Modal opened onClose={onClose} title={t(contact ? 'contacts.editTitle' : 'contacts.newTitle')} data-testid="contact-form">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label={t('contacts.fields.name')} withAsterisk {...form.getInputProps('name')} data-testid="contact-name" />
          <TextInput label={t('contacts.fields.email')} withAsterisk {...form.getInputProps('email')} data-testid="contact-email" />
          <Select label={t('contacts.fields.role')} data={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} allowDeselect={false} {...form.getInputProps('role')} />
          <TextInput label={t('contacts.fields.phone')} {...form.getInputProps('phone')} />
          <FormFooter submitLabel={t('common.save')} onCancel={onClose} saving={saving} submitTestId="contact-submit" />
        </Stack>
      </form>
    </Modal>
  );
}

/** ContactsSection lists an account's contacts with add, edit and delete. */
export function ContactsSection({ accountId, onChanged }: { accountId: number; onChanged: () => void }) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const list = useApi(() => listContacts(accountId, { limit: 200 }), [accountId]);
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const saved = () => {
    setEditing(null);
    list.reload();
    onChanged();
  };
  const remove = async (c: Contact) => {
    const ok = await confirm({ title: t('contacts.deleteTitle', { name: c.name }), body: t('contacts.deleteBody'), confirmLabel: t('common.delete'), danger: true });
    if (!ok) return;
    try {
      await deleteContact(c.id);
      notifySuccess(t('contacts.deleted', { name: c.name }));
      saved();
    } catch (err) {
      notifyError(t('contacts.saveFailed'), err);
    }
  };
  return (
    <Card>
      <Group justify="space-between" mb="sm">
        <Title order={5}>{t('contacts.title')}</Title>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')} data-testid="add-contact">
          {t('contacts.add')}
        </Button>
      </Group>
      {list.error && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {list.data && list.data.items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('contacts.empty')}
        </Text>
      )}
      {list.data && list.data.items.length > 0 && (
        <Table verticalSpacing="xs" data-testid="contacts-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('contacts.fields.name')}</Table.Th>
              <Table.Th>{t('contacts.fields.role')}</Table.Th>
              <Table.Th>{t('contacts.fields.email')}</Table.Th>
              <Table.Th>{t('contacts.fields.phone')}</Table.Th>
              <Table.Th w={80} aria-label={t('contacts.actions')} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td fw={500}>{c.name}</Table.Td>
                <Table.Td>
                  <Badge variant="light">{t(`role.${c.role}`)}</Badge>
                </Table.Td>
                <Table.Td>{c.email}</Table.Td>
                <Table.Td>{c.phone}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <ActionIcon variant="subtle" aria-label={t('common.edit')} onClick={() => setEditing(c)}>
                      <IconPencil size={16} />
                    </ActionIcon>
                    <ActionIcon variant="subtle" color="red" aria-label={t('common.delete')} onClick={() => remove(c)}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && <ContactForm accountId={accountId} contact={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} onSaved={saved} />}
    </Card>
  );
}
