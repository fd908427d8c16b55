import type { Area } from '../../shell/area';
import { HealthPanel } from './HealthPanel';
import { HealthDashboard } from './HealthDashboard';
import { HealthModelPage } from './HealthModelPage';
import { PlaybooksPage } from './PlaybooksPage';
import { HealthSettingsCard } from './HealthSettingsCard';

/** healthArea is engagement and health: dashboard health panel, account health panel, health model and playbook settings. */
export const healthArea: Area = {
  routes: [
    { path: '/settings/health-model', element: <HealthModelPage /> },
    { path: '/settings/playbooks', element: <PlaybooksPage /> },
  ],
  accountPanels: [HealthPanel],
  dashboardPanels: [HealthDashboard],
  settingsCards: [HealthSettingsCard],
};
