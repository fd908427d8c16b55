import { useState, type ReactNode } from 'react';
import { ActionIcon, Alert, Badge, Button, Card, Code, CopyButton, Divider, Group, PasswordInput, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy, IconRefresh, IconWebhook } from '@tabler/icons-react';
import { getWebhookSecrets, patchWebhookSecrets, type SecretsPatch } from '../../api/integrations';
import { toApiError } from '../../api/errors';
import { useApi } from '../../api/useApi';
import { useConfirm } from '../../shell/modals';
import { notifyError, notifySuccess } from '../../shell/notify';
import { ErrorNotice } from '../../shell/Page';
import { useIntT } from './i18n';
import { isLocalOrigin, maskSecret, webhookURL } from './format';

function Copy({ value, testId }: { value: string; testId?: string }) {
  const { ta } = useIntT();
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? ta('copied') : ta('copy')}>
          <ActionIcon variant="light" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={ta('copy')} data-testid={testId}>
            {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" fw={500} mb={4}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap">
        {children}
      </Group>
    </div>
  );
}

/** WebhooksCard sets the webhook signing secrets and shows the URLs to paste into Stripe or automation tools. */
export function WebhooksCard() {
  const { ta } = useIntT();
  const confirm = useConfirm();
  const view = useApi(() => getWebhookSecrets(), []);
  const [stripe, setStripe] = useState('');
  const [generic, setGeneric] = useState('');
  const [errors, setErrors] = useState<{ stripe?: string; generic?: string }>({});
  const [busy, setBusy] = useState<'' | 'stripe' | 'generic' | 'generate' | 'removeStripe'>('');
  const [shown, setShown] = useState<string | null>(null);
  const origin = typeof window !== 'undefined' ? window.location.origin : '';
  const v = view.data;

  const patch = async (what: typeof busy, body: SecretsPatch, done: string) => {
    setBusy(what);
    setErrors({});
    try {
      const res = await patchWebhookSecrets(body);
      if (res.generic) setShown(res.generic);
      if (what === 'stripe') setStripe('');
      if (what === 'generic') setGeneric('');
      notifySuccess(done);
      view.reload();
    } catch (err) {
      const e = toApiError(err);
      if (e.fields.stripe || e.fields.generic) setErrors({ stripe: e.fields.stripe, generic: e.fields.generic });
      else notifyError(ta('webhooks.saveFailed'), e);
    } finally {
      setBusy('');
    }
  };

  const saveStripe = () => {
    if (!stripe.trim().startsWith('whsec_')) {
      setErrors({ stripe: ta('webhooks.stripeFormat') });
      return;
    }
    void patch('stripe', { stripe: stripe.trim() }, ta('webhooks.stripeSaved'));
  };
  const saveGeneric = () => {
    if (generic.trim().length < 16) {
      setErrors({ generic: ta('webhooks.genericLength') });
      return;
    }
    void patch('generic', { generic: generic.trim() }, ta('webhooks.genericSaved'));
  };
  const generate = async () => {
    if (v?.generic_set) {
      const ok = await confirm({ title: ta('webhooks.regenerateTitle'), body: ta('webhooks.regenerateBody'), confirmLabel: ta('webhooks.regenerate'), danger: true });
      if (!ok) return;
    }
    void patch('generate', { generate_generic: true }, ta('webhooks.generated'));
  };
  const removeStripe = async () => {
    const ok = await confirm({ title: ta('webhooks.removeStripeTitle'), body: ta('webhooks.removeStripeBody'), confirmLabel: ta('webhooks.remove'), danger: true });
    if (ok) void patch('removeStripe', { stripe: '' }, ta('webhooks.stripeRemoved'));
  };

  const status = (set: boolean | undefined, end: string | undefined, prefix: string, testId: string) =>
    set ? (
      <Badge variant="light" color="teal" tt="none" ff="monospace" data-testid={testId}>
        {maskSecret(end ?? '', prefix)}
      </Badge>
    ) : (
      <Badge variant="light" color="gray" data-testid={testId}>
        {ta('webhooks.notSet')}
      </Badge>
    );

  return (
    <Card data-testid="webhooks-card">
      <Group gap="xs" mb={4}>
        <IconWebhook size={18} />
        <Title order={5}>{ta('webhooks.title')}</Title>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {ta('webhooks.intro')}
      </Text>
      {view.error && <ErrorNotice error={view.error} onRetry={view.reload} />}
      <Stack>
        {isLocalOrigin(origin) && (
          <Alert color="blue" variant="light" icon={<IconAlertTriangle size={16} />}>
            {ta('webhooks.localHint')}
          </Alert>
        )}
        <Group justify="space-between">
          <Text fw={600}>Stripe</Text>
          {status(v?.stripe_set, v?.stripe_end, 'whsec_', 'stripe-status')}
        </Group>
        <Line label={ta('webhooks.stripeURL')}>
          <Code style={{ flex: 1 }} data-testid="stripe-url">
            {webhookURL(origin, 'stripe')}
          </Code>
          <Copy value={webhookURL(origin, 'stripe')} />
        </Line>
        <Text size="xs" c="dimmed">
          {ta('webhooks.stripeEvents')}
        </Text>
        <Group align="flex-start" gap="sm">
          <PasswordInput
            style={{ flex: 1 }}
            label={v?.stripe_set ? ta('webhooks.stripeReplace') : ta('webhooks.stripeSet')}
            placeholder="whsec_…"
            value={stripe}
            onChange={(e) => {
              setStripe(e.currentTarget.value);
              setErrors({});
            }}
            onKeyDown={(e) => e.key === 'Enter' && saveStripe()}
            error={errors.stripe}
            autoComplete="off"
            data-testid="stripe-secret"
          />
          <Button mt={25} onClick={saveStripe} loading={busy === 'stripe'} disabled={!stripe.trim()} data-testid="stripe-save">
            {t_save(ta, v?.stripe_set)}
          </Button>
          {v?.stripe_set && (
            <Button mt={25} variant="subtle" color="red" onClick={removeStripe} loading={busy === 'removeStripe'}>
              {ta('webhooks.remove')}
            </Button>
          )}
        </Group>

        <Divider />
        <Group justify="space-between">
          <Text fw={600}>{ta('webhooks.generic')}</Text>
          {status(v?.generic_set, v?.generic_end, '', 'generic-status')}
        </Group>
        <Line label={ta('webhooks.genericURL')}>
          <Code style={{ flex: 1 }} data-testid="generic-url">
            {webhookURL(origin, 'generic')}
          </Code>
          <Copy value={webhookURL(origin, 'generic')} />
        </Line>
        <Text size="xs" c="dimmed">
          {ta('webhooks.genericHow')}
        </Text>
        {shown && (
          <Alert color="orange" icon={<IconAlertTriangle size={16} />} title={ta('webhooks.shownTitle')} withCloseButton style={{ flexShrink: 0 }} onClose={() => setShown(null)} data-testid="generic-shown">
            <Text size="sm" mb="xs">
              {ta('webhooks.shownWarning')}
            </Text>
            <Group gap="xs" wrap="nowrap">
              <Code style={{ flex: 1, wordBreak: 'break-all' }} data-testid="generic-secret-shown">
                {shown}
              </Code>
              <Copy value={shown} />
            </Group>
          </Alert>
        )}
        <Group align="flex-start" gap="sm">
          <PasswordInput
            style={{ flex: 1 }}
            label={v?.generic_set ? ta('webhooks.genericReplace') : ta('webhooks.genericSet')}
            placeholder={ta('webhooks.genericPlaceholder')}
            value={generic}
            onChange={(e) => {
              setGeneric(e.currentTarget.value);
              setErrors({});
            }}
            onKeyDown={(e) => e.key === 'Enter' && saveGeneric()}
            error={errors.generic}
            autoComplete="off"
            data-testid="generic-secret"
          />
          <Button mt={25} onClick={saveGeneric} loading={busy === 'generic'} disabled={!generic.trim()} data-testid="generic-save">
            {t_save(ta, v?.generic_set)}
          </Button>
        </Group>
        <Group>
          <Button variant="light" leftSection={<IconRefresh size={16} />} onClick={generate} loading={busy === 'generate'} data-testid="generic-generate">
            {v?.generic_set ? ta('webhooks.regenerate') : ta('webhooks.generate')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function t_save(ta: (k: string) => string, set: boolean | undefined) {
  return set ? ta('webhooks.replace') : ta('webhooks.set');
}
