import type { Area } from '../../shell/area';
import { DeliveryLogCard } from './DeliveryLogCard';
import { NotificationsCard } from './NotificationsCard';

/** notificationsArea is outgoing notifications: endpoints, the digest and the delivery log, all in Settings. */
export const notificationsArea: Area = {
  settingsCards: [NotificationsCard, DeliveryLogCard],
};
