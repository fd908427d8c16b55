import {
  ActionIcon,
  AppShell,
  Burger,
  Group,
  NavLink,
  ScrollArea,
  Select,
  Text,
  Title,
  Tooltip,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAddressBook,
  IconAward,
  IconChartLine,
  IconChecklist,
  IconDoorExit,
  IconFileImport,
  IconHeartHandshake,
  IconLayoutDashboard,
  IconMoon,
  IconPresentation,
  IconSettings,
  IconSun,
  IconUserMinus,
  type Icon,
} from '@tabler/icons-react';
import { Outlet, NavLink as RouterLink, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type LanguageCode } from '../i18n';
import { TokenPrompt } from './TokenPrompt';

/** NavItem is one entry of the side navigation. */
export interface NavItem {
  to: string;
  label: string; // i18n key
  icon: Icon;
}

/** NAV lists the navigation in sections. */
export const NAV: { section: string; items: NavItem[] }[] = [
  {
    section: 'nav.sectionPortfolio',
    items: [
      { to: '/', label: 'nav.dashboard', icon: IconLayoutDashboard },
      { to: '/today', label: 'nav.today', icon: IconChecklist },
      { to: '/accounts', label: 'nav.accounts', icon: IconAddressBook },
      { to: '/import', label: 'nav.import', icon: IconFileImport },
    ],
  },
  {
    section: 'nav.sectionRetention',
    items: [
      { to: '/churn', label: 'nav.churn', icon: IconUserMinus },
      { to: '/loyalty', label: 'nav.loyalty', icon: IconAward },
      { to: '/referrals', label: 'nav.referrals', icon: IconHeartHandshake },
      { to: '/qbr', label: 'nav.qbr', icon: IconPresentation },
      { to: '/offboarding', label: 'nav.offboarding', icon: IconDoorExit },
    ],
  },
];

function isActive(path: string, to: string): boolean {
  return to === '/' ? path === '/' : path === to || path.startsWith(to + '/');
}

/** Layout is the app frame: header with language and theme, side navigation, and the screen. */
export function Layout() {
  const { t, i18n } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const { pathname } = useLocation();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');

  const link = (item: NavItem) => (
    <NavLink
      key={item.to}
      component={RouterLink}
      to={item.to}
      label={t(item.label as never)}
      leftSection={<item.icon size={18} stroke={1.6} />}
      active={isActive(pathname, item.to)}
      onClick={close}
      data-testid={`nav-${item.to === '/' ? 'dashboard' : item.to.slice(1)}`}
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    />
  );

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggleNavigation')} />
            <IconChartLine size={24} color="var(--mantine-color-brand-6)" stroke={2} />
            <Title order={4} fw={700}>
              {t('app.name')}
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="md">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Select
              aria-label={t('header.language')}
              data-testid="language-select"
              size="xs"
              w={120}
              allowDeselect={false}
              value={i18n.resolvedLanguage ?? 'en'}
              data={LANGUAGES.map((l) => ({ value: l.code, label: l.label }))}
              onChange={(v) => v && void setLanguage(v as LanguageCode)}
              comboboxProps={{ withinPortal: true }}
            />
            <Tooltip label={t('header.toggleTheme')}>
              <ActionIcon
                variant="default"
                size="lg"
                aria-label={t('header.toggleTheme')}
                data-testid="theme-toggle"
                onClick={() => setColorScheme(scheme === 'dark' ? 'light' : 'dark')}
              >
                {scheme === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        <AppShell.Section grow component={ScrollArea}>
          {NAV.map((group) => (
            <div key={group.section} style={{ marginBottom: 12 }}>
              <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pb={4}>
                {t(group.section as never)}
              </Text>
              {group.items.map(link)}
            </div>
          ))}
        </AppShell.Section>
        <AppShell.Section>{link({ to: '/settings', label: 'nav.settings', icon: IconSettings })}</AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
        <TokenPrompt />
      </AppShell.Main>
    </AppShell>
  );
}
