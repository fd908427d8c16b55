import type { Area } from '../../shell/area';

/** loyaltyArea is loyalty tiers and referrals. */
export const loyaltyArea: Area = {};
