import { useState } from 'react';
import { Anchor, Card, Code, Group, PasswordInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Title, useMantineColorScheme, useComputedColorScheme } from '@mantine/core';
import { TOKEN_KEY, USER_KEY } from '../../api/client';
import { useTranslation } from 'react-i18next';
import { health } from '../../api/system';
import { useApi } from '../../api/useApi';
import { LANGUAGES, setLanguage, type LanguageCode } from '../../i18n';
import { ErrorNotice, PageHeader } from '../../shell/Page';
import { BackupCard } from './BackupCard';
import { CurrencyCard } from './CurrencyCard';
import { TimeZoneCard } from './TimeZoneCard';
import { AREAS } from '../../areas';

const settingsCards = AREAS.flatMap((a) => a.settingsCards ?? []);

/** SettingsPage holds this computer's preferences and tells where the data lives. */
export function SettingsPage() {
  const { t, i18n } = useTranslation();
  const info = useApi(() => health(), []);
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const [user, setUser] = useState(() => localStorage.getItem(USER_KEY) ?? '');
  const [token, setToken] = useState(() => localStorage.getItem(TOKEN_KEY) ?? '');
  const keep = (key: string, value: string) => (value.trim() ? localStorage.setItem(key, value.trim()) : localStorage.removeItem(key));
  const engineText = (engine?: string) =>
    engine === 'sqlite' ? t('settings.engineSqlite') : engine === 'postgres' ? t('settings.enginePostgres') : t('settings.engineOther', { engine });

  return (
    <>
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card>
          <Title order={5} mb="md">
            {t('settings.appearance')}
          </Title>
          <Stack>
            <Select
              label={t('settings.language')}
              description={t('settings.languageHint')}
              value={i18n.resolvedLanguage ?? 'en'}
              allowDeselect={false}
              data={LANGUAGES.map((l) => ({ value: l.code, label: l.label }))}
              onChange={(v) => v && void setLanguage(v as LanguageCode)}
            />
            <TextInput
              label={t('auth.user')}
              description={t('auth.userHint')}
              value={user}
              onChange={(e) => setUser(e.currentTarget.value)}
              onBlur={() => keep(USER_KEY, user)}
              data-testid="settings-user"
            />
            <PasswordInput
              label={t('auth.token')}
              description={t('auth.tokenHint')}
              value={token}
              onChange={(e) => setToken(e.currentTarget.value)}
              onBlur={() => keep(TOKEN_KEY, token)}
              placeholder="cd_…"
            />
            <div>
              <Text size="sm" fw={500} mb={4}>
                {t('settings.theme')}
              </Text>
              <SegmentedControl
                value={scheme}
                onChange={(v) => setColorScheme(v as 'light' | 'dark')}
                data={[
                  { value: 'light', label: t('settings.themeLight') },
                  { value: 'dark', label: t('settings.themeDark') },
                ]}
              />
            </div>
          </Stack>
        </Card>
        <Card>
          <Title order={5} mb="md">
            {t('settings.data')}
          </Title>
          {info.error && <ErrorNotice error={info.error} onRetry={info.reload} />}
          {info.data && (
            <Stack gap="sm">
              <Text size="sm">{engineText(info.data.engine)}</Text>
              <Code block data-testid="data-location">
                {info.data.location}
              </Code>
              <Text size="xs" c="dimmed">
                {t('settings.dbHint')}
              </Text>
              <Group gap="xs">
                <Text size="sm" fw={500}>
                  {t('settings.version')}:
                </Text>
                <Text size="sm">{info.data.version}</Text>
              </Group>
              <Text size="sm">
                {t('settings.apiHint')}{' '}
                <Anchor href="/api/v1/openapi.json" target="_blank">
                  /api/v1/openapi.json
                </Anchor>
              </Text>
            </Stack>
          )}
        </Card>
        <CurrencyCard />
        <TimeZoneCard />
        {info.data?.engine === 'sqlite' && <BackupCard />}
        {settingsCards.map((SettingsCard, i) => (
          <SettingsCard key={i} />
        ))}
      </SimpleGrid>
    </>
  );
}
