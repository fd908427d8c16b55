import { DashboardPage } from './screens/dashboard/DashboardPage';
import { AccountsPage } from './screens/accounts/AccountsPage';
import { AccountPage } from './screens/accounts/AccountPage';
import { CrmLink } from './screens/accounts/CrmLink';
import { SettingsPage } from './screens/settings/SettingsPage';
import type { AppRoute } from './shell/area';
import { AREAS } from './areas';

export type { AppRoute } from './shell/area';

const areaRoutes = AREAS.flatMap((a) => a.routes ?? []);

/** routes lists every screen: the shell's own, then each area's. */
export const routes: AppRoute[] = [
  { path: '/', element: <DashboardPage /> },
  { path: '/accounts', element: <AccountsPage /> },
  { path: '/accounts/:id', element: <AccountPage /> },
  { path: '/crm/:source/:externalId', element: <CrmLink /> },
  { path: '/settings', element: <SettingsPage /> },
  ...areaRoutes,
];
