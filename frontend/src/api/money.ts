import { client, unwrap } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];

export type RatesTable = Schemas['FxTable'];
export type Rate = Schemas['FxRate'];
export type RateInput = Schemas['FxRateInput'];
export type Conversion = Schemas['FxReport'];
export type ImportResult = Schemas['FxImportResult'];

/** ratesTable fetches the home currency and the exchange rates quoted in it. */
export function ratesTable(): Promise<RatesTable> {
  return unwrap(client.GET('/api/v1/settings/currency'));
}

/** setHomeCurrency changes the currency portfolio figures are converted to. */
export function setHomeCurrency(currency: string): Promise<RatesTable> {
  return unwrap(client.PUT('/api/v1/settings/currency', { body: { currency } }));
}

/** saveRate stores a rate for its currency and day (replacing that day's rate). */
export function saveRate(body: RateInput): Promise<Rate> {
  return unwrap(client.POST('/api/v1/exchange-rates', { body }));
}

/** deleteRate removes one exchange rate. */
export async function deleteRate(id: number): Promise<void> {
  await unwrap(client.DELETE('/api/v1/exchange-rates/{id}', { params: { path: { id } } }));
}

/** importRates stores every rate of a CSV text, or none when a row is wrong. */
export function importRates(csv: string): Promise<ImportResult> {
  return unwrap(client.POST('/api/v1/exchange-rates/import', { body: { csv } }));
}
