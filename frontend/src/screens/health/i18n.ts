import { addAreaTexts, useAreaT } from '../../i18n/area';
import en from '../../i18n/health/en.json';
import ru from '../../i18n/health/ru.json';
import pl from '../../i18n/health/pl.json';

addAreaTexts({ en, ru, pl });

/** useHealthT gives the health area's translator (keys without the "health." prefix), the general one and the language. */
export function useHealthT() {
  return useAreaT('health');
}
