import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import en from '../../i18n/churn/en.json';
import ru from '../../i18n/churn/ru.json';
import pl from '../../i18n/churn/pl.json';

i18n.addResourceBundle('en', 'translation', en, true, true);
i18n.addResourceBundle('ru', 'translation', ru, true, true);
i18n.addResourceBundle('pl', 'translation', pl, true, true);

/** ChurnT translates a key of the churn area (without the "churn." prefix). */
export type ChurnT = (key: string, opts?: Record<string, unknown>) => string;

/** useChurnT gives the churn area's translator, the interface language and the general translator. */
export function useChurnT() {
  const { t, i18n: inst } = useTranslation();
  const lang = inst.resolvedLanguage ?? inst.language ?? 'en';
  const tc = useCallback<ChurnT>((key, opts) => (t as unknown as (k: string, o?: object) => string)(`churn.${key}`, opts), [t]);
  return { tc, t, lang };
}
