import type { Area } from './shell/area';
import { churnArea } from './screens/churn/area';
import { careArea } from './screens/care/area';
import { healthArea } from './screens/health/area';
import { offboardingArea } from './screens/offboarding/area';
import { loyaltyArea } from './screens/loyalty/area';
import { qbrArea } from './screens/qbr/area';
import { integrationsArea } from './screens/integrations/area';
import { notificationsArea } from './screens/notifications/area';
import { riskArea } from './screens/risk/area';

/** AREAS are the product's parts in the order their panels and cards appear. */
export const AREAS: Area[] = [careArea, healthArea, churnArea, offboardingArea, loyaltyArea, qbrArea, integrationsArea, riskArea, notificationsArea];
