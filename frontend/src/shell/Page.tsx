import type { ReactNode } from 'react';
import { Alert, Button, Center, Group, Loader, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, type Icon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/errors';

/** PageHeader is a screen's title, subtitle and actions. */
export function PageHeader({ title, subtitle, actions }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-end" mb="lg" wrap="wrap">
      <div>
        <Title order={2}>{title}</Title>
        {subtitle && (
          <Text c="dimmed" size="sm" mt={2}>
            {subtitle}
          </Text>
        )}
      </div>
      {actions && <Group gap="sm">{actions}</Group>}
    </Group>
  );
}

/** EmptyState explains an empty screen and offers what to do next. */
export function EmptyState({ icon: IconCmp, title, body, action }: { icon: Icon; title: ReactNode; body: ReactNode; action?: ReactNode }) {
  return (
    <Center py={48}>
      <Stack align="center" gap="xs" maw={520} ta="center">
        <ThemeIcon size={56} radius="xl" variant="light">
          <IconCmp size={30} stroke={1.5} />
        </ThemeIcon>
        <Title order={4} mt="sm">
          {title}
        </Title>
        <Text c="dimmed" size="sm">
          {body}
        </Text>
        {action}
      </Stack>
    </Center>
  );
}

/** ErrorNotice shows a failed load with a retry button. */
export function ErrorNotice({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = error.code === 'network' ? t('errors.network') : error.message;
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('errors.loadFailed')} data-testid="error-notice">
      <Group justify="space-between" align="center">
        <Text size="sm">{message}</Text>
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Group>
    </Alert>
  );
}

/** Loading is the spinner shown while a screen's data arrives. */
export function Loading() {
  return (
    <Center py={64}>
      <Loader size="sm" />
    </Center>
  );
}
