import type { ReactNode } from 'react';
import { DashboardPage } from './screens/dashboard/DashboardPage';
import { AccountsPage } from './screens/accounts/AccountsPage';
import { AccountPage } from './screens/accounts/AccountPage';
import { CrmLink } from './screens/accounts/CrmLink';
import { SettingsPage } from './screens/settings/SettingsPage';
import { ComingSoon } from './screens/placeholder/ComingSoon';
import { ChurnLogPage } from './screens/churn/ChurnLogPage';
import { ChurnRecordPage } from './screens/churn/ChurnRecordPage';
import { AnalyticsPage } from './screens/churn/AnalyticsPage';

/** AppRoute is one screen and the path it lives at. */
export interface AppRoute {
  path: string;
  element: ReactNode;
}

/** routes lists every screen; later areas add theirs here. */
export const routes: AppRoute[] = [
  { path: '/', element: <DashboardPage /> },
  { path: '/accounts', element: <AccountsPage /> },
  { path: '/accounts/:id', element: <AccountPage /> },
  { path: '/crm/:source/:externalId', element: <CrmLink /> },
  { path: '/churn', element: <ChurnLogPage /> },
  { path: '/churn/analytics', element: <AnalyticsPage /> },
  { path: '/churn/:id', element: <ChurnRecordPage /> },
  { path: '/loyalty', element: <ComingSoon area="loyalty" /> },
  { path: '/referrals', element: <ComingSoon area="referrals" /> },
  { path: '/qbr', element: <ComingSoon area="qbr" /> },
  { path: '/offboarding', element: <ComingSoon area="offboarding" /> },
  { path: '/settings', element: <SettingsPage /> },
];
