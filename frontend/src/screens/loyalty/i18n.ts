import { addAreaTexts, useAreaT } from '../../i18n/area';
import en from '../../i18n/loyalty/en.json';
import ru from '../../i18n/loyalty/ru.json';
import pl from '../../i18n/loyalty/pl.json';

addAreaTexts({ en, ru, pl });

/** useLoyaltyT gives the loyalty area's translator (ta), the general one (t) and the language. */
export function useLoyaltyT() {
  return useAreaT('loyalty');
}
