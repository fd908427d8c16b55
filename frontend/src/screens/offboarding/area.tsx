import type { Area } from '../../shell/area';
import './i18n';
import { BoardPage } from './BoardPage';
import { ChecklistPage } from './ChecklistPage';
import { TemplatesPage } from './TemplatesPage';
import { OffboardingPanel } from './OffboardingPanel';
import { OffboardingSettingsCard } from './OffboardingSettingsCard';

/** offboardingArea is offboarding checklists: the board, one checklist, the account panel and the template editor. */
export const offboardingArea: Area = {
  routes: [
    { path: '/offboarding', element: <BoardPage /> },
    { path: '/offboarding/:id', element: <ChecklistPage /> },
    { path: '/settings/offboarding', element: <TemplatesPage /> },
  ],
  accountPanels: [OffboardingPanel],
  settingsCards: [OffboardingSettingsCard],
};
