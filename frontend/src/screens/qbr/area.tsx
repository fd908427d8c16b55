import type { Area } from '../../shell/area';
import { BrandCard } from './BrandCard';
import { QbrEditorPage } from './QbrEditorPage';
import { QbrListPage } from './QbrListPage';
import { QbrPanel } from './QbrPanel';

/** qbrArea is QBR value reports and decks: the quarter's list, the editor, the account panel and the brand card. */
export const qbrArea: Area = {
  routes: [
    { path: '/qbr', element: <QbrListPage /> },
    { path: '/qbr/:accountId/:quarter', element: <QbrEditorPage /> },
  ],
  accountPanels: [QbrPanel],
  settingsCards: [BrandCard],
};
