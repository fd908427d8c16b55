import { addAreaTexts, useAreaT } from '../../i18n/area';
import en from '../../i18n/integrations/en.json';
import ru from '../../i18n/integrations/ru.json';
import pl from '../../i18n/integrations/pl.json';

addAreaTexts({ en, ru, pl });

/** useIntT gives the integrations area's translator (keys without the "integrations." prefix). */
export function useIntT() {
  return useAreaT('integrations');
}
