import { addAreaTexts, useAreaT } from '../../i18n/area';
import en from '../../i18n/risk/en.json';
import ru from '../../i18n/risk/ru.json';
import pl from '../../i18n/risk/pl.json';

addAreaTexts({ en, ru, pl });

/** useRiskT gives the risk area's translator (keys without the "risk." prefix), the general one and the language. */
export function useRiskT() {
  return useAreaT('risk');
}
