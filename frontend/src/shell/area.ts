import type { ComponentType, ReactNode } from 'react';
import type { Account } from '../api/types';

/** AppRoute is one screen and the path it lives at. */
export interface AppRoute {
  path: string;
  element: ReactNode;
}

/** AccountPanelProps are what every account-page panel receives. */
export interface AccountPanelProps {
  account: Account;
  onChanged: () => void;
}

/**
 * Area is what one part of the product (health, offboarding, loyalty…) adds
 * to the shell: its screens, panels on the account page and the dashboard,
 * and cards on the settings page. Each area declares itself in its own
 * screens/<area>/area.tsx; src/areas.ts lists them in order.
 */
export interface Area {
  routes?: AppRoute[];
  accountPanels?: ComponentType<AccountPanelProps>[];
  dashboardPanels?: ComponentType[];
  settingsCards?: ComponentType[];
}
