import type { Area } from '../../shell/area';
import { TodayPage } from './TodayPage';

/** careArea is the CSM's daily work: the Today inbox of open tasks. */
export const careArea: Area = {
  routes: [{ path: '/today', element: <TodayPage /> }],
};
