import type { Area } from '../../shell/area';
import './i18n';
import { LoyaltyPage } from './LoyaltyPage';
import { TierEditorPage } from './TierEditorPage';
import { ReferralsPage } from './ReferralsPage';
import { LoyaltyPanel } from './LoyaltyPanel';
import { LoyaltySettingsCard } from './SettingsCard';

/** loyaltyArea is loyalty tiers and referrals: the tier overview and editor, the referral board, and the account panel. */
export const loyaltyArea: Area = {
  routes: [
    { path: '/loyalty', element: <LoyaltyPage /> },
    { path: '/loyalty/tiers', element: <TierEditorPage /> },
    { path: '/referrals', element: <ReferralsPage /> },
  ],
  accountPanels: [LoyaltyPanel],
  settingsCards: [LoyaltySettingsCard],
};
