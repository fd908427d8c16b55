export { buildDeck, deckBlob, deckBytes, deckFileName, hexColor, DEFAULT_COLOR } from './build';
export { DECK_TEXTS, deckTexts, type DeckLang, type DeckTexts } from './texts';
export type { DeckBrand, DeckReport } from './types';
