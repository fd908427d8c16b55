import { addAreaTexts, useAreaT, type AreaT } from '../../i18n/area';
import en from '../../i18n/churn/en.json';
import ru from '../../i18n/churn/ru.json';
import pl from '../../i18n/churn/pl.json';

addAreaTexts({ en, ru, pl });

/** ChurnT translates a key of the churn area (without the "churn." prefix). */
export type ChurnT = AreaT;

/** useChurnT gives the churn area's translator, the interface language and the general translator. */
export function useChurnT() {
  const { ta, t, lang } = useAreaT('churn');
  return { tc: ta, t, lang };
}
