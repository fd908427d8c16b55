import type { Area } from '../../shell/area';

/** qbrArea is QBR value reports and decks. */
export const qbrArea: Area = {};
