import { addAreaTexts, useAreaT } from '../../i18n/area';
import en from '../../i18n/offboarding/en.json';
import ru from '../../i18n/offboarding/ru.json';
import pl from '../../i18n/offboarding/pl.json';

addAreaTexts({ en, ru, pl });

/** useOffT gives the offboarding area's translator (keys without the "offboarding." prefix), the general one and the language. */
export function useOffT() {
  return useAreaT('offboarding');
}
