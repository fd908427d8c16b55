import { addAreaTexts, useAreaT } from '../../i18n/area';
import en from '../../i18n/care/en.json';
import ru from '../../i18n/care/ru.json';
import pl from '../../i18n/care/pl.json';

addAreaTexts({ en, ru, pl });

/** useCareT gives the care area's translator (ta), the general one (t) and the language. */
export function useCareT() {
  return useAreaT('care');
}
