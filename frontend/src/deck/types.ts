import type { components } from '../api/schema';

/** DeckReport is a QBR report as GET /api/v1/accounts/{id}/qbr returns it. */
export type DeckReport = components['schemas']['QbrReport'];

/** DeckBrand is the team's name, colour and logo. */
export type DeckBrand = components['schemas']['QbrBrand'];
