import type { Area } from '../../shell/area';
import './i18n';
import { TasksPanel } from './TasksPanel';
import { TeamCard } from './TeamCard';
import { TodayPage } from './TodayPage';

/** careArea is the CSM's daily work: the Today inbox, an account's open tasks and firings, and the team's members. */
export const careArea: Area = {
  routes: [{ path: '/today', element: <TodayPage /> }],
  accountPanels: [TasksPanel],
  settingsCards: [TeamCard],
};
