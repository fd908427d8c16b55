import { addAreaTexts, useAreaT } from '../../i18n/area';
import en from '../../i18n/qbr/en.json';
import ru from '../../i18n/qbr/ru.json';
import pl from '../../i18n/qbr/pl.json';

addAreaTexts({ en, ru, pl });

/** useQbrT gives the QBR area's translator (ta), the general one (t) and the language. */
export function useQbrT() {
  return useAreaT('qbr');
}
