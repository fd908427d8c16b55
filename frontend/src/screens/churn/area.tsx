import type { Area } from '../../shell/area';
import { ChurnLogPage } from './ChurnLogPage';
import { ChurnRecordPage } from './ChurnRecordPage';
import { AnalyticsPage } from './AnalyticsPage';
import { ChurnPanel } from './ChurnPanel';

/** churnArea is the churn database: log, records, analytics, and the account panel. */
export const churnArea: Area = {
  routes: [
    { path: '/churn', element: <ChurnLogPage /> },
    { path: '/churn/analytics', element: <AnalyticsPage /> },
    { path: '/churn/:id', element: <ChurnRecordPage /> },
  ],
  accountPanels: [ChurnPanel],
};
