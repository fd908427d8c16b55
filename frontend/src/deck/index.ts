export { buildDeck, deckBlob, deckBytes, deckFileName, emptySections, hexColor, DEFAULT_COLOR, DECK_SECTIONS, type DeckOptions, type DeckSection } from './build';
export { DECK_TEXTS, deckTexts, type DeckLang, type DeckTexts } from './texts';
export type { DeckBrand, DeckReport } from './types';
export { qbrFileName, slug } from './fileName';
