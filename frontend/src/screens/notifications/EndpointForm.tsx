import { useState } from 'react';
import { Checkbox, Modal, Select, Stack, Switch, TextInput } from '@mantine/core';
import { EVENT_TYPES, createEndpoint, updateEndpoint, type Endpoint, type EndpointInput, type EndpointSaved, type EventType, type MessageFormat } from '../../api/notifications';
import { fieldErrorsFor, toApiError } from '../../api/errors';
import { notifyError } from '../../shell/notify';
import { useNotifyT } from './i18n';
import { FormFooter } from '../../shell/FormFooter';

const FIELDS = ['name', 'url', 'format', 'events', 'secret'] as const;
type Field = (typeof FIELDS)[number];

/** EndpointForm adds an endpoint or changes one (endpoint given); onSaved gets what the server saved. */
export function EndpointForm({ endpoint, onClose, onSaved }: { endpoint?: Endpoint; onClose: () => void; onSaved: (saved: EndpointSaved) => void }) {
  const { ta } = useNotifyT();
  const [name, setName] = useState(endpoint?.name ?? '');
  const [url, setUrl] = useState(endpoint?.url ?? '');
  const [format, setFormat] = useState<MessageFormat>(endpoint?.format ?? 'churndesk');
  const [events, setEvents] = useState<EventType[]>((endpoint?.events as EventType[]) ?? ['churn.logged', 'health.poor']);
  const [enabled, setEnabled] = useState(endpoint?.enabled ?? true);
  const [rotate, setRotate] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (events.length === 0) {
      setErrors({ events: ta('eventsRequired') });
      return;
    }
    const body: EndpointInput = { name: name.trim(), url: url.trim(), format, events, enabled, rotate_secret: rotate || undefined };
    setBusy(true);
    try {
      onSaved(endpoint ? await updateEndpoint(endpoint.id, body) : await createEndpoint(body));
    } catch (err) {
      const e = toApiError(err);
      const { errors: fe, rest } = fieldErrorsFor(e, FIELDS);
      for (const k of Object.keys(rest)) if (k.startsWith('events')) fe.events = rest[k];
      setErrors(fe);
      if (Object.keys(fe).length === 0) notifyError(ta('saveFailed'), e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={endpoint ? ta('edit') : ta('add')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <TextInput label={ta('name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} required data-autofocus data-testid="endpoint-name" />
          <TextInput label={ta('url')} description={ta('urlHint')} value={url} onChange={(e) => setUrl(e.currentTarget.value)} error={errors.url} required placeholder="https://hooks.slack.com/services/…" data-testid="endpoint-url" />
          <Select
            label={ta('format')}
            value={format}
            onChange={(v) => v && setFormat(v as MessageFormat)}
            allowDeselect={false}
            data={[
              { value: 'churndesk', label: ta('formatChurndesk') },
              { value: 'slack', label: ta('formatSlack') },
            ]}
            error={errors.format}
            data-testid="endpoint-format"
          />
          <Checkbox.Group label={ta('events')} value={events} onChange={(v) => setEvents(v as EventType[])} error={errors.events}>
            <Stack gap={6} mt={6}>
              {EVENT_TYPES.map((ev) => (
                <Checkbox key={ev} value={ev} label={ta(`event.${ev}`)} data-testid={`endpoint-event-${ev}`} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Switch label={ta('enabledLabel')} checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} data-testid="endpoint-enabled" />
          {endpoint && <Checkbox label={ta('rotate')} checked={rotate} onChange={(e) => setRotate(e.currentTarget.checked)} />}
          <FormFooter submitLabel={ta('save')} onCancel={onClose} saving={busy} submitTestId="endpoint-save" />
        </Stack>
      </form>
    </Modal>
  );
}
