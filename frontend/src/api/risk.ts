import { client, unwrap } from './client';
import type { components } from './schema';

type S = components['schemas'];
export type RiskModelStatus = S['RiskModelStatus'];
export type RiskModel = S['RiskModel'];
export type RiskCoefficient = S['RiskCoefficient'];
export type RiskBacktest = S['RiskBacktest'];
export type RiskScores = S['RiskScores'];
export type AccountRisk = S['RiskAccountRisk'];
export type RiskFactor = S['RiskFactor'];

/** riskModel fetches the newest churn-risk model with its backtest, or why there is none. */
export function riskModel() {
  return unwrap(client.GET('/api/v1/risk/model'));
}

/** trainRisk trains and stores a new model as of today; the server says why when there are too few churns. */
export function trainRisk() {
  return unwrap(client.POST('/api/v1/risk/train', { body: {} }));
}

/** riskScores fetches the live accounts' risk, riskiest first; stored answers from today's stored forecasts (no factors) when there are any. */
export function riskScores(limit: number, lang: string, stored = false) {
  return unwrap(client.GET('/api/v1/risk/scores', { params: { query: { limit, lang: lang as 'en' | 'ru' | 'pl', stored } } }));
}

/** accountRisk fetches one live account's risk with its factors. */
export function accountRisk(id: number, lang: string) {
  return unwrap(client.GET('/api/v1/risk/accounts/{id}', { params: { path: { id }, query: { lang: lang as 'en' | 'ru' | 'pl' } } }));
}
