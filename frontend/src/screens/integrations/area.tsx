import type { Area } from '../../shell/area';

/** integrationsArea is imports, API tokens and webhooks. */
export const integrationsArea: Area = {};
