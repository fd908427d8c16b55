import type { Area } from '../../shell/area';
import { ImportPage } from './ImportPage';
import { TokensCard } from './TokensCard';
import { WebhooksCard } from './WebhooksCard';

/** integrationsArea is imports, API tokens and webhooks. */
export const integrationsArea: Area = {
  routes: [{ path: '/import', element: <ImportPage /> }],
  settingsCards: [TokensCard, WebhooksCard],
};
