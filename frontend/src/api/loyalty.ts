import { client, unwrap } from './client';
import type { components } from './schema';

type S = components['schemas'];
export type Tier = S['LoyaltyTier'];
export type TierInput = S['LoyaltyTierInput'];
export type Benefit = S['LoyaltyBenefit'];
export type BenefitKind = Benefit['kind'];
export type HealthClass = NonNullable<TierInput['min_health']>;
export type Distribution = S['LoyaltyDistribution'];
export type DistributionRow = S['LoyaltyDistributionRow'];
export type EvalResult = S['LoyaltyEvalResult'];
export type Preview = S['LoyaltyPreview'];
export type AccountLoyalty = S['LoyaltyAccountLoyalty'];
export type TierMove = S['LoyaltyMove'];
export type AccountMove = S['LoyaltyAccountMove'];
export type MoveList = S['LoyaltyMoveList'];
export type OverrideInput = S['LoyaltyOverrideInput'];
export type BenefitUseInput = S['LoyaltyBenefitUseInput'];
export type Referral = S['ReferralsReferral'];
export type ReferralInput = S['ReferralsInput'];
export type ReferralStatus = Referral['status'];
export type Channel = ReferralInput['channel'];
export type ConvertInput = S['ReferralsConvertInput'];
export type RewardSide = S['ReferralsRewardInput']['side'];
export type RewardStatus = Referral['referrer_reward_status'];
export type ReferralFigures = S['ReferralsFigures'];
export type Outstanding = S['ReferralsOutstanding'];
export type Advocate = S['ReferralsAdvocate'];
export type Suggestion = S['ReferralsSuggestion'];

/** BENEFIT_KINDS are the kinds of benefit a tier can bring (domain.md). */
export const BENEFIT_KINDS = [
  'priority_service',
  'personalised_offers',
  'early_access',
  'recognition',
  'exclusive_content',
  'exclusive_events',
] as const satisfies readonly BenefitKind[];

/** HEALTH_CLASSES are the health classes a tier can require, worst first. */
export const HEALTH_CLASSES = ['poor', 'average', 'good'] as const satisfies readonly HealthClass[];

/** CHANNELS are where a referral came from. */
export const CHANNELS = ['email', 'call', 'event', 'partner', 'website', 'other'] as const satisfies readonly Channel[];

/** tiers lists every tier, best first, with its account count. */
export function tiers() {
  return unwrap(client.GET('/api/v1/tiers'));
}

/** createTier adds a tier. */
export function createTier(input: TierInput) {
  return unwrap(client.POST('/api/v1/tiers', { body: input }));
}

/** updateTier replaces tier id. */
export function updateTier(id: number, input: TierInput) {
  return unwrap(client.PUT('/api/v1/tiers/{id}', { params: { path: { id } }, body: input }));
}

/** deleteTier removes tier id. */
export async function deleteTier(id: number): Promise<void> {
  await unwrap(client.DELETE('/api/v1/tiers/{id}', { params: { path: { id } } }));
}

/** previewTiers counts where live accounts would land under proposed tiers. */
export function previewTiers(input: TierInput[]) {
  return unwrap(client.POST('/api/v1/tiers/preview', { body: { tiers: input } }));
}

/** evaluateTiers places every live account in its tier now and logs the moves. */
export function evaluateTiers(asOf?: string) {
  return unwrap(client.POST('/api/v1/tiers/evaluate', { body: asOf ? { as_of: asOf } : {} }));
}

/** distribution fetches accounts, MRR and 12-month retention per tier. */
export function distribution() {
  return unwrap(client.GET('/api/v1/tiers/distribution'));
}

/** tierMoves fetches one page of tier moves of every account, newest first. */
export function tierMoves(q: { limit?: number; offset?: number }) {
  return unwrap(client.GET('/api/v1/tiers/moves', { params: { query: q } }));
}

/** accountLoyalty fetches an account's tier, benefits, override, moves and benefits used. */
export function accountLoyalty(accountId: number) {
  return unwrap(client.GET('/api/v1/accounts/{id}/loyalty', { params: { path: { id: accountId } } }));
}

/** setOverride pins an account to a tier (tier_id null: no tier). */
export function setOverride(accountId: number, input: OverrideInput) {
  return unwrap(client.PUT('/api/v1/accounts/{id}/tier-override', { params: { path: { id: accountId } }, body: input }));
}

/** clearOverride removes an account's override. */
export function clearOverride(accountId: number) {
  return unwrap(client.DELETE('/api/v1/accounts/{id}/tier-override', { params: { path: { id: accountId } } }));
}

/** recordBenefit records a benefit granted to or used by an account. */
export function recordBenefit(accountId: number, input: BenefitUseInput) {
  return unwrap(client.POST('/api/v1/accounts/{id}/benefits', { params: { path: { id: accountId } }, body: input }));
}

/** ReferralQuery filters the referral list. */
export interface ReferralQuery {
  status?: ReferralStatus;
  referrer_account_id?: number;
  q?: string;
  limit?: number;
  offset?: number;
}

const clean = <T extends object>(q: T): T =>
  Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '' && v !== null)) as T;

/** listReferrals fetches referrals, newest first. */
export function listReferrals(q: ReferralQuery = {}) {
  return unwrap(client.GET('/api/v1/referrals', { params: { query: clean(q) } }));
}

/** getReferral fetches one referral. */
export function getReferral(id: number) {
  return unwrap(client.GET('/api/v1/referrals/{id}', { params: { path: { id } } }));
}

/** createReferral records a referral (status invited, rewards pending). */
export function createReferral(input: ReferralInput) {
  return unwrap(client.POST('/api/v1/referrals', { body: input }));
}

/** updateReferral replaces a referral's typed fields. */
export function updateReferral(id: number, input: ReferralInput) {
  return unwrap(client.PUT('/api/v1/referrals/{id}', { params: { path: { id } }, body: input }));
}

/** deleteReferral deletes a referral. */
export async function deleteReferral(id: number): Promise<void> {
  await unwrap(client.DELETE('/api/v1/referrals/{id}', { params: { path: { id } } }));
}

/** moveReferral changes a referral's status (converting goes through convertReferral). */
export function moveReferral(id: number, status: Exclude<ReferralStatus, 'converted'>) {
  return unwrap(client.POST('/api/v1/referrals/{id}/status', { params: { path: { id } }, body: { status } }));
}

/** convertReferral links the referral to an existing account or creates one. */
export function convertReferral(id: number, input: ConvertInput) {
  return unwrap(client.POST('/api/v1/referrals/{id}/convert', { params: { path: { id } }, body: input }));
}

/** advanceReward moves one side's reward to approved or issued. */
export function advanceReward(id: number, side: RewardSide, status: 'approved' | 'issued') {
  return unwrap(client.POST('/api/v1/referrals/{id}/reward', { params: { path: { id } }, body: { side, status } }));
}

/** referralFigures fetches conversion rate, MRR from referrals, top advocates and rewards outstanding. */
export function referralFigures() {
  return unwrap(client.GET('/api/v1/referrals/figures'));
}

/** referralSuggestions lists healthy promoters who have not referred anyone yet. */
export function referralSuggestions() {
  return unwrap(client.GET('/api/v1/referrals/suggestions'));
}
