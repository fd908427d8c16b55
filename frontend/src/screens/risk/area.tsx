import type { Area } from '../../shell/area';
import { RiskCard } from './RiskCard';
import { RiskDashboard } from './RiskDashboard';
import { RiskModelPage } from './RiskModelPage';
import { RiskSettingsCard } from './RiskSettingsCard';

/** riskArea is the churn-risk forecast: its model page, the account risk card, the dashboard section and the settings link. */
export const riskArea: Area = {
  routes: [{ path: '/settings/risk-model', element: <RiskModelPage /> }],
  accountPanels: [RiskCard],
  dashboardPanels: [RiskDashboard],
  settingsCards: [RiskSettingsCard],
};
